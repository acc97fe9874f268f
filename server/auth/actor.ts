/** Who is calling: a signed-in staff member, or an app using a bearer token (engine API). */
import type { Request } from 'express';
import type { Role } from '../../shared/roles';
import { AppError } from '../http/errors';

export interface StaffActor {
  kind: 'staff';
  id: number;
  email: string;
  fullName: string;
  role: Role;
  /**
   * Two-factor sign-in: whether the account is enrolled, and whether its role must be
   * (TOTP_REQUIRED_ROLES) — one that must and is not reaches only its enrolment routes.
   * Set by the authenticator for session callers.
   */
  secondFactor?: { enrolled: boolean; required: boolean };
}

export interface AppActor {
  kind: 'app';
  tokenId: number;
  name: string;
}

export type Actor = StaffActor | AppActor;

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** The password was right for an account enrolled in two-factor sign-in: a code must follow (not signed in yet). */
    pendingSignIn?: { userId: number; since: string };
  }
}

export function staffActor(req: Request): StaffActor {
  if (req.actor?.kind !== 'staff') throw AppError.notAuthenticated();
  return req.actor;
}

/** The audit trail's actor columns for any caller. */
export function auditActor(actor: Actor | undefined): { actorId: number | null; actorKind: string } {
  if (!actor) return { actorId: null, actorKind: 'system' };
  if (actor.kind === 'staff') return { actorId: actor.id, actorKind: 'staff' };
  return { actorId: null, actorKind: `app:${actor.tokenId}` };
}
