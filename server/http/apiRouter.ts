/**
 * Every API route is declared through this router with its access rule, so that
 * no route can exist without one: the guard (authentication + the permission table
 * of shared/permissions.ts) is attached here, once, for all routes. The declared
 * list also feeds the OpenAPI document and the test that walks every route × role.
 */
import express, { type RequestHandler, type Router } from 'express';
import type { z } from 'zod';
import { can, type Resource } from '../../shared/permissions';
import { answerCheck } from './answerCheck';
import type { Answer, SuccessStatus } from './answers';
import { AppError } from './errors';

export type Access =
  /** Anyone (sign-in, health, the OpenAPI document). */
  | { kind: 'public' }
  /**
   * Any signed-in staff member. `enrolling`: also one whose role must enrol a second factor
   * and has not yet (sign-out, who am I, the enrolment itself); every other route refuses them.
   */
  | { kind: 'session'; enrolling?: true }
  /** A staff member whose role has `action` on `resource` in the permission table. */
  | { kind: 'permission'; resource: Resource; action: string }
  /** An app holding a bearer token (engine API for the client and partner apps). */
  | { kind: 'app' };

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteMeta {
  method: Method;
  /** Express path under /api, e.g. `/partners/:id`. */
  path: string;
  access: Access;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Query parameters (a strict zod object) besides a list's sort/range/filter: documented and fuzzed. */
  query?: z.ZodObject;
  /** The success status(es); under NODE_ENV=test any other success status fails the request. */
  status: SuccessStatus | readonly SuccessStatus[];
  /**
   * The success body: a zod schema of the JSON (kept in the area's `answers.ts`), a file or no
   * content (server/http/answers.ts). Under NODE_ENV=test a body that does not match fails the request.
   */
  answer: Answer;
  /** Response description for the OpenAPI document (what the errors mean, when it helps). */
  response?: string;
  /** The route returns a list in the ra-data-simple-rest dialect. */
  list?: Resource;
  /** The route streams this resource's list as CSV (same `sort` and `filter`, no `range`). */
  csv?: Resource;
  multipart?: boolean;
}

export type Authenticator = {
  /** Resolves req.actor from the session cookie (staff) — never throws for anonymous. */
  staff: RequestHandler;
  /** Resolves req.actor from `Authorization: Bearer` (apps) — 401 when missing or revoked. */
  app: RequestHandler;
};

export class ApiRouter {
  readonly router: Router = express.Router();
  readonly routes: RouteMeta[] = [];

  constructor(private readonly auth: Authenticator) {}

  add(meta: RouteMeta, ...handlers: RequestHandler[]): void {
    this.routes.push(meta);
    // Under the test suites, every success answer is checked against the declaration (status and body).
    const checks = process.env.NODE_ENV === 'test' ? [answerCheck(meta)] : [];
    this.router[meta.method](meta.path, ...checks, ...this.guard(meta.access), ...handlers);
  }

  private guard(access: Access): RequestHandler[] {
    switch (access.kind) {
      case 'public':
        return [];
      case 'app':
        return [this.auth.app];
      case 'session':
        return access.enrolling ? [this.auth.staff, requireStaff] : [this.auth.staff, requireStaff, requireEnrolment];
      case 'permission':
        return [this.auth.staff, requireStaff, requireEnrolment, requirePermission(access.resource, access.action)];
    }
  }
}

const requireStaff: RequestHandler = (req, _res, next) => {
  if (req.actor?.kind !== 'staff') return next(AppError.notAuthenticated());
  next();
};

/**
 * A role that must sign in with a second factor (TOTP_REQUIRED_ROLES) reaches nothing but its
 * enrolment until it has enrolled: enforced here, for every route, not only by the console.
 */
const requireEnrolment: RequestHandler = (req, _res, next) => {
  const factor = req.actor?.kind === 'staff' ? req.actor.secondFactor : undefined;
  if (factor?.required && !factor.enrolled) {
    return next(
      new AppError(
        'forbidden',
        'Activez d’abord la connexion en deux étapes. / Set up two-step sign-in first.',
        403,
        { reason: 'totp_enrolment_required' },
      ),
    );
  }
  next();
};

function requirePermission(resource: Resource, action: string): RequestHandler {
  return (req, _res, next) => {
    const role = req.actor?.kind === 'staff' ? req.actor.role : null;
    if (!can(role, resource, action)) return next(AppError.forbidden());
    next();
  };
}
