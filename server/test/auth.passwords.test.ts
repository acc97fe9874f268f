/**
 * Staff password hashes: scrypt at OWASP's minimum cost (N = 2^17, r = 8, p = 1) in
 * production, the parameters stored with each hash, and hashes made with older parameters
 * replaced at the next successful sign-in. This file runs at the production cost (a few
 * hashes only); the other suites use the harness's test cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPasswordParams, hashPassword, needsRehash, OWASP_SCRYPT, setPasswordCostForTests, verifyPassword } from '../auth/passwords';
import { createTestApp, TEST_SCRYPT, type TestApp } from './harness';
import { expectError } from './helpers';

const OLD = { N: 2 ** 15, r: 8, p: 1 };
const PASSWORD = 'an-old-but-good-password';

describe('password hashes', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Seeded at the test cost; everything below hashes at production's.
    t = await createTestApp();
    setPasswordCostForTests(null);
  });

  let staff = 0;
  /** A staff account whose stored hash is `passwordHash` (written directly: the point is what is stored). */
  async function staffWithHash(passwordHash: string): Promise<{ id: number; email: string }> {
    staff++;
    const email = `hash${staff}@demo.test`;
    const now = new Date().toISOString();
    const [row] = await t.db('users').insert({ email, fullName: `Hash ${staff}`, role: 'ops', active: true, passwordHash, createdAt: now, updatedAt: now, searchText: email }).returning('id');
    return { id: Number(typeof row === 'object' ? row.id : row), email };
  }
  afterAll(async () => {
    setPasswordCostForTests(TEST_SCRYPT);
    await t?.close();
  });

  it('when nothing lowers the cost, then new hashes use OWASP’s scrypt minimum N=2^17, r=8, p=1, stored with the hash', async () => {
    expect(currentPasswordParams()).toEqual({ N: 131072, r: 8, p: 1 });
    expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(needsRehash(hash)).toBe(false);
  });

  it('when a staff member whose hash has old parameters signs in, then the stored hash gets the current parameters and still verifies', async () => {
    const oldHash = await hashPassword(PASSWORD, OLD);
    expect(oldHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(needsRehash(oldHash)).toBe(true);
    const { id, email } = await staffWithHash(oldHash);

    const login = await t.anonymous().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    const { passwordHash } = await t.db('users').where('id', id).first();
    expect(passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(passwordHash).not.toBe(oldHash);

    // The new hash verifies: signing in again works, and keeps it as it is.
    expect((await t.anonymous().post('/api/auth/login').send({ email, password: PASSWORD })).status).toBe(200);
    expect((await t.db('users').where('id', id).first()).passwordHash).toBe(passwordHash);
  });

  it('when the password is wrong, then an old hash is left as it is', async () => {
    const oldHash = await hashPassword(PASSWORD, OLD);
    const { id, email } = await staffWithHash(oldHash);
    expectError(await t.anonymous().post('/api/auth/login').send({ email, password: 'not-it' }), 401, 'not_authenticated');
    expect((await t.db('users').where('id', id).first()).passwordHash).toBe(oldHash);
  });

  it.each([
    ['not a scrypt hash', 'bcrypt$2b$10$abc'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5'],
    ['a cost far too high to compute', 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5'],
    ['an empty key, which would match anything', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$'],
  ])('when a stored hash is damaged (%s), then it matches no password and sign-in is a plain 401', async (_label, damaged) => {
    expect(await verifyPassword('anything', damaged)).toBe(false);
    expect(needsRehash(damaged)).toBe(false);
    const { email } = await staffWithHash(damaged);
    expectError(await t.anonymous().post('/api/auth/login').send({ email, password: 'anything' }), 401, 'not_authenticated');
  });
});
