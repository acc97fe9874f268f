/**
 * The REST resources of CONTRACT.md: list and show for each, PUT semantics on
 * partners, applicant creation with its audit row, the service catalogue, staff
 * accounts, app tokens, the read-only audit log and the OpenAPI document.
 * One file, though long: each resource's cases are a few lines, and reading them side by
 * side is how a difference between two resources' behaviour shows.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError, routeKey, VALID_IBAN, type TestRow } from './helpers';
import type { JsonObject } from '../../shared/json';


/** The resources CONTRACT.md lists ("Resources"), plus the admin's app tokens. */
const CONTRACT_RESOURCES = [
  'partners',
  'documents',
  'clients',
  'services',
  'orders',
  'proposals',
  'reviews',
  'payments',
  'payouts',
  'limitations',
  'signals',
  'cases',
  'audit-log',
  'users',
  'app-tokens',
] as const;

const TABLE: Record<(typeof CONTRACT_RESOURCES)[number], string> = {
  partners: 'partners',
  documents: 'documents',
  clients: 'clients',
  services: 'services',
  orders: 'orders',
  proposals: 'proposals',
  reviews: 'reviews',
  payments: 'payments',
  payouts: 'payouts',
  limitations: 'limitations',
  signals: 'signals',
  cases: 'cases',
  'audit-log': 'auditLog',
  users: 'users',
  'app-tokens': 'appTokens',
};

/** Flips the last digit of a SIREN (Luhn) so that its checksum fails. */
function breakLuhn(siren: string): string {
  const last = Number(siren[8]);
  return siren.slice(0, 8) + String((last + 1) % 10);
}

