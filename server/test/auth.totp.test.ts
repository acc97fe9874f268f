/**
 * Two-step sign-in for staff (TOTP, RFC 6238), end to end through HTTP: enrolment with a QR
 * code, the code step after the password, wrong / reused / recovery codes, the throttle, the
 * roles that must enrol (TOTP_REQUIRED_ROLES), and secrets that never leave the enrolment's
 * first answer. Codes are generated with otplib from the secret at the app's (fixed) clock.
 */
import request from 'supertest';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seeds/demo';
import type { fixedClock } from '../clock';
import { accountKeyOf, THROTTLE_TABLE } from '../auth/loginThrottle';
import { totpRequiredRolesFromEnv } from '../auth/totp/requiredRoles';
import { createSecretBox } from '../auth/totp/secretBox';
import { createTestApp, type TestApp } from './harness';
import { expectError } from './helpers';

const PASSWORD = 'the-right-password-42';
type Agent = ReturnType<typeof request.agent>;

function clockOf(t: TestApp): ReturnType<typeof fixedClock> {
  return t.clock as ReturnType<typeof fixedClock>;
}

/** The code an authenticator app shows at the app's current time. */
function codeNow(t: TestApp, secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
}

/** Next 30-second step: a fresh code. */
function nextStep(t: TestApp): void {
  clockOf(t).advance(30_000);
}

