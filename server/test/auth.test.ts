/** Staff sign-in, sessions and their protections (CONTRACT.md "HTTP" → Auth). */
import path from 'node:path';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BuiltApp } from '../app';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seeds/demo';
import { createTestApp, testConfig, type TestApp } from './harness';
import { expectError } from './helpers';

const ADMIN = DEMO_USERS.find((u) => u.role === 'admin')!;
const SUPPORT = DEMO_USERS.find((u) => u.role === 'support')!;
const COORDINATOR = DEMO_USERS.find((u) => u.role === 'coordinator')!;
const OPS2 = DEMO_USERS.find((u) => u.email === 'ops2@demo.test')!;
const MEDIATOR = DEMO_USERS.find((u) => u.role === 'mediator')!;

function sessionCookie(res: request.Response): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith('console.sid='));
}

function sidOf(cookie: string | undefined): string {
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0].slice('console.sid='.length);
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when a demo account signs in with the right password, then 200 {id,email,fullName,role} and an HttpOnly SameSite=Lax console.sid cookie', async () => {
    const res = await t.anonymous().post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const row = await t.db('users').where('email', SUPPORT.email).first();
    expect(res.body).toEqual({ id: Number(row.id), email: SUPPORT.email, fullName: SUPPORT.fullName, role: 'support' });
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
  });

  it('when the email is typed in capitals with spaces, then sign-in still succeeds', async () => {
    const res = await t.anonymous().post('/api/auth/login').send({ email: `  ${ADMIN.email.toUpperCase()} `, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(ADMIN.email);
  });

  it('when the password is wrong or the email unknown, then 401 not_authenticated with the same message and no cookie', async () => {
    const wrong = await t.anonymous().post('/api/auth/login').send({ email: MEDIATOR.email, password: 'not-the-password' });
    const unknown = await t.anonymous().post('/api/auth/login').send({ email: 'nobody-here@demo.test', password: DEMO_PASSWORD });
    const a = expectError(wrong, 401, 'not_authenticated');
    const b = expectError(unknown, 401, 'not_authenticated');
    expect(a.message).toBe(b.message);
    expect(a.details).toBeUndefined();
    expect(b.details).toBeUndefined();
    expect(sessionCookie(wrong)).toBeUndefined();
    expect(sessionCookie(unknown)).toBeUndefined();
  });

  it('when an anonymous request arrives, then no session cookie is set (saveUninitialized: false)', async () => {
    const res = await t.anonymous().get('/api/auth/me');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('when someone signs in twice on the same browser, then the session id is rotated and the old id no longer works', async () => {
    const agent = t.anonymous();
    const first = await agent.post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    expect(first.status).toBe(200);
    const sid1 = sidOf(sessionCookie(first));
    const second = await agent.post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    expect(second.status).toBe(200);
    const sid2 = sidOf(sessionCookie(second));
    expect(sid2).not.toBe(sid1);

    const withOld = await request(t.app).get('/api/auth/me').set('Cookie', `console.sid=${sid1}`);
    expectError(withOld, 401, 'not_authenticated');
    const withNew = await request(t.app).get('/api/auth/me').set('Cookie', `console.sid=${sid2}`);
    expect(withNew.status).toBe(200);
    expect(withNew.body.email).toBe(SUPPORT.email);
  });

  it('when a planted (fixated) session cookie is sent at sign-in, then the server issues a different id', async () => {
    const planted = 'attacker-chosen-session-id';
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('Cookie', `console.sid=s%3A${planted}.bogus-signature`)
      .send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const sid = decodeURIComponent(sidOf(sessionCookie(res)));
    expect(sid).not.toContain(planted);
  });

  it('when /api/auth/me is called anonymously, then 401; when signed in, then 200 with the identity', async () => {
    expectError(await t.anonymous().get('/api/auth/me'), 401, 'not_authenticated');
    const agent = t.anonymous();
    const login = await agent.post('/api/auth/login').send({ email: ADMIN.email, password: DEMO_PASSWORD });
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(login.body);
    expect(me.body.role).toBe('admin');
  });

  it('when a staff member signs out, then /api/auth/me is 401 and the old cookie is dead on the server too', async () => {
    const agent = t.anonymous();
    const login = await agent.post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    const sid = sidOf(sessionCookie(login));
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    const out = await agent.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expectError(await agent.get('/api/auth/me'), 401, 'not_authenticated');
    expectError(await request(t.app).get('/api/auth/me').set('Cookie', `console.sid=${sid}`), 401, 'not_authenticated');
    expectError(await request(t.app).get('/api/partners').set('Cookie', `console.sid=${sid}`), 401, 'not_authenticated');
  });

  it('when an admin deactivates a signed-in user, then that user loses access on the next request and cannot sign in again', async () => {
    const victim = t.anonymous();
    const login = await victim.post('/api/auth/login').send({ email: OPS2.email, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect((await victim.get('/api/partners?range=[0,0]')).status).toBe(200);

    const admin = await t.as('admin');
    const put = await admin.put(`/api/users/${login.body.id}`).send({ active: false });
    expect(put.status).toBe(200);
    expect(put.body.active).toBe(false);

    expectError(await victim.get('/api/partners?range=[0,0]'), 401, 'not_authenticated');
    expectError(await victim.get('/api/auth/me'), 401, 'not_authenticated');
    const again = await t.anonymous().post('/api/auth/login').send({ email: OPS2.email, password: DEMO_PASSWORD });
    const wrong = await t.anonymous().post('/api/auth/login').send({ email: OPS2.email, password: 'not-the-password' });
    expect(expectError(again, 401, 'not_authenticated').message).toBe(wrong.body.error.message);
  });

  it('when an admin changes a signed-in user’s role, then the new role applies on the next request', async () => {
    const admin = await t.as('admin');
    const agent = t.anonymous();
    const login = await agent.post('/api/auth/login').send({ email: MEDIATOR.email, password: DEMO_PASSWORD });
    expect((await agent.get('/api/cases')).status).toBe(200);
    expect((await admin.put(`/api/users/${login.body.id}`).send({ role: 'coordinator' })).status).toBe(200);
    expectError(await agent.get('/api/cases'), 403, 'forbidden');
    expect((await agent.get('/api/auth/me')).body.role).toBe('coordinator');
    expect((await admin.put(`/api/users/${login.body.id}`).send({ role: 'mediator' })).status).toBe(200);
    expect((await agent.get('/api/cases')).status).toBe(200);
  });

  it('when one email fails to sign in 5 times, then the next attempt is 429 rate_limited even with the right password, and other emails still sign in', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.anonymous().post('/api/auth/login').send({ email: COORDINATOR.email, password: `wrong-${i}` });
      expectError(res, 401, 'not_authenticated');
    }
    const blocked = await t.anonymous().post('/api/auth/login').send({ email: COORDINATOR.email, password: DEMO_PASSWORD });
    expectError(blocked, 429, 'rate_limited');
    expect(sessionCookie(blocked)).toBeUndefined();
    const blockedCaps = await t.anonymous().post('/api/auth/login').send({ email: COORDINATOR.email.toUpperCase(), password: DEMO_PASSWORD });
    expectError(blockedCaps, 429, 'rate_limited');
    const other = await t.anonymous().post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    expect(other.status).toBe(200);
  });

  describe('with loginMaxFailures: 3', () => {
    let strict: BuiltApp;
    beforeAll(() => {
      // A second app on the same (already seeded) database: a lower limit over the same counters.
      strict = createApp({ db: t.db, config: testConfig({ loginMaxFailures: 3 }), clock: t.clock, spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {} });
    });
    afterAll(() => strict?.close());

    it('when a successful sign-in comes between failures, then the failure count starts again from zero', async () => {
      const login = (password: string) => request(strict.app).post('/api/auth/login').send({ email: ADMIN.email, password });
      expectError(await login('wrong-1'), 401, 'not_authenticated');
      expectError(await login('wrong-2'), 401, 'not_authenticated');
      expect((await login(DEMO_PASSWORD)).status).toBe(200);
      // Had the two failures before the success still counted, the second of these would be refused.
      expectError(await login('wrong-3'), 401, 'not_authenticated');
      expectError(await login('wrong-4'), 401, 'not_authenticated');
      expectError(await login('wrong-5'), 401, 'not_authenticated');
      expectError(await login('wrong-6'), 429, 'rate_limited');
      expectError(await login(DEMO_PASSWORD), 429, 'rate_limited');
    });
  });

  it('when passwords are stored, then only scrypt hashes are kept, never the plain password', async () => {
    const admin = await t.as('admin');
    const plain = 'a-long-enough-password-42';
    const created = await admin.post('/api/users').send({ email: 'hash.check@demo.test', fullName: 'Hash Check', role: 'ops', password: plain });
    expect(created.status).toBe(201);
    const rows = await t.db('users').select('email', 'passwordHash');
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_USERS.length + 1);
    for (const row of rows) {
      expect(row.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(row.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(row.passwordHash).not.toContain(plain);
    }
    const hashes = rows.map((r) => r.passwordHash);
    const created2 = rows.find((r) => r.email === 'hash.check@demo.test')!;
    expect(hashes.filter((h) => h === created2.passwordHash)).toHaveLength(1);
    const login = await t.anonymous().post('/api/auth/login').send({ email: 'hash.check@demo.test', password: plain });
    expect(login.status).toBe(200);
  });

  it('when the login body is malformed JSON, then 400 invalid_request', async () => {
    const res = await t.anonymous().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "admin@demo.test", "password": ');
    expectError(res, 400, 'invalid_request');
  });

  it('when the login body has an unknown field, then 400 invalid_request and no session', async () => {
    const res = await t.anonymous().post('/api/auth/login').send({ email: ADMIN.email, password: DEMO_PASSWORD, rememberMe: true });
    expectError(res, 400, 'invalid_request');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('when the login body lacks the password or has the wrong types, then 400 invalid_request', async () => {
    expectError(await t.anonymous().post('/api/auth/login').send({ email: ADMIN.email }), 400, 'invalid_request');
    expectError(await t.anonymous().post('/api/auth/login').send({ email: ADMIN.email, password: 1234 }), 400, 'invalid_request');
    expectError(await t.anonymous().post('/api/auth/login').send([ADMIN.email, DEMO_PASSWORD]), 400, 'invalid_request');
  });

  it('when someone signs in, then an auth.login audit row names them', async () => {
    const before = await t.db('auditLog').where({ action: 'auth.login' }).count({ n: '*' });
    const res = await t.anonymous().post('/api/auth/login').send({ email: SUPPORT.email, password: DEMO_PASSWORD });
    const after = await t.db('auditLog').where({ action: 'auth.login' }).count({ n: '*' });
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
    const last = await t.db('auditLog').where({ action: 'auth.login' }).orderBy('id', 'desc').first();
    expect(Number(last.actorId)).toBe(res.body.id);
  });
});
