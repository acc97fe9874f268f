/**
 * The sign-in throttle shared by every server instance on one database (CONTRACT.md "HTTP" →
 * Auth: repeated failed logins get 429): two apps, each with its own database handle on the
 * same SQLite file or PostgreSQL schema, stand for two instances. The apps trust one proxy
 * (TRUST_PROXY), so `X-Forwarded-For` is the caller's address, as behind a real proxy.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type BuiltApp } from '../app';
import { accountKeyOf, THROTTLE_TABLE } from '../auth/loginThrottle';
import { parisTimeOf } from '../auth/signInMessages';
import type { AppConfig } from '../config';
import { createTestApp, testConfig, type TestApp } from './harness';
import { expectError } from './helpers';

const SETTINGS: Partial<AppConfig> = { trustProxy: true, loginMaxFailures: 3, loginAccountMaxFailures: 5, loginWindowMs: 15 * 60_000 };
const WINDOW_MS = SETTINGS.loginWindowMs!;
const PASSWORD = 'the-right-password-42';

type Instance = 'a' | 'b';

describe('sign-in throttle across instances', () => {
  let t: TestApp;
  let b: BuiltApp;
  const extra: BuiltApp[] = [];

  /** A third, fourth… instance on the same database (a fresh process: nothing pruned yet). */
  function anotherInstance(): BuiltApp {
    const built = createApp({ db: t.openAnother(), config: testConfig(SETTINGS), clock: t.clock, spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {} });
    extra.push(built);
    return built;
  }

  beforeAll(async () => {
    t = await createTestApp({ config: SETTINGS });
    b = anotherInstance();
  });
  afterAll(async () => {
    for (const built of extra) built.close();
    await t?.close();
  });

  let accounts = 0;
  /** A fresh staff account (created by an admin through the API), so that tests do not share counters. */
  async function account(): Promise<{ id: number; email: string }> {
    const admin = await t.as('admin');
    accounts++;
    const res = await admin.post('/api/users').send({ email: `throttled${accounts}@demo.test`, fullName: `Throttled ${accounts}`, role: 'ops', password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id, email: res.body.email };
  }

  function login(on: Instance | BuiltApp, email: string, password: string, address: string, language?: string) {
    const app = on === 'a' ? t.app : on === 'b' ? b.app : on.app;
    const req = request(app).post('/api/auth/login').set('X-Forwarded-For', address);
    if (language) req.set('Accept-Language', language);
    return req.send({ email, password });
  }

  async function lockedUntilOf(id: number): Promise<string | null> {
    const admin = await t.as('admin');
    const res = await admin.get(`/api/users/${id}`);
    expect(res.status).toBe(200);
    return res.body.lockedUntil;
  }

  it('when failures arrive through two instances on one database, then they add up to one limit per address and account', async () => {
    const { email } = await account();
    expectError(await login('a', email, 'wrong-1', '198.51.100.1'), 401, 'not_authenticated');
    expectError(await login('b', email, 'wrong-2', '198.51.100.1'), 401, 'not_authenticated');
    expectError(await login('a', email, 'wrong-3', '198.51.100.1'), 401, 'not_authenticated');
    // Three failures in all (LOGIN_MAX_FAILURES): both instances now refuse, even the right password.
    expectError(await login('b', email, PASSWORD, '198.51.100.1'), 429, 'rate_limited');
    expectError(await login('a', email, PASSWORD, '198.51.100.1'), 429, 'rate_limited');
    // Another address is not concerned by this address's lock.
    expect((await login('b', email, PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('when attempts arrive in parallel on both instances, then only LOGIN_MAX_FAILURES of them get a password check', async () => {
    const { email } = await account();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_v, i) => login(i % 2 === 0 ? 'a' : 'b', email, `wrong-${i}`, '198.51.100.3')),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('when one account fails from many addresses, then after LOGIN_ACCOUNT_MAX_FAILURES it is locked for every address, and admins see until when', async () => {
    const { id, email } = await account();
    const before = Date.now();
    for (let i = 1; i <= 5; i++) {
      expectError(await login(i % 2 ? 'a' : 'b', email, `wrong-${i}`, `203.0.113.${i}`), 401, 'not_authenticated');
    }
    const refused = await login('b', email, PASSWORD, '203.0.113.99');
    const after = Date.now();
    const error = expectError(refused, 429, 'rate_limited');
    const retryAt = Date.parse(String(error.details?.retryAt));
    expect(retryAt).toBeGreaterThanOrEqual(before + WINDOW_MS);
    expect(retryAt).toBeLessThanOrEqual(after + WINDOW_MS);

    const lockedUntil = await lockedUntilOf(id);
    expect(lockedUntil).not.toBeNull();
    expect(Date.parse(lockedUntil!)).toBeGreaterThanOrEqual(before + WINDOW_MS);
    expect(Date.parse(lockedUntil!)).toBeLessThanOrEqual(after + WINDOW_MS);

    const admin = await t.as('admin');
    const locked = await admin.get(`/api/users?filter=${encodeURIComponent(JSON.stringify({ lockedUntil_gte: new Date(after).toISOString() }))}`);
    expect(locked.status).toBe(200);
    expect(locked.body.map((u: { id: number }) => u.id)).toContain(id);

    const audit = await t.db('auditLog').where({ action: 'users.lock', resource: 'users', resourceId: String(id) });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBeNull();
    expect(JSON.parse(audit[0].after).lockedUntil).toBe(lockedUntil);
  });

  it('when an address is locked for an account, then its refused attempts do not use up the account’s allowance elsewhere', async () => {
    const { id, email } = await account();
    for (let i = 1; i <= 3; i++) expectError(await login('a', email, `wrong-${i}`, '192.0.2.10'), 401, 'not_authenticated');
    // Seven more tries from the locked address: refused without a password check, and not counted for the account.
    for (let i = 0; i < 7; i++) expectError(await login(i % 2 ? 'a' : 'b', email, `wrong-again-${i}`, '192.0.2.10'), 429, 'rate_limited');
    expect(await lockedUntilOf(id)).not.toBeNull();

    // The account has 3 failures out of 5: one more failure and a success from elsewhere still pass.
    expectError(await login('b', email, 'wrong-4', '192.0.2.11'), 401, 'not_authenticated');
    expect((await login('b', email, PASSWORD, '192.0.2.11')).status).toBe(200);
    // Its owner signed in: the console no longer shows the account as locked.
    expect(await lockedUntilOf(id)).toBeNull();
  });

  it('when a sign-in succeeds, then the account’s failure counts start again from zero', async () => {
    const { email } = await account();
    // Per address and account: 2 failures, a success, then 3 more failures are still checked.
    expectError(await login('a', email, 'wrong-1', '192.0.2.20'), 401, 'not_authenticated');
    expectError(await login('b', email, 'wrong-2', '192.0.2.20'), 401, 'not_authenticated');
    expect((await login('a', email, PASSWORD, '192.0.2.20')).status).toBe(200);
    for (let i = 3; i <= 5; i++) expectError(await login('b', email, `wrong-${i}`, '192.0.2.20'), 401, 'not_authenticated');
    expectError(await login('a', email, PASSWORD, '192.0.2.20'), 429, 'rate_limited');

    // Per account: 4 failures from four addresses, a success, then 4 more and a success again.
    const other = await account();
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i <= 4; i++) {
        expectError(await login(i % 2 ? 'a' : 'b', other.email, `wrong-${round}-${i}`, `192.0.2.${30 + round * 10 + i}`), 401, 'not_authenticated');
      }
      expect((await login('b', other.email, PASSWORD, `192.0.2.${39 + round * 10}`)).status).toBe(200);
    }
  });

  it('when sign-ins are refused, then the 429 says until when in one language — French by default, English when preferred — with Retry-After and details.retryAt', async () => {
    const { email } = await account();
    for (let i = 1; i <= 3; i++) expectError(await login('a', email, `wrong-${i}`, '192.0.2.50'), 401, 'not_authenticated');

    const french = await login('b', email, PASSWORD, '192.0.2.50');
    const fr = expectError(french, 429, 'rate_limited');
    const retryAt = new Date(String(fr.details?.retryAt));
    expect(retryAt.getTime()).toBeGreaterThan(Date.now());
    expect(fr.details).toEqual({ retryAt: retryAt.toISOString() });
    expect(fr.message).toMatch(/^Trop de tentatives : réessayez après (le \d\d\/\d\d à )?\d\d:\d\d\.$/);
    expect(fr.message).toContain(parisTimeOf(retryAt, new Date(), 'fr'));
    const retryAfter = Number(french.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);

    const en = expectError(await login('a', email, PASSWORD, '192.0.2.50', 'en-GB,en;q=0.9'), 429, 'rate_limited');
    expect(en.message).toMatch(/^Too many attempts: try again after \d\d:\d\d( on \d\d\/\d\d)?\.$/);
    expect(en.message).not.toMatch(/Trop|réessayez/);
    expect(fr.message).not.toMatch(/Too many|try again/);

    for (const preference of ['fr-FR,fr;q=0.9,en;q=0.8', 'de-DE', '*']) {
      const res = expectError(await login('b', email, PASSWORD, '192.0.2.50', preference), 429, 'rate_limited');
      expect(res.message, preference).toMatch(/^Trop de tentatives/);
    }
  });

  it('when the password is wrong, then the 401 is in one language too', async () => {
    const { email } = await account();
    expect(expectError(await login('a', email, 'wrong', '192.0.2.60'), 401, 'not_authenticated').message).toBe('Email ou mot de passe incorrect.');
    expect(expectError(await login('b', email, 'wrong', '192.0.2.61', 'en'), 401, 'not_authenticated').message).toBe('Wrong email or password.');
  });

  it('when an unknown email fails, then it is locked exactly like an existing account (nothing tells which accounts exist)', async () => {
    const known = await account();
    const unknown = 'nobody-at-all@demo.test';
    const usersBefore = await t.db('users').select('id', 'lockedUntil').orderBy('id');
    for (const email of [known.email, unknown]) {
      for (let i = 1; i <= 3; i++) expectError(await login('a', email, `wrong-${i}`, '192.0.2.70'), 401, 'not_authenticated');
      expect(expectError(await login('b', email, `wrong-4`, '192.0.2.70'), 429, 'rate_limited').message).toMatch(/^Trop de tentatives/);
    }
    const usersAfter = await t.db('users').select('id', 'lockedUntil').orderBy('id');
    expect(usersAfter.filter((u) => u.id !== known.id)).toEqual(usersBefore.filter((u) => u.id !== known.id));
  });

  it('when one address fails over many accounts, then after 10 × LOGIN_MAX_FAILURES it is refused for every account', async () => {
    for (let i = 0; i < 30; i++) expectError(await login(i % 2 ? 'a' : 'b', `sprayed${i}@demo.test`, 'Summer2026!', '192.0.2.80'), 401, 'not_authenticated');
    const { email } = await account();
    expectError(await login('a', email, PASSWORD, '192.0.2.80'), 429, 'rate_limited');
    expect((await login('a', email, PASSWORD, '192.0.2.81')).status).toBe(200);
  });

  it('when an admin unlocks an account, then it signs in again at once on every instance and from every address, and the unlock is audited', async () => {
    const { id, email } = await account();
    for (let i = 1; i <= 3; i++) expectError(await login('a', email, `wrong-${i}`, '192.0.2.90'), 401, 'not_authenticated');
    expectError(await login('b', email, 'wrong-4', '192.0.2.91'), 401, 'not_authenticated');
    expectError(await login('b', email, 'wrong-5', '192.0.2.92'), 401, 'not_authenticated');
    expectError(await login('b', email, PASSWORD, '192.0.2.90'), 429, 'rate_limited');
    expectError(await login('a', email, PASSWORD, '192.0.2.93'), 429, 'rate_limited');
    const lockedUntil = await lockedUntilOf(id);
    expect(lockedUntil).not.toBeNull();

    const support = await t.as('support');
    expectError(await support.post(`/api/users/${id}/unlock`), 403, 'forbidden');
    const admin = await t.as('admin');
    expectError(await admin.post('/api/users/999999/unlock'), 404, 'not_found');
    const unlocked = await admin.post(`/api/users/${id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id, email, lockedUntil: null });
    const hashed = accountKeyOf(email);
    expect(await t.db(THROTTLE_TABLE).where('key', `account:${hashed}`).orWhere('key', 'like', `pair:${hashed}|%`)).toEqual([]);

    const audit = await t.db('auditLog').where({ action: 'users.unlock', resourceId: String(id) });
    expect(audit).toHaveLength(1);
    const adminId = (await admin.get('/api/auth/me')).body.id;
    expect(Number(audit[0].actorId)).toBe(adminId);
    expect(JSON.parse(audit[0].before).lockedUntil).toBe(lockedUntil);
    expect(JSON.parse(audit[0].after).lockedUntil).toBeNull();

    // Unlocked through instance A: instance B lets the formerly locked address and others in at once.
    expect((await login('b', email, PASSWORD, '192.0.2.90')).status).toBe(200);
    expect((await login('b', email, PASSWORD, '192.0.2.93')).status).toBe(200);
  });

  describe('as time passes', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('when the window has passed, then a locked account signs in again without help', async () => {
      const { id, email } = await account();
      for (let i = 1; i <= 5; i++) expectError(await login('a', email, `wrong-${i}`, `192.0.2.${100 + i}`), 401, 'not_authenticated');
      const error = expectError(await login('b', email, PASSWORD, '192.0.2.110'), 429, 'rate_limited');
      const retryAt = Date.parse(String(error.details?.retryAt));

      // Only Date is faked: the throttle's store compares its windows with Date.now().
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(retryAt + 1000);
      expect((await login('b', email, PASSWORD, '192.0.2.110')).status).toBe(200);
      expect(await lockedUntilOf(id)).toBeNull();
    });

    it('when a failure is counted, then counters that ended over an hour ago are deleted, and live ones kept', async () => {
      const ended = Date.now() - 2 * 3600_000;
      await t.db(THROTTLE_TABLE).insert([
        { key: 'pair:ended|192.0.2.120', points: 3, expire: ended },
        { key: 'pair:live|192.0.2.120', points: 1, expire: Date.now() + WINDOW_MS },
      ]);
      const fresh = anotherInstance();
      expectError(await login(fresh, 'nobody-here@demo.test', 'wrong', '192.0.2.121'), 401, 'not_authenticated');
      const keys = (await t.db(THROTTLE_TABLE).whereIn('key', ['pair:ended|192.0.2.120', 'pair:live|192.0.2.120']).select('key')).map((r) => r.key);
      expect(keys).toEqual(['pair:live|192.0.2.120']);
    });
  });
});

describe('the lock’s end in words', () => {
  it('when the lock ends today in Paris, then only the time is given, rounded up to the minute, in summer and winter time', () => {
    expect(parisTimeOf(new Date('2026-07-14T16:41:10Z'), new Date('2026-07-14T16:30:00Z'), 'fr')).toBe('18:42');
    expect(parisTimeOf(new Date('2026-07-14T16:41:10Z'), new Date('2026-07-14T16:30:00Z'), 'en')).toBe('18:42');
    expect(parisTimeOf(new Date('2026-11-20T17:42:00Z'), new Date('2026-11-20T17:30:00Z'), 'fr')).toBe('18:42');
  });

  it('when the lock ends on another Paris day, then the day is given too', () => {
    const now = new Date('2026-11-20T22:00:00Z'); // 23:00 in Paris
    expect(parisTimeOf(new Date('2026-11-20T23:29:30Z'), now, 'fr')).toBe('le 21/11 à 00:30');
    expect(parisTimeOf(new Date('2026-11-20T23:29:30Z'), now, 'en')).toBe('00:30 on 21/11');
  });
});
