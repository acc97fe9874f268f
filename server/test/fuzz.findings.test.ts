/**
 * What the schema-driven fuzzer (fuzz.api.test.ts) found, each as a regression test named
 * after the finding, on both databases.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEARER } from './engineFixture';
import { createTestApp, type TestApp } from './harness';
import { expectError } from './helpers';

describe('fuzzing findings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finding 1: when a path id is not valid percent-encoding (a lone surrogate’s bytes %ED%A0%80, a stray %), then 400 invalid_request, not 500', async () => {
    const admin = await t.as('admin');
    for (const url of ['/api/partners/%ED%A0%80', '/api/users/%ED%A0%80', '/api/registry/siren/%ED%A0%80', '/api/partners/%E0%A4%A/verification', '/api/cases/%ED%A0%80/events']) {
      const res = await admin.get(url);
      expectError(res, 400, 'invalid_request');
    }
    const post = await admin.post('/api/partners/%ED%A0%80/take').send({});
    expectError(post, 400, 'invalid_request');
    expect(post.body.error.message).toMatch(/mal encodée/);
  });
});

describe('fuzzing findings (personal-data export)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finding 2: when a personal-data export names an id beyond 2^31 (99999999999999999999), then 404 on both databases, not a PostgreSQL range error (500)', async () => {
    const admin = await t.as('admin');
    for (const subject of ['partners', 'clients']) {
      expectError(await admin.get(`/api/${subject}/99999999999999999999/export`), 404, 'not_found');
      expectError(await admin.get(`/api/${subject}/2147483648/export`), 404, 'not_found');
    }
  });
});

describe('fuzzing findings (two-step sign-in)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finding 3: when an account without two-step sign-in asks to turn it off, then 409 in one language and the sign-in throttle is not touched', async () => {
    const support = await t.as('support');
    const before = (await t.db('loginThrottle').count({ n: '*' }))[0].n;
    const res = await support.post('/api/auth/totp/disable').set('Accept-Language', 'en').send({ password: 'not-the-password' });
    expectError(res, 409, 'invalid_state');
    expect(res.body.error.message).toBe('Two-step sign-in is not on.');
    expect((await t.db('loginThrottle').count({ n: '*' }))[0].n).toBe(before);
  });
});

describe('fuzzing findings (second path ids)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finding 4: when an id beyond 2^31 − 1 comes as an evidence file, a check, an outbox, an engine order or an intake caseId, then 404 on both databases, not a PostgreSQL range error (500)', async () => {
    const [partner] = await t.db('partners').select('id').orderBy('id').limit(1);
    expect(partner).toBeDefined();
    for (const big of ['2147483648', '999999999999999']) {
      const mediator = await t.as('mediator');
      expectError(await mediator.get(`/api/cases/1/evidence/${big}`), 404, 'not_found');
      expectError(await mediator.get(`/api/cases/0/evidence/${big}`), 404, 'not_found');
      const support = await t.as('support');
      expectError(await support.put(`/api/partners/${partner.id}/checks/${big}`).send({ scheduledAt: '2027-01-04T09:00:00.000Z' }), 404, 'not_found');
      const ops = await t.as('ops');
      expectError(await ops.get(`/api/partners/${big}/outbox`), 404, 'not_found');
      expectError(await request(t.app).post(`/api/engine/orders/${big}/complete`).set('Authorization', BEARER), 404, 'not_found');
    }
  });
});
