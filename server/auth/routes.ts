/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (CONTRACT.md "Auth"), and the
 * second step of sign-in and enrolment of two-factor sign-in (server/auth/totp/routes.ts).
 */
import { z } from 'zod';
import type { ApiRouter } from '../http/apiRouter';
import { noContent } from '../http/answers';
import { identityAnswer, loginAnswer } from './answers';
import { parseBody } from '../http/crud';
import type { RouteDeps } from '../context';
import { checkCredentials, normalizeEmail } from './login';
import { lockAccount } from './lockAccount';
import { createLoginThrottle } from './loginThrottle';
import { requestLanguage } from './language';
import { badCredentials, tooManyAttempts } from './signInMessages';
import { SESSION_COOKIE } from './sessions';
import { staffActor } from './actor';
import { addressOf, destroy, regenerate, retryAfter, save } from './sessionSteps';
import { registerTotpRoutes } from './totp/routes';

const loginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export interface AuthHooks {
  /** After a session is destroyed by a sign-out (its id): what holds it open lets it go. */
  onSignOut?: (sessionId: string) => void;
}

export function registerAuthRoutes(api: ApiRouter, { db, clock, config }: RouteDeps, hooks: AuthHooks = {}): void {
  const throttle = createLoginThrottle(db, {
    maxFailures: config.loginMaxFailures,
    accountMaxFailures: config.loginAccountMaxFailures,
    windowMs: config.loginWindowMs,
  });
  api.add(
    {
      method: 'post',
      path: '/auth/login',
      access: { kind: 'public' },
      summary:
        'Sign in: sets an HttpOnly session cookie; 429 with Retry-After and details.retryAt while the account or address is locked. An account enrolled in two-step sign-in answers {secondFactor: "totp"} and is not signed in until POST /api/auth/totp',
      tag: 'auth',
      body: loginSchema,
      status: 200,
      answer: loginAnswer,
      response: '{id, email, fullName, role}, or {secondFactor: "totp"} when a code must follow',
    },
    async (req, res) => {
      const body = parseBody(loginSchema, req.body, 'la connexion / the sign-in');
      const email = normalizeEmail(body.email);
      const lang = requestLanguage(req);
      const start = await throttle.begin(addressOf(req), email);
      if (!start.allowed) {
        retryAfter(res, start.retryAt);
        throw tooManyAttempts(lang, start.retryAt, new Date());
      }
      const checked = await checkCredentials(db, clock, email, body.password);
      if (!checked) {
        const lockedUntil = await throttle.failed(start.attempt);
        if (lockedUntil) await lockAccount({ db, clock }, email, lockedUntil);
        throw badCredentials(lang);
      }
      const { identity, secondFactor } = checked;
      // A new session id at sign-in: a planted (fixated) cookie is never promoted.
      await regenerate(req);
      if (secondFactor) {
        // Not signed in: the session only remembers whose password was right, for the code step.
        await throttle.passed(start.attempt);
        req.session.pendingSignIn = { userId: identity.id, since: clock.now().toISOString() };
        await save(req);
        res.json({ secondFactor: 'totp' });
        return;
      }
      await throttle.succeeded(start.attempt);
      req.session.userId = identity.id;
      await save(req);
      res.json(identity);
    },
  );

  registerTotpRoutes(api, { db, clock, config }, throttle);

  api.add(
    { method: 'post', path: '/auth/logout', access: { kind: 'public' }, summary: 'Sign out', tag: 'auth', status: 204, answer: noContent },
    async (req, res) => {
      if (req.session?.userId || req.session?.pendingSignIn) {
        const sessionId = req.sessionID;
        await destroy(req);
        hooks.onSignOut?.(sessionId);
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  api.add(
    { method: 'get', path: '/auth/me', access: { kind: 'session', enrolling: true }, summary: 'The signed-in staff member', tag: 'auth', status: 200, answer: identityAnswer },
    (req, res) => {
      const { id, email, fullName, role } = staffActor(req);
      res.json({ id, email, fullName, role });
    },
  );
}
