/**
 * Two-factor sign-in (TOTP) routes:
 * - POST /api/auth/totp `{code}`: the second step of signing in to an enrolled account, after
 *   POST /api/auth/login answered `{secondFactor: "totp"}` — a 6-digit code or a recovery code;
 *   throttled with the password's counters (a wrong code counts as a failed sign-in);
 * - GET /api/auth/totp: the signed-in staff member's two-step state (enrolled, required);
 * - POST /api/auth/totp/enrolment, …/enrolment/confirm `{code}`, POST /api/auth/totp/disable
 *   `{code}|{password}`: their own enrolment;
 * - POST /api/users/{id}/reset-totp: an admin resets a staff member's 2FA.
 */
import { identityAnswer, totpConfirmedAnswer, totpDisabledAnswer, totpEnrolmentAnswer, totpStateAnswer, userAnswer } from '../answers';
import { z } from 'zod';
import type { RouteDeps } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { parseBody } from '../../http/crud';
import { staffActor } from '../actor';
import { requestLanguage } from '../language';
import { lockAccount } from '../lockAccount';
import type { LoginThrottle } from '../loginThrottle';
import { addressOf, regenerate, retryAfter, save } from '../sessionSteps';
import { badCode, badProof, passwordFirst, tooManyAttempts } from '../signInMessages';
import { confirmEnrolment } from './confirmEnrolment';
import { assertTotpEnrolled, disableTotp } from './disableTotp';
import { resetTotp } from './resetTotp';
import { signInWithCode } from './signInWithCode';
import { startEnrolment } from './startEnrolment';
import { secretBoxFor } from './staffTotp';

/** How long the password step waits for its code. */
export const PENDING_SIGN_IN_MS = 5 * 60_000;

/** A 6-digit code, or a recovery code as printed (`abcd-efgh-jkmn`, spaces and dashes allowed). */
const code = z.string().trim().min(6).max(40);
const codeSchema = z.strictObject({ code });
const disableSchema = z.union([z.strictObject({ code }), z.strictObject({ password: z.string().min(1).max(200) })]);

