/**
 * The RIB check (REF-5, REF-6): a RIB proves the payout IBAN only if its IBAN — the one read
 * from the document and recorded as its fact — is the partner's. SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPdf } from '../../db/seeds/demoFiles';
import { createTestApp, type TestApp } from './harness';
import { expectError, VALID_IBAN } from './helpers';

const OTHER_IBAN = 'DE89370400440532013000';
const DUPONT_SIREN = '812345676'; // offline fixture: DUPONT Marie, active

describe('RIB check: the RIB’s IBAN against the partner’s (REF-5, REF-6)', () => {
  let t: TestApp;
  let support: request.Agent;
  let partnerId: number;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp({ config: { uploadsDir: mkdtempSync(path.join(tmpdir(), 'verification-rib-')) } });
    support = await t.as('support');
    const created = await support.post('/api/partners').send({
      firstName: 'Marie',
      lastName: 'Dupont',
      email: 'marie.dupont.rib@exemple.fr',
      vertical: 'care',
      services: [],
      siren: DUPONT_SIREN,
      iban: VALID_IBAN,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    partnerId = created.body.id;
    expect((await support.post(`/api/partners/${partnerId}/take`)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const uploadRib = async (iban: string) => {
    serial += 1;
    const res = await support
      .post(`/api/partners/${partnerId}/documents`)
      .field('type', 'rib')
      .field('holderName', 'Marie Dupont')
      .field('iban', iban)
      .attach('file', demoPdf(['rib', String(partnerId), String(serial)]), { filename: `rib-${serial}.pdf`, contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const partnerIban = async () => String((await t.db('partners').where('id', partnerId).first()).iban);
  const audit = (resource: string, id: number, action: string) => t.db('auditLog').where({ resource, resourceId: String(id), action });

  it('when a RIB whose IBAN differs from the partner’s is approved, then 422 validation_failed naming both IBANs masked, and nothing changes (REF-5)', async () => {
    const docId = await uploadRib(OTHER_IBAN);
    const err = expectError(await support.post(`/api/documents/${docId}/approve`).send({}), 422, 'validation_failed');
    expect(err.details).toMatchObject({ reason: 'iban_mismatch', documentIban: 'DE89 •••• 3000', partnerIban: 'FR76 •••• 0189' });
    expect(err.message).toContain('DE89 •••• 3000');
    expect(err.message).toContain('FR76 •••• 0189');
    expect(err.message).not.toContain(OTHER_IBAN);
    expect(err.message).not.toContain(' / ');
    const en = expectError(await support.post(`/api/documents/${docId}/approve`).set('Accept-Language', 'en').send({}), 422, 'validation_failed');
    expect(en.message).toBe('The RIB’s IBAN (DE89 •••• 3000) differs from the partner’s IBAN (FR76 •••• 0189).');
    expect((await t.db('documents').where('id', docId).first()).status).toBe('pending');
    expect(await partnerIban()).toBe(VALID_IBAN);
    expect(await audit('documents', docId, 'documents.approve')).toHaveLength(0);
    expect(await audit('partners', partnerId, 'partners.iban_from_rib')).toHaveLength(0);
  });

  it('when the IBAN recorded at approval differs from the partner’s, then the same 422 (the fact checked is the one the approval records) (REF-5)', async () => {
    const docId = await uploadRib(VALID_IBAN);
    const err = expectError(await support.post(`/api/documents/${docId}/approve`).send({ iban: OTHER_IBAN }), 422, 'validation_failed');
    expect(err.details).toMatchObject({ reason: 'iban_mismatch', documentIban: 'DE89 •••• 3000' });
    expect((await t.db('documents').where('id', docId).first()).iban).toBe(VALID_IBAN);
    await support.post(`/api/documents/${docId}/reject`).send({ reason: 'doublon du test' });
  });

  it('when updatePartnerIban is not a boolean, then 400 invalid_request', async () => {
    const docId = await uploadRib(OTHER_IBAN);
    expectError(await support.post(`/api/documents/${docId}/approve`).send({ updatePartnerIban: 'yes' }), 400, 'invalid_request');
    await support.post(`/api/documents/${docId}/reject`).send({ reason: 'doublon du test' });
  });

  it('when the agent asks to update the partner’s IBAN while approving, then the RIB is approved and the partner’s IBAN becomes the RIB’s, audited in the same step (REF-5, REF-6)', async () => {
    const docId = (await t.db('documents').where({ partnerId, type: 'rib', status: 'pending', iban: OTHER_IBAN }).first()).id as number;
    const res = await support.post(`/api/documents/${docId}/approve`).send({ updatePartnerIban: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', iban: OTHER_IBAN });
    expect(await partnerIban()).toBe(OTHER_IBAN);
    const [entry] = await audit('partners', partnerId, 'partners.iban_from_rib');
    expect(entry).toBeDefined();
    expect(JSON.parse(entry.before).iban).toBe(VALID_IBAN);
    expect(JSON.parse(entry.after).iban).toBe(OTHER_IBAN);
    expect(entry.actorId).toBe(2);
    expect(await audit('documents', docId, 'documents.approve')).toHaveLength(1);
  });

  it('when the RIB carries the partner’s IBAN with other spacing and case, then it is approved and the partner’s IBAN is untouched (REF-5)', async () => {
    // An IBAN stored grouped and in lower case (older rows) is still the same account.
    await t.db('partners').where('id', partnerId).update({ iban: 'de89 3704 0044 0532 0130 00' });
    const docId = await uploadRib('DE89 3704 0044 0532 0130 00');
    const res = await support.post(`/api/documents/${docId}/approve`).send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(await partnerIban()).toBe('de89 3704 0044 0532 0130 00');
    expect(await audit('partners', partnerId, 'partners.iban_from_rib')).toHaveLength(1);
  });
});
