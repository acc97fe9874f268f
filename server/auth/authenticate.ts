/**
 * Resolves who is calling. Staff: the session's user, re-read whenever the `users` table
 * has been written, so that a deactivated account or a changed role takes effect on the
 * next request (server/auth/userCache.ts). Apps: a bearer
 * token, stored only as its SHA-256.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { isRole, type Role } from '../../shared/roles';
import { AppError } from '../http/errors';
import { staffUserCache } from './userCache';
import type { Authenticator } from '../http/apiRouter';
import type { Clock } from '../clock';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `totpRequiredRoles`: the roles that must enrol a second factor (TOTP_REQUIRED_ROLES). */
export function createAuthenticator(db: Knex, clock: Clock, totpRequiredRoles: readonly Role[] = []): Authenticator {
  const users = staffUserCache(db);
  const staff: RequestHandler = async (req, _res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await users.get(userId);
    if (!user || !user.active || !isRole(user.role)) {
      req.session.userId = undefined;
      return next();
    }
    const secondFactor = { enrolled: user.totpEnrolledAt != null, required: totpRequiredRoles.includes(user.role) };
    req.actor = { kind: 'staff', id: Number(user.id), email: user.email, fullName: user.fullName, role: user.role, secondFactor };
    next();
  };

  const app: RequestHandler = async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S{8,200})$/i.exec(header);
    if (!match) return next(new AppError('not_authenticated', 'Jeton d’application requis (Authorization: Bearer …). / App token required.', 401));
    const row = await db('appTokens').select('id', 'name', 'revokedAt').where('tokenHash', hashToken(match[1])).first();
    if (!row || row.revokedAt) return next(new AppError('not_authenticated', 'Jeton d’application inconnu ou révoqué. / Unknown or revoked app token.', 401));
    req.actor = { kind: 'app', tokenId: Number(row.id), name: row.name };
    await db('appTokens').where('id', row.id).update({ lastUsedAt: clock.now().toISOString() });
    next();
  };

  return { staff, app };
}