describe('two-step sign-in (TOTP)', () => {
  let t: TestApp;
  /** Every body the server answered, but the enrolment's start (it carries the secret) and its confirmation (the recovery codes, once). */
  const answers: string[] = [];
  const secrets: string[] = [];
  const recoveryCodes: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ config: { loginMaxFailures: 5, loginAccountMaxFailures: 10 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  function keep<T extends request.Response>(res: T): T {
    answers.push(res.text ?? '');
    return res;
  }

  let accounts = 0;
  async function account(role: 'ops' | 'support' | 'admin' = 'ops'): Promise<{ id: number; email: string }> {
    const admin = await t.as('admin');
    accounts++;
    const res = await admin.post('/api/users').send({ email: `totp${accounts}@demo.test`, fullName: `Totp ${accounts}`, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id, email: res.body.email };
  }

  async function signedIn(email: string): Promise<Agent> {
    const agent = t.anonymous();
    const res = keep(await agent.post('/api/auth/login').send({ email, password: PASSWORD }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return agent;
  }

  /** Enrols the signed-in agent: the secret as the QR code carries it, and the recovery codes. */
  async function enrol(agent: Agent): Promise<{ secret: string; codes: string[] }> {
    const start = await agent.post('/api/auth/totp/enrolment').send({});
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const secret = new URL(start.body.otpauthUrl).searchParams.get('secret')!;
    secrets.push(secret);
    // Not kept: the confirmation shows the recovery codes, this once.
    const done = await agent.post('/api/auth/totp/enrolment/confirm').send({ code: await codeNow(t, secret) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    recoveryCodes.push(...done.body.recoveryCodes);
    return { secret, codes: done.body.recoveryCodes };
  }

  /** A new browser past the password step of an enrolled account. */
  async function pending(email: string, address = '203.0.113.9'): Promise<Agent> {
    const agent = t.anonymous();
    const res = keep(await agent.post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password: PASSWORD }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ secondFactor: 'totp' });
    return agent;
  }

  async function enrolledAccount() {
    const user = await account();
    const { secret, codes } = await enrol(await signedIn(user.email));
    nextStep(t);
    return { ...user, secret, codes };
  }

  async function accountFailures(email: string): Promise<number> {
    const row = await t.db(THROTTLE_TABLE).where('key', `account:${accountKeyOf(email)}`).first();
    return row ? Number(row.points) : 0;
  }

  it('when a staff member enrols, then the answer has an otpauth URL and a QR code, the first code confirms it and ten recovery codes come once', async () => {
    const user = await account();
    const agent = await signedIn(user.email);
    const start = await agent.post('/api/auth/totp/enrolment').send({});
    expect(start.status).toBe(200);
    expect(start.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]{32}/);
    expect(new URL(start.body.otpauthUrl).searchParams.get('issuer')).toBe('Console services à domicile');
    expect(start.body.qrCode).toMatch(/^data:image\/png;base64,/);
    const secret = new URL(start.body.otpauthUrl).searchParams.get('secret')!;
    secrets.push(secret);

    // A wrong first code: 422 naming the field, still not enrolled.
    const wrong = keep(await agent.post('/api/auth/totp/enrolment/confirm').send({ code: '000000' === (await codeNow(t, secret)) ? '111111' : '000000' }));
    expect(expectError(wrong, 422, 'validation_failed').details).toMatchObject({ field: 'code' });
    expect(keep(await agent.get('/api/auth/totp')).body).toEqual({ enrolled: false, required: false, enrolledAt: null });

    const done = await agent.post('/api/auth/totp/enrolment/confirm').send({ code: await codeNow(t, secret) });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    for (const c of done.body.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    recoveryCodes.push(...done.body.recoveryCodes);
    expect(keep(await agent.get('/api/auth/totp')).body).toEqual({ enrolled: true, required: false, enrolledAt: t.clock.now().toISOString() });

    // Once enrolled, starting again is refused: turn it off first.
    expectError(keep(await agent.post('/api/auth/totp/enrolment').send({})), 409, 'invalid_state');
    const admin = await t.as('admin');
    expect(keep(await admin.get(`/api/users/${user.id}`)).body.totpEnrolledAt).toBe(t.clock.now().toISOString());
    const actions = (await t.db('auditLog').where({ resource: 'users', resourceId: String(user.id) }).orderBy('id')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['users.totp_start', 'users.totp_enrol']));
  });

  it('when an enrolled account gives its password, then it is not signed in until a right code follows', async () => {
    const user = await enrolledAccount();
    const agent = await pending(user.email);
    // The password step opens nothing.
    expectError(keep(await agent.get('/api/auth/me')), 401, 'not_authenticated');
    expectError(keep(await agent.get('/api/auth/totp')), 401, 'not_authenticated');
    expectError(keep(await agent.get('/api/partners')), 401, 'not_authenticated');
    expectError(keep(await agent.post('/api/auth/totp/enrolment').send({})), 401, 'not_authenticated');

    const res = keep(await agent.post('/api/auth/totp').send({ code: await codeNow(t, user.secret) }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id: user.id, email: user.email, fullName: expect.any(String), role: 'ops' });
    expect(keep(await agent.get('/api/partners')).status).toBe(200);
    const login = await t.db('auditLog').where({ action: 'auth.login', resourceId: String(user.id) }).orderBy('id', 'desc').first();
    expect(JSON.parse(login.after)).toEqual({ secondFactor: 'totp' });
  });

  it('when the code is wrong, then 401 and the failure is counted by the sign-in throttle until 429', async () => {
    const user = await enrolledAccount();
    const agent = await pending(user.email, '203.0.113.20');
    const right = await codeNow(t, user.secret);
    const wrong = right === '123456' ? '654321' : '123456';
    for (let i = 1; i <= 4; i++) {
      expectError(keep(await agent.post('/api/auth/totp').set('X-Forwarded-For', '203.0.113.20').send({ code: wrong })), 401, 'not_authenticated');
      expect(await accountFailures(user.email)).toBe(i);
    }
    // A right password again buys no fresh tries at the code.
    const again = await pending(user.email, '203.0.113.20');
    expect(await accountFailures(user.email)).toBe(4);
    expectError(keep(await again.post('/api/auth/totp').set('X-Forwarded-For', '203.0.113.20').send({ code: wrong })), 401, 'not_authenticated');
    // Five failures (LOGIN_MAX_FAILURES) from this address: even the right code is refused now.
    const locked = keep(await again.post('/api/auth/totp').set('X-Forwarded-For', '203.0.113.20').send({ code: right }));
    expectError(locked, 429, 'rate_limited');
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('when a code has already been accepted, then it is refused the second time (and a newer one works)', async () => {
    const user = await enrolledAccount();
    const code = await codeNow(t, user.secret);
    const first = await pending(user.email);
    expect(keep(await first.post('/api/auth/totp').send({ code })).status).toBe(200);
    const second = await pending(user.email);
    expectError(keep(await second.post('/api/auth/totp').send({ code })), 401, 'not_authenticated');
    nextStep(t);
    expect(keep(await second.post('/api/auth/totp').send({ code: await codeNow(t, user.secret) })).status).toBe(200);
  });

  it('when two browsers send the same fresh code at once, then only one is signed in', async () => {
    const user = await enrolledAccount();
    const [a, b] = [await pending(user.email), await pending(user.email)];
    const code = await codeNow(t, user.secret);
    const answersAtOnce = await Promise.all([a.post('/api/auth/totp').send({ code }), b.post('/api/auth/totp').send({ code })]);
    expect(answersAtOnce.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('when the code accepted at enrolment is typed again at sign-in, then it is refused', async () => {
    const user = await account();
    const { secret } = await enrol(await signedIn(user.email));
    const agent = await pending(user.email);
    expectError(keep(await agent.post('/api/auth/totp').send({ code: await codeNow(t, secret) })), 401, 'not_authenticated');
  });

  it('when a recovery code is used, then it signs in once (however it is typed), never twice, and is audited', async () => {
    const user = await enrolledAccount();
    const [code] = user.codes;
    const first = await pending(user.email);
    const typed = ` ${code!.replace(/-/g, '').toUpperCase()} `;
    expect(keep(await first.post('/api/auth/totp').send({ code: typed })).status).toBe(200);
    const second = await pending(user.email);
    expectError(keep(await second.post('/api/auth/totp').send({ code })), 401, 'not_authenticated');
    // Another one of the ten still works.
    expect(keep(await second.post('/api/auth/totp').send({ code: user.codes[1] })).status).toBe(200);
    const spent = await t.db('auditLog').where({ action: 'auth.recovery_code', resourceId: String(user.id) }).orderBy('id');
    expect(spent.map((r) => JSON.parse(r.after))).toEqual([{ recoveryCodesLeft: 9 }, { recoveryCodesLeft: 8 }]);
    const login = await t.db('auditLog').where({ action: 'auth.login', resourceId: String(user.id) }).orderBy('id', 'desc').first();
    expect(JSON.parse(login.after)).toEqual({ secondFactor: 'recovery_code' });
  });

  it('when a code comes without the password step, or too long after it, then 401', async () => {
    const user = await enrolledAccount();
    expectError(keep(await t.anonymous().post('/api/auth/totp').send({ code: await codeNow(t, user.secret) })), 401, 'not_authenticated');
    const agent = await pending(user.email);
    clockOf(t).advance(6 * 60_000);
    expectError(keep(await agent.post('/api/auth/totp').send({ code: await codeNow(t, user.secret) })), 401, 'not_authenticated');
    expectError(keep(await agent.post('/api/auth/totp').send({ code: '12' })), 400, 'invalid_request');
  });

  it('when a staff member turns 2FA off, then a wrong proof is 422 and a current code or the password turns it off (audited)', async () => {
    const user = await enrolledAccount();
    const agent = await pending(user.email);
    expect(keep(await agent.post('/api/auth/totp').send({ code: await codeNow(t, user.secret) })).status).toBe(200);
    nextStep(t);
    expectError(keep(await agent.post('/api/auth/totp/disable').send({ password: 'not-my-password' })), 422, 'validation_failed');
    expectError(keep(await agent.post('/api/auth/totp/disable').send({})), 400, 'invalid_request');
    const off = keep(await agent.post('/api/auth/totp/disable').send({ code: await codeNow(t, user.secret) }));
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toEqual({ totpEnrolled: false });
    expectError(keep(await agent.post('/api/auth/totp/disable').send({ password: PASSWORD })), 409, 'invalid_state');
    // The password alone signs in again.
    const back = keep(await t.anonymous().post('/api/auth/login').send({ email: user.email, password: PASSWORD }));
    expect(back.body).toMatchObject({ id: user.id, role: 'ops' });
    expect(await t.db('staffTotp').where('userId', user.id).first()).toBeUndefined();
    expect(await t.db('staffRecoveryCodes').where('userId', user.id)).toEqual([]);
    expect(await t.db('auditLog').where({ action: 'users.totp_disable', resourceId: String(user.id) }).first()).toBeDefined();

    // With the password as proof, too.
    const again = await enrol(await signedIn(user.email));
    const signed = await pending(user.email);
    nextStep(t);
    expect(keep(await signed.post('/api/auth/totp').send({ code: await codeNow(t, again.secret) })).status).toBe(200);
    expect(keep(await signed.post('/api/auth/totp/disable').send({ password: PASSWORD })).status).toBe(200);
  });

  it('when an admin resets a staff member’s 2FA, then the password alone signs in and the reset is audited; other roles get 403', async () => {
    const user = await enrolledAccount();
    expectError(keep(await (await t.as('support')).post(`/api/users/${user.id}/reset-totp`).send({})), 403, 'forbidden');
    const admin = await t.as('admin');
    const reset = keep(await admin.post(`/api/users/${user.id}/reset-totp`).send({}));
    expect(reset.status).toBe(200);
    expect(reset.body.totpEnrolledAt).toBeNull();
    const back = keep(await t.anonymous().post('/api/auth/login').send({ email: user.email, password: PASSWORD }));
    expect(back.body).toMatchObject({ id: user.id });
    const entry = await t.db('auditLog').where({ action: 'users.totp_reset', resourceId: String(user.id) }).first();
    expect(entry.actorId).toBe(DEMO_USERS.findIndex((u) => u.role === 'admin') + 1);
    expect(JSON.parse(entry.after)).toMatchObject({ totpEnrolledAt: null });
    expectError(keep(await admin.post('/api/users/99999/reset-totp').send({})), 404, 'not_found');
  });

  it('when the encryption key changes, then a stored secret cannot be opened, and the code step says to ask an admin (no 500)', async () => {
    const sealed = createSecretBox('key-one').seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(createSecretBox('key-one').open(sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(createSecretBox('key-two').open(sealed)).toBeNull();
    expect(createSecretBox('key-one').open('v1:garbage')).toBeNull();

    const user = await enrolledAccount();
    await t.db('staffTotp').where('userId', user.id).update({ secret: createSecretBox('another-key').seal(user.secret) });
    const agent = await pending(user.email);
    const res = keep(await agent.post('/api/auth/totp').send({ code: await codeNow(t, user.secret) }));
    expect(expectError(res, 409, 'invalid_state').details).toEqual({ reason: 'totp_secret_unreadable' });
  });

  it('when the demo accounts sign in (no role must enrol outside production), then the password alone is enough', async () => {
    for (const u of DEMO_USERS) {
      const res = await t.anonymous().post('/api/auth/login').send({ email: u.email, password: DEMO_PASSWORD });
      expect(res.body, u.email).toMatchObject({ email: u.email, role: u.role });
    }
  });

  it('when the flows above have run, then no answer (but the enrolment’s two, once) and no audit entry holds a secret or a recovery code', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    expect(recoveryCodes.length).toBeGreaterThan(50);
    const admin = await t.as('admin');
    answers.push((await admin.get('/api/audit-log?range=[0,999]')).text, (await admin.get('/api/users?range=[0,999]')).text);
    const audit = JSON.stringify(await t.db('auditLog').select());
    const stored = JSON.stringify([await t.db('staffTotp').select(), await t.db('staffRecoveryCodes').select()]);
    const haystacks = [...answers, audit, stored].map((s) => s.toLowerCase());
    for (const secret of secrets) for (const text of haystacks) expect(text).not.toContain(secret.toLowerCase());
    for (const code of recoveryCodes) {
      for (const text of haystacks) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(code.replace(/-/g, ''));
      }
    }
  });
});

describe('roles that must enrol (TOTP_REQUIRED_ROLES)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { totpRequiredRoles: ['support'] } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when a role must enrol and has not, then it signs in but reaches only its enrolment until it enrols', async () => {
    const support = await t.as('support');
    expect((await support.get('/api/auth/me')).body).toMatchObject({ role: 'support' });
    expect((await support.get('/api/auth/totp')).body).toEqual({ enrolled: false, required: true, enrolledAt: null });
    const refused = await support.get('/api/partners');
    expect(expectError(refused, 403, 'forbidden').details).toEqual({ reason: 'totp_enrolment_required' });
    expectError(await support.put('/api/partners/2').send({ city: 'Lyon' }), 403, 'forbidden');
    expectError(await support.get('/api/audit-log'), 403, 'forbidden');

    const start = await support.post('/api/auth/totp/enrolment').send({});
    expect(start.status).toBe(200);
    const secret = new URL(start.body.otpauthUrl).searchParams.get('secret')!;
    const code = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    expect((await support.post('/api/auth/totp/enrolment/confirm').send({ code })).status).toBe(200);
    expect((await support.get('/api/partners')).status).toBe(200);
  });

  it('when a role need not enrol, then it reaches everything its role allows with the password alone', async () => {
    const ops = await t.as('ops');
    expect((await ops.get('/api/auth/totp')).body).toMatchObject({ enrolled: false, required: false });
    expect((await ops.get('/api/partners')).status).toBe(200);
  });

  it('when TOTP_REQUIRED_ROLES is unset, then admin and support must enrol in production and nobody elsewhere; a bad role stops start-up', () => {
    expect(totpRequiredRolesFromEnv(undefined, 'production')).toEqual(['admin', 'support']);
    expect(totpRequiredRolesFromEnv(undefined, 'development')).toEqual([]);
    expect(totpRequiredRolesFromEnv('none', 'production')).toEqual([]);
    expect(totpRequiredRolesFromEnv('', 'production')).toEqual([]);
    expect(totpRequiredRolesFromEnv(' Admin, ops ', 'development')).toEqual(['admin', 'ops']);
    expect(totpRequiredRolesFromEnv('all', 'test')).toHaveLength(5);
    expect(() => totpRequiredRolesFromEnv('admin,root', 'production')).toThrow(/root/);
  });
});
