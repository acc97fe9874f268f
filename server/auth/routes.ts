/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (CONTRACT.md "Auth"). */
import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { ApiRouter } from '../http/apiRouter';
import { parseBody } from '../http/crud';
import { AppError } from '../http/errors';
import type { RouteDeps } from '../context';
import { checkCredentials } from './login';
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

function loginThrottle(options: { maxFailures: number; windowMs: number }): RequestHandler[] {
  const tooMany = (_req: Request, _res: unknown, next: (err: unknown) => void) =>
    next(
      new AppError(
        'rate_limited',
        'Trop de tentatives de connexion. Réessayez dans quelques minutes. / Too many sign-in attempts, try again later.',
        429,
      ),
    );
  const emailOf = (req: Request) => (typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '');
  const ipKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  return [
    // Failed attempts per account and address: the usual password-guessing case.
    rateLimit({
      windowMs: options.windowMs,
      limit: options.maxFailures,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `${ipKey(req)}|${emailOf(req)}`,
      handler: tooMany,
    }),
    // Failed attempts per address across accounts: spraying one password over many emails.
    rateLimit({
      windowMs: options.windowMs,
      limit: options.maxFailures * 10,
      skipSuccessfulRequests: true,
      standardHeaders: false,
      legacyHeaders: false,
      keyGenerator: ipKey,
      handler: tooMany,
    }),
  ];
}

export function registerAuthRoutes(api: ApiRouter, { db, clock, config }: RouteDeps): void {
  const options = { maxFailures: config.loginMaxFailures, windowMs: config.loginWindowMs };
  api.add(
    {
      method: 'post',
      path: '/auth/login',
      access: { kind: 'public' },
      summary: 'Sign in: sets an HttpOnly session cookie',
      tag: 'auth',
      body: loginSchema,
      response: '{id, email, fullName, role}',
    },
    ...loginThrottle(options),
    async (req, res) => {
      const { email, password } = parseBody(loginSchema, req.body, 'la connexion');
      const identity = await checkCredentials(db, clock, email, password);
      // A new session id at sign-in: a planted (fixated) cookie is never promoted.
      await regenerate(req);
      req.session.userId = identity.id;
      await save(req);
      res.json(identity);
    },
  );

  api.add(
    { method: 'post', path: '/auth/logout', access: { kind: 'public' }, summary: 'Sign out', tag: 'auth' },
    async (req, res) => {
      if (req.session?.userId) await destroy(req);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  api.add(
    { method: 'get', path: '/auth/me', access: { kind: 'session' }, summary: 'The signed-in staff member', tag: 'auth' },
    (req, res) => {
      const { id, email, fullName, role } = staffActor(req);
      res.json({ id, email, fullName, role });
    },
  );
}
