/**
 * The verification workspace through the API (REF-1 … REF-9): the queue, taking a
 * file (and losing the race to a colleague), the checklist, documents approved and
 * rejected with their facts, the interview and skills test, approve (refused while the
 * checklist is incomplete) and refuse with an internal reason, reopen, the watch view and
 * the REF-8 flag — every step in the audit trail. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 * One file, though long: it follows one agent's day in order, each step building on the last.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPdf, demoPng } from '../../db/seeds/demoFiles';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError, VALID_IBAN, type TestRow } from './helpers';


const DUPONT_SIREN = '812345676'; // offline fixture: DUPONT Marie, active, 96.02A
const CEASED_SIREN = '823456785'; // offline fixture: ceased
const READY = 8; // demo: in_review, assigned to support, complete

describe('verification workspace', () => {
  let t: TestApp;
  let support: request.Agent;
  let admin: request.Agent;
  let support2: request.Agent;

  beforeAll(async () => {
    t = await createTestApp({ config: { uploadsDir: mkdtempSync(path.join(tmpdir(), 'verification-journey-')) } });
    support = await t.as('support');
    admin = await t.as('admin');
    const created = await admin.post('/api/users').send({ email: 'support2@demo.test', fullName: 'Samir Support', role: 'support', password: 'demo1234demo' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    support2 = request.agent(t.app);
    expect((await support2.post('/api/auth/login').send({ email: 'support2@demo.test', password: 'demo1234demo' })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (agent: request.Agent, partnerId: number, type: string, fields: Record<string, string> = {}, file = demoPdf([type, String(partnerId), JSON.stringify(fields)]), filename = `${type}.pdf`) => {
    let req = agent.post(`/api/partners/${partnerId}/documents`).field('type', type);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename, contentType: 'application/pdf' });
  };
  const verification = async (id: number) => {
    const res = await support.get(`/api/partners/${id}/verification`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { complete: boolean; items: TestRow[]; missing: string[]; [k: string]: any };
  };
  const itemOf = (v: { items: TestRow[] }, code: string) => v.items.find((i) => i.requirement === code)!;
  const auditActions = async (resource: string, id: number | string) =>
    (await t.db('auditLog').where({ resource, resourceId: String(id) }).orderBy('id')).map((r) => r.action as string);

  describe('the whole journey of a hairdresser (REF-1, REF-2, REF-3, REF-6, REF-9)', () => {
    let id: number;

    it('when support registers an applicant, then the file enters the queue with waitingSince = now and what is missing', async () => {
      const res = await support.post('/api/partners').send({
        firstName: 'Marie',
        lastName: 'Dupont',
        email: 'marie.dupont.journey@exemple.fr',
        vertical: 'wellness',
        services: ['haircut'],
        siren: DUPONT_SIREN,
        iban: VALID_IBAN,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      id = res.body.id;
      expect(res.body).toMatchObject({ status: 'applicant', reviewRequestedAt: TEST_NOW.toISOString(), assignedTo: null });
      const queue = await support.get(listUrl('verification-queue', { filter: { id }, range: [0, 9] }));
      expect(queue.status).toBe(200);
      expect(queue.body).toHaveLength(1);
      expect(queue.body[0]).toMatchObject({ id, status: 'applicant', waitingSince: TEST_NOW.toISOString(), waitingDays: 0, complete: false });
      expect(queue.body[0].missing).toEqual(['identity', 'diploma_hairdressing', 'interview', 'skills_test']);
    });

    it('when documents are uploaded before the file is taken, then they are pending; reviewing them needs the file taken first (409 not_taken)', async () => {
      const idDoc = await upload(support, id, 'identity', {}, demoPng(9001), 'cni.png');
      expect(idDoc.status, JSON.stringify(idDoc.body)).toBe(201);
      const diploma = await upload(support, id, 'diploma');
      expect(diploma.status).toBe(201);
      expectError(await support.post(`/api/documents/${idDoc.body.id}/approve`).send({ expiresAt: '2031-01-01' }), 409, 'not_taken');
    });

    it('when support takes the file, then it is in_review and assigned to them (REF-9), with a partners.take audit row', async () => {
      const res = await support.post(`/api/partners/${id}/take`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_review', assignedTo: 2, takenAt: TEST_NOW.toISOString() });
      expect(await auditActions('partners', id)).toContain('partners.take');
      // Taking one's own file again changes nothing.
      expect((await support.post(`/api/partners/${id}/take`)).status).toBe(200);
    });

    it('when another agent tries to take it or to work on it, then 409 conflict naming who took it (REF-9)', async () => {
      const err = expectError(await support2.post(`/api/partners/${id}/take`), 409, 'conflict');
      expect(err.message).toContain('Sophie Support');
      expect(err.details).toMatchObject({ assignedTo: 2, assignedToName: 'Sophie Support' });
      const doc = await t.db('documents').where({ partnerId: id, type: 'identity' }).first();
      expectError(await support2.post(`/api/documents/${doc.id}/approve`).send({ expiresAt: '2031-01-01' }), 409, 'conflict');
      expectError(await support2.post(`/api/partners/${id}/approve`), 409, 'conflict');
    });

    it('when the checklist is read, then each requirement has its status, rule and document; the registry says the company is active (REF-2)', async () => {
      const v = await verification(id);
      expect(v.complete).toBe(false);
      expect(v.assignedToName).toBe('Sophie Support');
      expect(v.items.map((i) => [i.requirement, i.status])).toEqual([
        ['siren', 'ok'],
        ['siren_active', 'ok'],
        ['registry_name', 'ok'],
        ['registry_naf', 'ok'],
        ['iban', 'ok'],
        ['identity', 'pending'],
        ['diploma_hairdressing', 'pending'],
        ['interview', 'missing'],
        ['skills_test', 'missing'],
      ]);
      expect(itemOf(v, 'identity')).toMatchObject({ rule: 'REF-1, REF-8', documentId: expect.any(Number) });
      expect(v.registry).toMatchObject({ status: 'found', company: { siren: DUPONT_SIREN, active: true, nafCode: '96.02A' } });
      expect(v.requiredFacts).toMatchObject({ identity: ['expiresAt'], diploma: ['qualification'] });
    });

    it('when the partner is approved with an incomplete checklist, then 409 checklist_incomplete with the missing items, and nothing changes', async () => {
      const err = expectError(await support.post(`/api/partners/${id}/approve`), 409, 'checklist_incomplete');
      expect(err.details?.missing).toEqual(['identity', 'diploma_hairdressing', 'interview', 'skills_test']);
      expect((await t.db('partners').where('id', id).first()).status).toBe('in_review');
    });

    it('when the ID is approved without its expiry date, then 422 naming the missing fact (VER-5); with it, approved and audited', async () => {
      const doc = await t.db('documents').where({ partnerId: id, type: 'identity' }).first();
      const err = expectError(await support.post(`/api/documents/${doc.id}/approve`).send({}), 422, 'validation_failed');
      expect(err.details).toEqual({ missingFacts: ['expiresAt'] });
      const ok = await support.post(`/api/documents/${doc.id}/approve`).send({ expiresAt: '2031-06-30', issuedAt: '2016-07-01' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', expiresAt: '2031-06-30', validUntil: '2031-06-30', reviewedBy: 2, reviewedAt: TEST_NOW.toISOString() });
      expectError(await support.post(`/api/documents/${doc.id}/approve`).send({}), 409, 'invalid_state');
      expect(await auditActions('documents', doc.id)).toEqual(['documents.create', 'documents.approve']);
    });

    it('when the diploma is rejected with a reason, then it blocks; a new upload classified CAP coiffure is approved (REF-3)', async () => {
      const first = await t.db('documents').where({ partnerId: id, type: 'diploma' }).first();
      expectError(await support.post(`/api/documents/${first.id}/reject`).send({}), 400, 'invalid_request');
      const rejected = await support.post(`/api/documents/${first.id}/reject`).send({ reason: 'Scan illisible' });
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Scan illisible' });
      expect(itemOf(await verification(id), 'diploma_hairdressing')).toMatchObject({ status: 'rejected', documentId: first.id });

      const again = await upload(support, id, 'diploma', { issuedAt: '2012-06-30' });
      expect(again.status).toBe(201);
      expectError(await support.post(`/api/documents/${again.body.id}/approve`).send({}), 422, 'validation_failed');
      expectError(await support.post(`/api/documents/${again.body.id}/approve`).send({ qualification: 'cap_plomberie' }), 400, 'invalid_request');
      const ok = await support.post(`/api/documents/${again.body.id}/approve`).send({ qualification: 'cap_coiffure' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(itemOf(await verification(id), 'diploma_hairdressing')).toMatchObject({ status: 'ok', documentId: again.body.id });
    });

    it('when the phone interview is scheduled and then recorded as passed, and the skills test passed, then REF-6 items are ok', async () => {
      const scheduled = await support.post(`/api/partners/${id}/checks`).send({ kind: 'interview', scheduledAt: '2026-11-21T09:00:00.000Z' });
      expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
      expect(itemOf(await verification(id), 'interview')).toMatchObject({ status: 'pending', warning: expect.stringContaining('Prévu') });
      const done = await support.put(`/api/partners/${id}/checks/${scheduled.body.id}`).send({ outcome: 'passed', notes: 'Motivée, 8 ans en salon.' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ outcome: 'passed', doneAt: TEST_NOW.toISOString(), notes: 'Motivée, 8 ans en salon.', version: 2 });
      const test = await support.post(`/api/partners/${id}/checks`).send({ kind: 'skills_test', doneAt: '2026-11-19T15:00:00.000Z', outcome: 'passed' });
      expect(test.status).toBe(201);
      const v = await verification(id);
      expect(v.checks.map((c: TestRow) => [c.kind, c.outcome, c.recordedByName])).toEqual([
        ['interview', 'passed', 'Sophie Support'],
        ['skills_test', 'passed', 'Sophie Support'],
      ]);
      expect(v.complete).toBe(true);
      expect(await auditActions('partner-checks', scheduled.body.id)).toEqual(['partner-checks.create', 'partner-checks.update']);
    });

    it('when the complete file is approved, then the partner is active (the engine offers work to active partners only), decided by support, out of the queue, and audited', async () => {
      const res = await support.post(`/api/partners/${id}/approve`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'active', decidedBy: 2, decidedAt: TEST_NOW.toISOString(), assignedTo: null, fileIncompleteSince: null });
      const queue = await support.get(listUrl('verification-queue', { filter: { id } }));
      expect(queue.body).toEqual([]);
      expectError(await support.post(`/api/partners/${id}/approve`), 409, 'invalid_state');
      const actions = await auditActions('partners', id);
      expect(actions).toEqual(['partners.create', 'partners.reference', 'partners.take', 'partners.approve']);
      const approve = await t.db('auditLog').where({ resource: 'partners', resourceId: String(id), action: 'partners.approve' }).first();
      expect(JSON.parse(approve.before).status).toBe('in_review');
      expect(JSON.parse(approve.after).status).toBe('active');
      expect(approve.actorId).toBe(2);
    });

    it('when an approved partner’s ID is later rejected, then the file is flagged incomplete at once (REF-8) and the flag clears when a new ID is approved', async () => {
      const doc = await t.db('documents').where({ partnerId: id, type: 'identity', status: 'approved' }).first();
      const rejected = await support.post(`/api/documents/${doc.id}/reject`).send({ reason: 'Document falsifié' });
      expect(rejected.status).toBe(200);
      const flagged = await t.db('partners').where('id', id).first();
      expect(new Date(flagged.fileIncompleteSince).toISOString()).toBe(TEST_NOW.toISOString());
      const v = await verification(id);
      expect(v).toMatchObject({ complete: false, held: false, graceEnds: '2026-12-20' });
      const fresh = await upload(support, id, 'identity', { expiresAt: '2035-01-01' }, demoPng(9002), 'cni2.png');
      expect((await support.post(`/api/documents/${fresh.body.id}/approve`).send({})).status).toBe(200);
      expect((await t.db('partners').where('id', id).first()).fileIncompleteSince).toBeNull();
      expect(await auditActions('partners', id)).toEqual(expect.arrayContaining(['partners.file_incomplete', 'partners.file_complete']));
    });
  });

  describe('taking files (REF-9)', () => {
    it('when two agents take the same file at the same moment, then exactly one succeeds and the other gets 409 conflict', async () => {
      const target = (await t.db('partners').where('status', 'applicant').orderBy('id', 'desc').first()).id;
      const results = await Promise.all([support.post(`/api/partners/${target}/take`), support2.post(`/api/partners/${target}/take`)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('conflict');
      const row = await t.db('partners').where('id', target).first();
      expect(row.status).toBe('in_review');
      expect(await t.db('auditLog').where({ resource: 'partners', resourceId: String(target), action: 'partners.take' }).count({ n: '*' })).toEqual([{ n: 1 }]);
    });

    it('when support takes the next file, then it is the applicant waiting longest; the next call takes the following one', async () => {
      const waiting = await t.db('partners').where('status', 'applicant').select('id', 'reviewRequestedAt', 'createdAt');
      const order = waiting
        .map((p) => ({ id: Number(p.id), since: new Date(p.reviewRequestedAt ?? p.createdAt).getTime() }))
        .sort((a, b) => a.since - b.since || a.id - b.id);
      const first = await support2.post('/api/verification-queue/next');
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ id: order[0].id, status: 'in_review', assignedTo: expect.any(Number) });
      const second = await support2.post('/api/verification-queue/next');
      expect(second.body.id).toBe(order[1].id);
      // Give the second one back to the queue.
      const released = await support2.post(`/api/partners/${second.body.id}/release`);
      expect(released.body).toMatchObject({ status: 'applicant', assignedTo: null });
      expectError(await support.post(`/api/partners/${first.body.id}/release`), 409, 'conflict');
    });

    it('when the queue is read, then files are ordered oldest first with waiting time, assignee and counts, and the dialect’s filters, sorts and ranges work', async () => {
      const res = await support.get('/api/verification-queue');
      expect(res.status).toBe(200);
      const total = Number((await t.db('partners').whereIn('status', ['applicant', 'in_review']).count({ n: '*' }))[0].n);
      expect(res.headers['content-range']).toBe(`verification-queue 0-${total - 1}/${total}`);
      const since = res.body.map((r: TestRow) => r.waitingSince);
      expect(since).toEqual([...since].sort());
      const ready = res.body.find((r: TestRow) => r.id === READY);
      expect(ready).toMatchObject({ status: 'in_review', assignedTo: 2, assignedToName: 'Sophie Support', complete: true, missingCount: 0, toReviewCount: 0 });
      const mine = await support.get(listUrl('verification-queue', { filter: { status: 'in_review', assignedTo: 2 }, sort: ['missingCount', 'DESC'], range: [0, 2] }));
      expect(mine.status).toBe(200);
      expect(mine.body.length).toBeLessThanOrEqual(3);
      for (const r of mine.body) expect(r).toMatchObject({ status: 'in_review', assignedTo: 2 });
      const counts = mine.body.map((r: TestRow) => r.missingCount);
      expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
      // Database-sorted pages (waitingSince, waitingDays) agree with the full, computed order.
      const page = await support.get(listUrl('verification-queue', { sort: ['waitingSince', 'ASC'], range: [2, 4] }));
      expect(page.body.map((r: TestRow) => r.id)).toEqual(res.body.slice(2, 5).map((r: TestRow) => r.id));
      expect(page.headers['content-range']).toBe(`verification-queue 2-4/${total}`);
      const byDays = await support.get(listUrl('verification-queue', { sort: ['waitingDays', 'DESC'], range: [0, 999] }));
      expect(byDays.body.map((r: TestRow) => r.id)).toEqual(res.body.map((r: TestRow) => r.id));
      const byHolder = await support.get(listUrl('verification-queue', { sort: ['assignedTo', 'DESC'], range: [0, 999] }));
      const holders = byHolder.body.map((r: TestRow) => r.assignedTo);
      expect(holders.indexOf(null)).toBe(holders.filter((h: unknown) => h !== null).length); // nulls last
      expectError(await support.get(listUrl('verification-queue', { filter: { iban: 'x' } })), 400, 'invalid_request');
      expectError(await support.get(listUrl('verification-queue', { filter: { status: 'active' } })), 400, 'invalid_request');
      expectError(await support.get(listUrl('verification-queue', { sort: ['iban', 'ASC'] })), 400, 'invalid_request');
      expectError(await (await t.as('ops')).get('/api/verification-queue'), 403, 'forbidden');
    });
  });

  describe('refusal and reopening (REF-7, REF-9)', () => {
    let id: number;
    beforeAll(async () => {
      const res = await support.post('/api/partners').send({ firstName: 'Paul', lastName: 'Leroy', email: 'paul.leroy.refus@exemple.fr', vertical: 'wellness', services: ['massage'], siren: CEASED_SIREN });
      id = res.body.id;
    });

    it('when an applicant’s file is refused before being taken, then 409 invalid_state', async () => {
      expectError(await support.post(`/api/partners/${id}/refuse`).send({ reason: 'Entreprise cessée' }), 409, 'invalid_state');
    });

    it('when the registry says the company ceased, then "company active" is rejected and blocks approval (REF-2)', async () => {
      await support.post(`/api/partners/${id}/take`);
      const v = await verification(id);
      expect(itemOf(v, 'siren_active')).toMatchObject({ status: 'rejected', blocking: true });
      const err = expectError(await support.post(`/api/partners/${id}/approve`), 409, 'checklist_incomplete');
      expect(err.details?.missing).toContain('siren_active');
    });

    it('when the file is refused without a reason, then 400; with an internal reason, refused, the reason stored and audited (REF-7)', async () => {
      expectError(await support.post(`/api/partners/${id}/refuse`).send({}), 400, 'invalid_request');
      expectError(await support.post(`/api/partners/${id}/refuse`).send({ reason: ' ' }), 400, 'invalid_request');
      const res = await support.post(`/api/partners/${id}/refuse`).send({ reason: 'Entreprise cessée au répertoire SIRENE' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'refused', refusalReason: 'Entreprise cessée au répertoire SIRENE', decidedBy: 2, assignedTo: null });
      const audit = await t.db('auditLog').where({ resource: 'partners', resourceId: String(id), action: 'partners.refuse' }).first();
      expect(JSON.parse(audit.after).refusalReason).toBe('Entreprise cessée au répertoire SIRENE');
      expectError(await support.post(`/api/partners/${id}/refuse`).send({ reason: 'encore' }), 409, 'invalid_state');
      expectError(await support.post(`/api/partners/${id}/take`), 409, 'invalid_state');
    });

    it('when support tries to reopen a refused file, then 403; an admin reopens it to in_review, assigned to them (REF-9)', async () => {
      expectError(await support.post(`/api/partners/${id}/reopen`), 403, 'forbidden');
      const res = await admin.post(`/api/partners/${id}/reopen`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_review', assignedTo: 1 });
      expect(await auditActions('partners', id)).toEqual(expect.arrayContaining(['partners.refuse', 'partners.reopen']));
    });
  });

  describe('documents and checks: facts and edge cases', () => {
    let careId: number;
    beforeAll(async () => {
      const res = await support.post('/api/partners').send({ firstName: 'Camille', lastName: 'Martin', email: 'camille.martin.care@exemple.fr', vertical: 'care', services: ['cleaning'], siren: '867890121', iban: VALID_IBAN });
      careId = res.body.id;
      await support.post(`/api/partners/${careId}/take`);
    });

    it('when a Care partner’s ID is approved as not authorising work in France, then REF-4’s item is rejected and approval lists it', async () => {
      const doc = await upload(support, careId, 'identity', {}, demoPng(9100), 'titre.png');
      const ok = await support.post(`/api/documents/${doc.body.id}/approve`).send({ expiresAt: '2030-01-01' });
      expect(ok.status).toBe(422);
      expect(ok.body.error.details.missingFacts).toEqual(['worksInFranceAuthorised']);
      expect((await support.post(`/api/documents/${doc.body.id}/approve`).send({ expiresAt: '2030-01-01', worksInFranceAuthorised: false })).status).toBe(200);
      const v = await verification(careId);
      expect(itemOf(v, 'identity').status).toBe('ok');
      expect(itemOf(v, 'identity_work_authorisation')).toMatchObject({ status: 'rejected', blocking: true });
      const err = expectError(await support.post(`/api/partners/${careId}/approve`), 409, 'checklist_incomplete');
      expect(err.details?.missing).toContain('identity_work_authorisation');
    });

    it('when an URSSAF attestation issued 7 months ago is approved, then 422 (already expired, REF-8); its facts can be corrected by PUT and the last valid day follows', async () => {
      const doc = await upload(support, careId, 'urssaf_attestation', { issuedAt: '2026-04-10' });
      expect(doc.body.validUntil).toBe('2026-10-09');
      const err = expectError(await support.post(`/api/documents/${doc.body.id}/approve`).send({}), 422, 'validation_failed');
      expect(err.details).toEqual({ validUntil: '2026-10-09' });
      const shown = (await support.get(`/api/documents/${doc.body.id}`)).body;
      const put = await support.put(`/api/documents/${doc.body.id}`).send({ ...shown, issuedAt: '2026-10-10' });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ issuedAt: '2026-10-10', validUntil: '2027-04-09', status: 'pending' });
      expect((await support.post(`/api/documents/${doc.body.id}/approve`).send({})).status).toBe(200);
      expectError(await support.put(`/api/documents/${doc.body.id}`).send({ shoeSize: 42 }), 400, 'invalid_request');
    });

    it('when the RIB holder differs from the partner, then the RIB item warns without blocking', async () => {
      const doc = await upload(support, careId, 'rib', { holderName: 'Jean Durand', iban: VALID_IBAN });
      expect((await support.post(`/api/documents/${doc.body.id}/approve`).send({})).status).toBe(200);
      expect(itemOf(await verification(careId), 'rib')).toMatchObject({ status: 'ok', blocking: false, warning: expect.stringContaining('Jean Durand') });
    });

    it('when a check is recorded in the future, without any date, or on another partner’s record, then 422 / 404', async () => {
      expectError(await support.post(`/api/partners/${careId}/checks`).send({ kind: 'interview', doneAt: '2027-01-01T10:00:00Z', outcome: 'passed' }), 422, 'validation_failed');
      expectError(await support.post(`/api/partners/${careId}/checks`).send({ kind: 'interview' }), 422, 'validation_failed');
      expectError(await support.post(`/api/partners/${careId}/checks`).send({ kind: 'coffee' }), 400, 'invalid_request');
      const other = await t.db('partnerChecks').whereNot('partnerId', careId).first();
      expectError(await support.put(`/api/partners/${careId}/checks/${other.id}`).send({ outcome: 'failed' }), 404, 'not_found');
      const failed = await support.post(`/api/partners/${careId}/checks`).send({ kind: 'skills_test', outcome: 'failed', notes: 'Doutes' });
      expect(failed.body).toMatchObject({ doneAt: TEST_NOW.toISOString(), outcome: 'failed' });
      expect(itemOf(await verification(careId), 'skills_test_care')).toMatchObject({ status: 'rejected', blocking: true });
    });
  });

  describe('the ready file of the demo and the watch view (REF-8)', () => {
    it('when support approves the demo’s ready file P000008, then it becomes active', async () => {
      expect((await verification(READY)).complete).toBe(true);
      const res = await support.post(`/api/partners/${READY}/approve`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('active');
    });

    it('when the watch view is read, then it lists active partners’ documents ending within 30 days (sorted) and the incomplete files with their grace period', async () => {
      const res = await support.get('/api/verification-watch');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ today: '2026-11-20', horizon: '2026-12-20', days: 30, graceDays: 30 });
      const until = res.body.documents.map((d: TestRow) => d.validUntil);
      expect(until).toEqual([...until].sort());
      for (const d of res.body.documents) expect(d.validUntil <= '2026-12-20').toBe(true);
      // Expired (listed apart) exactly when the last valid day is past: "expiring within 30 days" holds only the others.
      for (const d of res.body.documents) expect(d.expired, `document ${d.documentId} valid until ${d.validUntil}`).toBe(d.validUntil < '2026-11-20');
      expect(res.body.documents.some((d: TestRow) => d.expired)).toBe(true);
      expect(res.body.documents.some((d: TestRow) => !d.expired && d.daysLeft >= 0)).toBe(true);
      const p11 = res.body.partners.find((p: TestRow) => p.partnerId === 11);
      const p23 = res.body.partners.find((p: TestRow) => p.partnerId === 23);
      expect(p11).toMatchObject({ flagged: true, held: false, missing: expect.arrayContaining(['identity']) });
      expect(p23).toMatchObject({ flagged: true, held: true });
      expectError(await support.get('/api/verification-watch?days=0'), 400, 'invalid_request');
      expect((await support.get('/api/verification-watch?days=5')).body.horizon).toBe('2026-11-25');
    });

    it('when the sweep runs (admin), then documents past their last valid day become expired, once (idempotent); support may not run it', async () => {
      expectError(await support.post('/api/verification-watch/sweep'), 403, 'forbidden');
      const first = await admin.post('/api/verification-watch/sweep');
      expect(first.status).toBe(200);
      expect(first.body.expiredDocuments).toBeGreaterThanOrEqual(2);
      const expired = await t.db('documents').where({ partnerId: 23, type: 'identity' }).first();
      expect(expired.status).toBe('expired');
      expect(await auditActions('documents', expired.id)).toContain('documents.expire');
      const second = await admin.post('/api/verification-watch/sweep');
      expect(second.body).toEqual({ expiredDocuments: 0, flagged: 0, cleared: 0 });
    });
  });

  describe('number checks and the registry', () => {
    it.each([
      ['siren', '732 829 320', { valid: true, normalized: '732829320' }],
      ['iban', 'fr76 3000 6000 0112 3456 7890 189', { valid: true, normalized: VALID_IBAN }],
      ['siret', '73282932000074', { valid: true, normalized: '73282932000074' }],
      ['vat', 'FR44732829320', { valid: true, normalized: 'FR44732829320' }],
    ])('when %s "%s" is validated, then 200 valid with the normalised form (REF-1, REF-2)', async (kind, value, expected) => {
      const res = await support.post('/api/validate').send({ kind, value });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
    });

    it('when a number is wrong, then 200 {valid:false, reason} (a check, not an error); an unknown kind is 400', async () => {
      const res = await support.post('/api/validate').send({ kind: 'siren', value: '732829321' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: false, reason: expect.stringContaining('Clé de contrôle') });
      expectError(await support.post('/api/validate').send({ kind: 'ssn', value: '1' }), 400, 'invalid_request');
      expectError(await support.post('/api/validate').send({ kind: 'siren' }), 400, 'invalid_request');
    });

    it('when a SIREN is looked up, then the registry answer in the contract’s shape; unknown is 404, a bad checksum 422', async () => {
      const res = await support.get(`/api/registry/siren/${DUPONT_SIREN}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ siren: DUPONT_SIREN, name: 'DUPONT Marie', active: true, nafCode: '96.02A', legalCategory: '1000', diffusion: 'O', checkedAt: TEST_NOW.toISOString(), source: 'offline' });
      expect((await support.get(`/api/registry/siren/${CEASED_SIREN}`)).body.active).toBe(false);
      expectError(await support.get('/api/registry/siren/890123458'), 404, 'not_found');
      expectError(await support.get('/api/registry/siren/812345677'), 422, 'validation_failed');
      // A demo partner's SIREN resolves through the offline directory.
      const p1 = await t.db('partners').where('id', 1).first();
      expect((await support.get(`/api/registry/siren/${p1.siren}`)).body.name).toBe(`${p1.lastName.toUpperCase()} ${p1.firstName}`);
    });
  });
});