describe('resources', () => {
  let t: TestApp;
  let admin: request.Agent;
  let support: request.Agent;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as('admin');
    support = await t.as('support');
    // One row in each table the demo seed leaves empty (written by capabilities not
    // built yet), so that show and the row mapping are exercised on every resource.
    const now = TEST_NOW.toISOString();
    const empty = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0].n) === 0;
    if (await empty('documents'))
      await t.db('documents').insert({ partnerId: 1, type: 'identity', status: 'pending', fileName: 'carte.pdf', storedName: 'x1', mimeType: 'application/pdf', sizeBytes: 1234, sha256: 'a'.repeat(64), issuedAt: '2024-01-02', createdAt: now });
    if (await empty('payouts')) await t.db('payouts').insert({ partnerId: 1, periodStart: '2026-11-01', periodEnd: '2026-11-15', amountCents: 12345, paidAt: now, arrivesAt: null });
    if (await empty('limitations'))
      await t.db('limitations').insert({ partnerId: 1, kind: 'manual', reason: 'no_show', modality: 'reduced', startsAt: now, endsAt: now, status: 'active', note: 'n', evidence: '[]', createdBy: 3, createdAt: now, updatedAt: now });
    if (await empty('cases')) await t.db('cases').insert({ reference: 'M000001', partnerId: 1, category: 'quality', status: 'open', insuranceClaim: false, createdAt: now, updatedAt: now });
    if (await empty('signals')) await t.db('signals').insert({ partnerId: 1, source: 'manual', reason: 'no_show', evidence: '["x"]', status: 'open', createdAt: now });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('list and show', () => {
    it.each(CONTRACT_RESOURCES)('when admin lists %s, then 200, an array and a Content-Range with the table’s total', async (resource) => {
      const res = await admin.get(listUrl(resource, { range: [0, 24] }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      const total = Number((await t.db(TABLE[resource]).count({ n: '*' }))[0].n);
      expect(total).toBeGreaterThan(0);
      expect(res.body.length).toBe(Math.min(total, 25));
      expect(res.headers['content-range']).toBe(`${resource} 0-${Math.min(total, 25) - 1}/${total}`);
      for (const row of res.body) {
        expect(row).not.toHaveProperty('searchText');
        expect(row).not.toHaveProperty('passwordHash');
        expect(row).not.toHaveProperty('tokenHash');
        expect(row).not.toHaveProperty('storedName');
      }
    });

    it.each(CONTRACT_RESOURCES)('when admin shows one of %s, then 200 with the same record as in the list', async (resource) => {
      const list = await admin.get(listUrl(resource, { range: [0, 0] }));
      const first = list.body[0];
      const res = await admin.get(`/api/${resource}/${encodeURIComponent(first.id)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(first);
    });

    it.each(CONTRACT_RESOURCES)('when admin shows an unknown or non-numeric id of %s, then 404 not_found', async (resource) => {
      const top = await admin.get(listUrl(resource, { sort: ['id', 'DESC'], range: [0, 0] }));
      const unknown = resource === 'services' ? 'no_such_service' : String(Number(top.body[0].id) + 1000);
      expectError(await admin.get(`/api/${resource}/${unknown}`), 404, 'not_found');
      for (const bad of ['abc', '1.5', '1e3', '-1', '%20', '1%3B%20DROP%20TABLE%20x']) {
        if (resource === 'services' && bad === 'abc') continue; // a well-formed code: covered by no_such_service
        expectError(await admin.get(`/api/${resource}/${bad}`), 404, 'not_found');
      }
    });

    it('when the JSON fields and booleans are read back, then they have the same types on every database', async () => {
      const p = (await admin.get('/api/partners/1')).body;
      expect(Array.isArray(p.services)).toBe(true);
      expect(Array.isArray(p.weeklyHours)).toBe(true);
      expect(typeof p.radiusKm).toBe('number');
      expect(p.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const s = (await admin.get('/api/services/haircut')).body;
      expect(typeof s.regulated).toBe('boolean');
      expect(typeof s.priceCents).toBe('number');
      const c = (await admin.get(listUrl('cases', { range: [0, 0] }))).body[0];
      expect(typeof c.insuranceClaim).toBe('boolean');
      const sig = (await admin.get(listUrl('signals', { range: [0, 0] }))).body[0];
      expect(Array.isArray(sig.evidence)).toBe(true);
      const doc = (await admin.get(listUrl('documents', { range: [0, 0] }))).body[0];
      expect(doc.issuedAt === null || /^\d{4}-\d{2}-\d{2}$/.test(doc.issuedAt)).toBe(true);
    });
  });

  describe('PUT on partners', () => {
    it('when support GETs a partner and PUTs the same object back with a new city, then the city is applied and the rest kept', async () => {
      const before = (await support.get('/api/partners/3')).body;
      const res = await support.put('/api/partners/3').send({ ...before, city: 'Montpellier' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.city).toBe('Montpellier');
      const after = (await support.get('/api/partners/3')).body;
      expect(after.city).toBe('Montpellier');
      const { city: _c1, updatedAt: _u1, ...restBefore } = before;
      const { city: _c2, updatedAt: _u2, ...restAfter } = after;
      expect(restAfter).toEqual(restBefore);
      // The derived search text follows the edit.
      const found = await support.get(listUrl('partners', { filter: { q: 'montpellier' } }));
      expect(found.body.map((p: TestRow) => p.id)).toContain(3);
    });

    it('when the PUT body carries read-only fields (status, score, id, createdAt, reference), then they are ignored', async () => {
      const before = (await support.get('/api/partners/4')).body;
      expect(before.status).not.toBe('terminated');
      const res = await support.put('/api/partners/4').send({
        ...before,
        id: 999,
        status: 'terminated',
        score: 100,
        reference: 'P999999',
        createdAt: '2000-01-01T00:00:00.000Z',
        assignedTo: 1,
        limitation: 'reduced',
        firstName: 'Renée',
      });
      expect(res.status).toBe(200);
      const row = await t.db('partners').where('id', 4).first();
      expect(row.status).toBe(before.status);
      expect(row.score === null ? null : Number(row.score)).toBe(before.score);
      expect(row.reference).toBe(before.reference);
      expect(new Date(row.createdAt).toISOString()).toBe(before.createdAt);
      expect(row.assignedTo).toBe(before.assignedTo);
      expect(row.limitation).toBe(before.limitation);
      expect(row.firstName).toBe('Renée');
      expect(await t.db('partners').where('id', 999).first()).toBeUndefined();
    });

    it('when the PUT body has fields the resource does not have, then 400 listing them and nothing changes', async () => {
      const before = (await support.get('/api/partners/4')).body;
      const res = await support.put('/api/partners/4').send({ ...before, city: 'Brest', shoeSize: 42, nickname: 'x' });
      const err = expectError(res, 400, 'invalid_request');
      expect(err.details).toEqual({ unknownFields: ['shoeSize', 'nickname'], field: 'shoeSize' });
      expect(err.message).toContain('shoeSize');
      expect((await t.db('partners').where('id', 4).first()).city).toBe(before.city);
    });

    it('when a field has the wrong type (radiusKm: "far"), then 400 naming the field', async () => {
      const err = expectError(await support.put('/api/partners/4').send({ radiusKm: 'far' }), 400, 'invalid_request');
      expect(err.details).toMatchObject({ fields: { radiusKm: expect.any(String) } });
      expectError(await support.put('/api/partners/4').send({ weeklyHours: [{ day: 8, from: '09:00', to: '10:00' }] }), 400, 'invalid_request');
      expectError(await support.put('/api/partners/4').send({ postcode: 'ABCDE' }), 400, 'invalid_request');
    });

    it('when the SIREN has a bad checksum, then 422 validation_failed on siren and nothing changes', async () => {
      const before = await t.db('partners').where('id', 4).first();
      const err = expectError(await support.put('/api/partners/4').send({ siren: breakLuhn(before.siren) }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ fields: { siren: expect.any(String) } });
      expect((await t.db('partners').where('id', 4).first()).siren).toBe(before.siren);
    });

    it('when the IBAN is invalid, then 422 validation_failed on iban and nothing changes', async () => {
      const before = await t.db('partners').where('id', 4).first();
      const wrong = VALID_IBAN.slice(0, 2) + '00' + VALID_IBAN.slice(4);
      const err = expectError(await support.put('/api/partners/4').send({ iban: wrong }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ fields: { iban: expect.any(String) } });
      expect((await t.db('partners').where('id', 4).first()).iban).toBe(before.iban);
    });

    it('when a valid SIREN is typed with spaces, then it is stored normalised', async () => {
      const current = await t.db('partners').where('id', 6).first();
      const other = (await t.db('partners').where('id', 7).first()).siren as string;
      const spaced = `${other.slice(0, 3)} ${other.slice(3, 6)} ${other.slice(6)}`;
      const res = await support.put('/api/partners/6').send({ siren: spaced });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.siren).toBe(other);
      expect((await t.db('partners').where('id', 6).first()).siren).toBe(other);
      expect(current.siren).not.toBe(other);
    });

    it('when a valid IBAN is typed with spaces and lower case, then it is stored normalised', async () => {
      const spaced = VALID_IBAN.toLowerCase().replace(/(.{4})/g, '$1 ').trim();
      const res = await support.put('/api/partners/6').send({ iban: spaced });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.iban).toBe(VALID_IBAN);
    });

    it('when the partner does not exist or the id is not a number, then 404 (on every database)', async () => {
      expectError(await support.put('/api/partners/99999').send({ city: 'Brest' }), 404, 'not_found');
      expectError(await support.put('/api/partners/abc').send({ city: 'Brest' }), 404, 'not_found');
      expectError(await support.put('/api/partners/1.5').send({ city: 'Brest' }), 404, 'not_found');
    });

    it('when services of another vertical or unknown codes are set, then 422', async () => {
      const p = (await support.get('/api/partners/8')).body;
      const other = (await t.db('services').whereNot('vertical', p.vertical).first()).id;
      expectError(await support.put('/api/partners/8').send({ services: [other] }), 422, 'validation_failed');
      expectError(await support.put('/api/partners/8').send({ services: ['no_such_service'] }), 422, 'validation_failed');
    });

    it('when a PUT changes services, then the partnerServices index follows (service filter)', async () => {
      const p = (await support.get('/api/partners/9')).body;
      const codes = (await t.db('services').where('vertical', p.vertical).select('id')).map((s) => s.id as string);
      const target = codes.find((c) => !p.services.includes(c))!;
      const res = await support.put('/api/partners/9').send({ services: [target] });
      expect(res.status).toBe(200);
      expect(res.body.services).toEqual([target]);
      const byService = await support.get(listUrl('partners', { filter: { service: target }, range: [0, 999] }));
      expect(byService.body.map((r: TestRow) => r.id)).toContain(9);
      for (const old of p.services) {
        const list = await support.get(listUrl('partners', { filter: { service: old }, range: [0, 999] }));
        expect(list.body.map((r: TestRow) => r.id)).not.toContain(9);
      }
    });

    it('when ops (no edit right) PUTs a partner, then 403', async () => {
      expectError(await (await t.as('ops')).put('/api/partners/4').send({ city: 'Brest' }), 403, 'forbidden');
    });
  });

  describe('POST /api/partners', () => {
    it('when support creates a partner, then 201, an applicant with reference P00xxxx, and a partners.create audit row with after', async () => {
      const body = {
        firstName: 'Noémie',
        lastName: 'Créateur',
        email: 'Noemie.Createur@Exemple.fr',
        vertical: 'wellness',
        services: ['haircut', 'massage'],
        siren: '732 829 320',
        iban: VALID_IBAN,
      };
      const res = await support.post('/api/partners').send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const id = res.body.id;
      expect(res.body.status).toBe('applicant');
      expect(res.body.reference).toMatch(/^P\d{6}$/);
      expect(res.body.reference).toBe(`P${String(id).padStart(6, '0')}`);
      expect(res.body.email).toBe('noemie.createur@exemple.fr');
      expect(res.body.siren).toBe('732829320');
      expect(res.body.score).toBeNull();
      expect(res.body.radiusKm).toBe(15);
      expect(res.body.createdAt).toBe(TEST_NOW.toISOString());

      const shown = await support.get(`/api/partners/${id}`);
      expect(shown.body).toEqual(res.body);
      const byService = await support.get(listUrl('partners', { filter: { service: 'massage' }, range: [0, 999] }));
      expect(byService.body.map((p: TestRow) => p.id)).toContain(id);

      const audit = await admin.get(listUrl('audit-log', { filter: { resource: 'partners', resourceId: String(id) }, sort: ['id', 'ASC'] }));
      expect(audit.status).toBe(200);
      const create = audit.body.find((a: TestRow) => a.action === 'partners.create');
      expect(create).toBeDefined();
      expect(create.after).toMatchObject({ id, status: 'applicant', email: 'noemie.createur@exemple.fr', iban: VALID_IBAN });
      expect(create.before).toBeNull();
      expect(create.actorId).toBe((await t.db('users').where('email', 'support@demo.test').first()).id);
      expect(create.at).toBe(TEST_NOW.toISOString());
      expect(create.after).not.toHaveProperty('searchText');
    });

    it('when a partner create fails validation, then neither a partner nor an audit row is written', async () => {
      const partners = Number((await t.db('partners').count({ n: '*' }))[0].n);
      const audits = Number((await t.db('auditLog').where('resource', 'partners').count({ n: '*' }))[0].n);
      expectError(await support.post('/api/partners').send({ firstName: 'A', lastName: 'B', email: 'a@b.fr', vertical: 'care', siren: '123456789' }), 422, 'validation_failed');
      expectError(await support.post('/api/partners').send({ firstName: 'A', lastName: 'B', email: 'a@b.fr', vertical: 'care', status: 'active' }), 400, 'invalid_request');
      expectError(await support.post('/api/partners').send({ firstName: 'A', email: 'a@b.fr', vertical: 'care' }), 400, 'invalid_request');
      expect(Number((await t.db('partners').count({ n: '*' }))[0].n)).toBe(partners);
      expect(Number((await t.db('auditLog').where('resource', 'partners').count({ n: '*' }))[0].n)).toBe(audits);
    });

    it('when two partners are created, then their references differ and follow their ids', async () => {
      const mk = (n: number) => support.post('/api/partners').send({ firstName: `Prénom${n}`, lastName: 'Double', email: `double${n}@exemple.fr`, vertical: 'care' });
      const [a, b] = [await mk(1), await mk(2)];
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.reference).not.toBe(b.body.reference);
      expect(b.body.reference).toBe(`P${String(b.body.id).padStart(6, '0')}`);
    });
  });

  describe('services', () => {
    it('when admin PUTs a new price (whole record), then it is applied and a services.update audit row keeps before and after', async () => {
      const before = (await admin.get('/api/services/haircut')).body;
      const res = await admin.put('/api/services/haircut').send({ ...before, priceCents: before.priceCents + 500, vertical: 'care', regulated: !before.regulated });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.priceCents).toBe(before.priceCents + 500);
      expect(res.body.vertical).toBe(before.vertical);
      expect(res.body.regulated).toBe(before.regulated);
      const audit = await admin.get(listUrl('audit-log', { filter: { resource: 'services', resourceId: 'haircut', action: 'services.update' } }));
      expect(audit.body).toHaveLength(1);
      expect(audit.body[0].before.priceCents).toBe(before.priceCents);
      expect(audit.body[0].after.priceCents).toBe(before.priceCents + 500);
    });

    it('when support PUTs a service, then 403 and the price is unchanged', async () => {
      const before = await t.db('services').where('id', 'cleaning').first();
      expectError(await support.put('/api/services/cleaning').send({ priceCents: 1 }), 403, 'forbidden');
      expect((await t.db('services').where('id', 'cleaning').first()).priceCents).toBe(before.priceCents);
    });

    it('when partner pay would exceed the price, then 422 validation_failed', async () => {
      const s = (await admin.get('/api/services/cleaning')).body;
      const err = expectError(await admin.put('/api/services/cleaning').send({ partnerPayCents: s.priceCents + 1 }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ fields: { partnerPayCents: expect.any(String) } });
      expectError(await admin.put('/api/services/cleaning').send({ priceCents: s.partnerPayCents - 1 }), 422, 'validation_failed');
      expect((await t.db('services').where('id', 'cleaning').first()).priceCents).toBe(s.priceCents);
    });

    it('when admin PUTs an unknown service or a bad type, then 404 / 400', async () => {
      expectError(await admin.put('/api/services/no_such').send({ priceCents: 100 }), 404, 'not_found');
      expectError(await admin.put('/api/services/cleaning').send({ priceCents: '12.50' }), 400, 'invalid_request');
      expectError(await admin.put('/api/services/cleaning').send({ priceCents: 12.5 }), 400, 'invalid_request');
    });
  });

  describe('users', () => {
    it('when admin creates a user, then 201 without any password or hash in the answer, and the user can sign in', async () => {
      const res = await admin.post('/api/users').send({ email: 'New.Agent@Demo.test', fullName: 'Nouvel Agent', role: 'support', password: 'long-enough-pw' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ email: 'new.agent@demo.test', fullName: 'Nouvel Agent', role: 'support', active: true, lockedUntil: null });
      expect(Object.keys(res.body).sort()).toEqual(['active', 'createdAt', 'email', 'fullName', 'id', 'lockedUntil', 'role', 'totpEnrolledAt']);
      expect(res.text).not.toContain('long-enough-pw');
      expect(res.text).not.toContain('scrypt');
      const audit = await admin.get(listUrl('audit-log', { filter: { resource: 'users', resourceId: String(res.body.id), action: 'users.create' } }));
      expect(audit.body).toHaveLength(1);
      expect(JSON.stringify(audit.body[0])).not.toContain('scrypt');
      const login = await t.anonymous().post('/api/auth/login').send({ email: 'new.agent@demo.test', password: 'long-enough-pw' });
      expect(login.status).toBe(200);
    });

    it('when the email is already used (in any case), then 422 validation_failed', async () => {
      const err = expectError(await admin.post('/api/users').send({ email: 'SUPPORT@demo.test', fullName: 'Doublon', role: 'ops', password: 'long-enough-pw' }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ fields: { email: expect.any(String) } });
    });

    it('when the password is too short, the role unknown or a field unknown, then 400', async () => {
      expectError(await admin.post('/api/users').send({ email: 'short@demo.test', fullName: 'Court', role: 'ops', password: 'short' }), 400, 'invalid_request');
      expectError(await admin.post('/api/users').send({ email: 'role@demo.test', fullName: 'Rôle', role: 'superuser', password: 'long-enough-pw' }), 400, 'invalid_request');
      expectError(await admin.post('/api/users').send({ email: 'hash@demo.test', fullName: 'Hash', role: 'ops', password: 'long-enough-pw', passwordHash: 'scrypt$x' }), 400, 'invalid_request');
      expect(await t.db('users').whereIn('email', ['short@demo.test', 'role@demo.test', 'hash@demo.test']).first()).toBeUndefined();
    });

    it('when admin tries to deactivate or demote themselves, then 409 and the account is unchanged', async () => {
      const me = (await admin.get('/api/auth/me')).body;
      expectError(await admin.put(`/api/users/${me.id}`).send({ active: false }), 409, 'invalid_state');
      expectError(await admin.put(`/api/users/${me.id}`).send({ role: 'support' }), 409, 'invalid_state');
      // The same id spelled differently is still the same account.
      expectError(await admin.put(`/api/users/0${me.id}`).send({ active: false }), 409, 'invalid_state');
      expectError(await admin.put(`/api/users/00${me.id}`).send({ role: 'ops' }), 409, 'invalid_state');
      const row = await t.db('users').where('id', me.id).first();
      expect(Boolean(row.active)).toBe(true);
      expect(row.role).toBe('admin');
      expect((await admin.get('/api/auth/me')).status).toBe(200);
    });

    it('when admin renames themselves, then it is allowed (only deactivation and demotion are refused)', async () => {
      const me = (await admin.get('/api/auth/me')).body;
      const res = await admin.put(`/api/users/${me.id}`).send({ ...me, fullName: 'Alice A.', active: true });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.fullName).toBe('Alice A.');
    });

    it('when a non-admin lists or creates users, then 403', async () => {
      expectError(await support.get('/api/users'), 403, 'forbidden');
      expectError(await support.post('/api/users').send({ email: 'x@demo.test', fullName: 'X', role: 'admin', password: 'long-enough-pw' }), 403, 'forbidden');
    });
  });

  describe('app tokens', () => {
    let created: TestRow;
    beforeAll(async () => {
      const res = await admin.post('/api/app-tokens').send({ name: 'Application partenaire (test)' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      created = res.body;
    });

    it('when admin creates an app token, then 201 with a one-time token secret; only its hash is stored', async () => {
      expect(typeof created.token).toBe('string');
      expect(created.token.length).toBeGreaterThanOrEqual(24);
      expect(created.name).toBe('Application partenaire (test)');
      expect(created.revokedAt).toBeNull();
      const row = await t.db('appTokens').where('id', created.id).first();
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.tokenHash).not.toBe(created.token);
      expect(JSON.stringify(row)).not.toContain(created.token);
    });

    it('when app tokens are listed or shown, then neither the token nor its hash is ever exposed', async () => {
      const row = await t.db('appTokens').where('id', created.id).first();
      const list = await admin.get(listUrl('app-tokens', { range: [0, 99] }));
      expect(list.status).toBe(200);
      expect(list.body.map((r: TestRow) => r.id)).toContain(created.id);
      const show = await admin.get(`/api/app-tokens/${created.id}`);
      for (const text of [list.text, show.text]) {
        expect(text).not.toContain(created.token);
        expect(text).not.toContain(row.tokenHash);
      }
      for (const r of [...list.body, show.body]) {
        expect(r).not.toHaveProperty('token');
        expect(r).not.toHaveProperty('tokenHash');
      }
      const audit = await admin.get(listUrl('audit-log', { filter: { resource: 'app-tokens' }, range: [0, 99] }));
      expect(audit.text).not.toContain(created.token);
      expect(audit.text).not.toContain(row.tokenHash);
    });

    it('when admin revokes a token, then revokedAt is set; revoking it again is 409', async () => {
      const res = await admin.delete(`/api/app-tokens/${created.id}`);
      expect(res.status).toBe(200);
      expect(res.body.revokedAt).toBe(TEST_NOW.toISOString());
      expect(res.body).not.toHaveProperty('token');
      expect((await admin.get(`/api/app-tokens/${created.id}`)).body.revokedAt).toBe(TEST_NOW.toISOString());
      expectError(await admin.delete(`/api/app-tokens/${created.id}`), 409, 'invalid_state');
      const audit = await admin.get(listUrl('audit-log', { filter: { resource: 'app-tokens', resourceId: String(created.id), action: 'app-tokens.revoke' } }));
      expect(audit.body).toHaveLength(1);
    });

    it('when an unknown or non-numeric token id is revoked, then 404 (on every database)', async () => {
      expectError(await admin.delete('/api/app-tokens/99999'), 404, 'not_found');
      expectError(await admin.delete('/api/app-tokens/abc'), 404, 'not_found');
    });

    it('when the token name is missing or extra fields are sent, then 400', async () => {
      expectError(await admin.post('/api/app-tokens').send({}), 400, 'invalid_request');
      expectError(await admin.post('/api/app-tokens').send({ name: 'x', token: 'chosen-by-client' }), 400, 'invalid_request');
    });
  });

  describe('audit log is read-only', () => {
    it.each([
      ['post', '/api/audit-log'],
      ['put', '/api/audit-log/1'],
      ['delete', '/api/audit-log/1'],
      ['post', '/api/audit-log/1'],
      ['put', '/api/audit-log'],
      ['delete', '/api/audit-log'],
    ] as const)('when admin sends %s %s, then 404 not_found (no such route) and the trail is unchanged', async (method, url) => {
      const before = await t.db('auditLog').count({ n: '*' });
      const req = admin[method](url);
      const res = method === 'delete' ? await req : await req.send({ action: 'forged', resource: 'partners' });
      expectError(res, 404, 'not_found');
      expect(await t.db('auditLog').count({ n: '*' })).toEqual(before);
    });

    it('when the declared routes are inspected, then only GET routes exist on /audit-log', () => {
      const auditRoutes = t.built.routes.filter((r) => r.path === '/audit-log' || r.path.startsWith('/audit-log/'));
      expect(auditRoutes.map(routeKey).sort()).toEqual(['GET /audit-log', 'GET /audit-log/:id']);
    });
  });

  describe('OpenAPI', () => {
    it('when /api/openapi.json is fetched anonymously, then 200, OpenAPI 3.1, and every declared route is in it', async () => {
      const res = await t.anonymous().get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\.1\.\d+$/);
      expect(res.body.info?.title).toBeTruthy();
      const missing: string[] = [];
      for (const route of t.built.routes) {
        const p = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
        const op = res.body.paths?.[p]?.[route.method];
        if (!op) missing.push(routeKey(route));
        else {
          const names = (op.parameters ?? []).filter((x: TestRow) => x.in === 'path').map((x: TestRow) => x.name);
          expect(names, routeKey(route)).toEqual([...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]));
        }
      }
      expect(missing).toEqual([]);
      const documented = Object.entries(res.body.paths as Record<string, JsonObject>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
      expect(documented.length).toBe(t.built.routes.length);
    });

    it('when a list route is documented, then its sort, range and filter parameters are described', async () => {
      const res = await t.anonymous().get('/api/openapi.json');
      const op = res.body.paths['/api/partners'].get;
      expect(op.parameters.map((p: TestRow) => p.name).sort()).toEqual(['filter', 'range', 'sort']);
      expect(op.responses['200'].headers).toHaveProperty('Content-Range');
    });
  });
});
