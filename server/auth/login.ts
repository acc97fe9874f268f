/** Sign-in and sign-out operations (the routes are in auth/routes.ts). */
import type { Knex } from 'knex';
import { isRole, type Role } from '../../shared/roles';
import { recordAudit } from '../audit/recordAudit';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { decoyHash, verifyPassword } from './passwords';

export interface Identity {
  id: number;
  email: string;
  fullName: string;
  role: Role;
}

const BAD_CREDENTIALS = 'Email ou mot de passe incorrect. / Wrong email or password.';

export async function checkCredentials(db: Knex, clock: Clock, email: string, password: string): Promise<Identity> {
  const user = await db('users').where('email', email.trim().toLowerCase()).first();
  // Verify against a decoy when the email is unknown, so that timing does not tell which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || !user.active || !isRole(user.role)) {
    throw new AppError('not_authenticated', BAD_CREDENTIALS, 401);
  }
  const identity: Identity = { id: Number(user.id), email: user.email, fullName: user.fullName, role: user.role };
  await recordAudit(db, {
    actor: { kind: 'staff', ...identity },
    action: 'auth.login',
    resource: 'users',
    resourceId: identity.id,
    at: clock.now(),
  });
  return identity;
}
