/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (CONTRACT.md "Auth"). */
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { ApiRouter } from '../http/apiRouter';
import { noContent } from '../http/answers';
import { identityAnswer } from './answers';
import { parseBody } from '../http/crud';
import type { RouteDeps } from '../context';
import { checkCredentials, normalizeEmail } from './login';
import { lockAccount } from './lockAccount';
import { createLoginThrottle } from './loginThrottle';
import { requestLanguage } from './language';
import { badCredentials, tooManyAttempts } from './signInMessages';
import { SESSION_COOKIE } from './sessions';
import { staffActor } from './actor';

const loginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}
function destroy(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** The caller's address as the throttle counts it: behind TRUST_PROXY the proxy's client address; IPv6 by /56 network. */
function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown').slice(0, 64);
}

function retryAfter(res: Response, retryAt: Date): void {
  res.set('Retry-After', String(Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000))));
}

export function registerAuthRoutes(api: ApiRouter, { db, clock, config }: RouteDeps): void {
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
      summary: 'Sign in: sets an HttpOnly session cookie; 429 with Retry-After and details.retryAt while the account or address is locked',
      tag: 'auth',
      body: loginSchema,
      status: 200,
      answer: identityAnswer,
    },
    async (req, res) => {
      const body = parseBody(loginSchema, req.body, 'la connexion');
      const email = normalizeEmail(body.email);
      const lang = requestLanguage(req);
      const start = await throttle.begin(addressOf(req), email);
      if (!start.allowed) {
        retryAfter(res, start.retryAt);
        throw tooManyAttempts(lang, start.retryAt, new Date());
      }
      const identity = await checkCredentials(db, clock, email, body.password);
      if (!identity) {
        const lockedUntil = await throttle.failed(start.attempt);
        if (lockedUntil) await lockAccount({ db, clock }, email, lockedUntil);
        throw badCredentials(lang);
      }
      await throttle.succeeded(start.attempt);
      // A new session id at sign-in: a planted (fixated) cookie is never promoted.
      await regenerate(req);
      req.session.userId = identity.id;
      await save(req);
      res.json(identity);
    },
  );

  api.add(
    { method: 'post', path: '/auth/logout', access: { kind: 'public' }, summary: 'Sign out', tag: 'auth', status: 204, answer: noContent },
    async (req, res) => {
      if (req.session?.userId) await destroy(req);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  api.add(
    { method: 'get', path: '/auth/me', access: { kind: 'session' }, summary: 'The signed-in staff member', tag: 'auth', status: 200, answer: identityAnswer },
    (req, res) => {
      const { id, email, fullName, role } = staffActor(req);
      res.json({ id, email, fullName, role });
    },
  );
}