export function registerTotpRoutes(api: ApiRouter, { db, clock, config }: RouteDeps, throttle: LoginThrottle): void {
  const box = secretBoxFor(config);

  api.add(
    {
      method: 'post',
      path: '/auth/totp',
      access: { kind: 'public' },
      summary:
        'Second step of signing in to an account enrolled in two-step sign-in, after POST /api/auth/login answered {secondFactor: "totp"}: a 6-digit code from the app, or a recovery code (each works once). 401 for a wrong, reused or spent code (counted like a wrong password); 429 while locked',
      tag: 'auth',
      body: codeSchema,
      status: 200,
      answer: identityAnswer,
      response: '{id, email, fullName, role}',
    },
    async (req, res) => {
      const body = parseBody(codeSchema, req.body, 'le code / the code');
      const lang = requestLanguage(req);
      const pending = req.session?.pendingSignIn;
      if (!pending || clock.now().getTime() - new Date(pending.since).getTime() > PENDING_SIGN_IN_MS) throw passwordFirst(lang);
      const user = (await db('users').select('email').where('id', pending.userId).first()) as { email: string } | undefined;
      if (!user) throw passwordFirst(lang);
      const start = await throttle.begin(addressOf(req), user.email);
      if (!start.allowed) {
        retryAfter(res, start.retryAt);
        throw tooManyAttempts(lang, start.retryAt, new Date());
      }
      const identity = await signInWithCode({ db, clock }, box, pending.userId, body.code);
      if (!identity) {
        const lockedUntil = await throttle.failed(start.attempt);
        if (lockedUntil) await lockAccount({ db, clock }, user.email, lockedUntil);
        throw badCode(lang);
      }
      await throttle.succeeded(start.attempt);
      await regenerate(req);
      req.session.userId = identity.id;
      await save(req);
      res.json(identity);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/auth/totp',
      access: { kind: 'session', enrolling: true },
      summary:
        'The signed-in staff member’s two-step sign-in: enrolled or not, and whether their role must enrol (TOTP_REQUIRED_ROLES) — one that must and has not reaches only these /auth routes (403 reason totp_enrolment_required elsewhere)',
      tag: 'auth',
      status: 200,
      answer: totpStateAnswer,
      response: '{enrolled, required, enrolledAt}',
    },
    async (req, res) => {
      const actor = staffActor(req);
      const user = (await db('users').select('totpEnrolledAt').where('id', actor.id).first()) as { totpEnrolledAt: string | Date | null } | undefined;
      const enrolledAt = user?.totpEnrolledAt ? new Date(user.totpEnrolledAt).toISOString() : null;
      res.json({ enrolled: enrolledAt !== null, required: actor.secondFactor?.required ?? false, enrolledAt });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/auth/totp/enrolment',
      access: { kind: 'session', enrolling: true },
      summary:
        'Start enrolling the signed-in account in two-step sign-in: a new secret, as an otpauth:// URL and a QR code to scan (the only answer that ever carries it); 409 when already enrolled',
      tag: 'auth',
      status: 200,
      answer: totpEnrolmentAnswer,
      response: '{otpauthUrl, qrCode (PNG data URL)}',
    },
    async (req, res) => {
      res.json(await startEnrolment({ db, clock }, staffActor(req), box));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/auth/totp/enrolment/confirm',
      access: { kind: 'session', enrolling: true },
      summary: 'Confirm the enrolment with a first code from the app (422 when wrong): answers ten recovery codes, shown this once',
      tag: 'auth',
      body: codeSchema,
      status: 200,
      answer: totpConfirmedAnswer,
      response: '{totpEnrolledAt, recoveryCodes: string[10]}',
    },
    async (req, res) => {
      const body = parseBody(codeSchema, req.body, 'le code / the code');
      res.json(await confirmEnrolment({ db, clock }, staffActor(req), box, body.code));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/auth/totp/disable',
      access: { kind: 'session', enrolling: true },
      summary:
        'Turn two-step sign-in off for the signed-in account, with a current code (or a recovery code) or the password: 422 when wrong (counted like a wrong password), 429 while locked, 409 when not enrolled',
      tag: 'auth',
      body: disableSchema,
      status: 200,
      answer: totpDisabledAnswer,
      response: '{totpEnrolled: false}',
    },
    async (req, res) => {
      const body = parseBody(disableSchema, req.body, 'la désactivation / the deactivation');
      const lang = requestLanguage(req);
      const actor = staffActor(req);
      await assertTotpEnrolled({ db }, actor, lang);
      const start = await throttle.begin(addressOf(req), actor.email);
      if (!start.allowed) {
        retryAfter(res, start.retryAt);
        throw tooManyAttempts(lang, start.retryAt, new Date());
      }
      let done: boolean;
      try {
        done = await disableTotp({ db, clock }, actor, box, body);
      } catch (err) {
        await throttle.passed(start.attempt);
        throw err;
      }
      if (!done) {
        const lockedUntil = await throttle.failed(start.attempt);
        if (lockedUntil) await lockAccount({ db, clock }, actor.email, lockedUntil);
        throw badProof(lang);
      }
      await throttle.passed(start.attempt);
      res.json({ totpEnrolled: false });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/reset-totp',
      access: { kind: 'permission', resource: 'users', action: 'reset-totp' },
      summary: 'Reset a staff account’s two-step sign-in (lost phone and recovery codes): it signs in with its password alone, or enrols again if its role must; audited as users.totp_reset',
      tag: 'users',
      status: 200,
      answer: userAnswer,
      response: 'the staff account, totpEnrolledAt null',
    },
    async (req, res) => {
      res.json(await resetTotp({ db, clock, actor: req.actor }, String(req.params.id)));
    },
  );
}
