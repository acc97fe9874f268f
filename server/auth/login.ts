/** Checking a staff member's email and password at sign-in (the route is in auth/routes.ts). */
import type { Knex } from 'knex';
import { isRole, type Role } from '../../shared/roles';
import type { Clock } from '../clock';
import { audit } from '../data/audit';
import { inTransaction } from '../data/transaction';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords';

export interface Identity {
  id: number;
  email: string;
  fullName: string;
  role: Role;
}

/** The form sign-in compares and throttles emails in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The identity when the password is right and the account active, else null — the same
 * null, after the same work, whether the email is unknown, the password wrong or the
 * account deactivated. A hash made with older scrypt parameters is replaced by one with
 * the current parameters, now that the password is known.
 *
 * An account enrolled in two-factor sign-in is not signed in yet: `secondFactor` says a code
 * must follow (server/auth/totp/signInWithCode.ts), and the sign-in is audited then.
 */
export async function checkCredentials(
  db: Knex,
  clock: Clock,
  email: string,
  password: string,
): Promise<{ identity: Identity; secondFactor: boolean } | null> {
  const user = await db('users').where('email', normalizeEmail(email)).first();
  // Verify against a decoy when the email is unknown, so that timing does not tell which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || !user.active || !isRole(user.role)) return null;
  const identity: Identity = { id: Number(user.id), email: user.email, fullName: user.fullName, role: user.role };
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(password);
    // Only over the hash just verified: a password changed meanwhile by an admin is kept.
    await db('users').where({ id: user.id, passwordHash: user.passwordHash }).update({ passwordHash });
  }
  if (user.totpEnrolledAt) return { identity, secondFactor: true };
  // A successful sign-in ends the account's lock (the throttle has reset its counters).
  await inTransaction({ db, clock, actor: { kind: 'staff', ...identity } }, async (tx) => {
    if (user.lockedUntil) await tx.trx('users').where('id', user.id).update({ lockedUntil: null });
    await audit(tx, 'auth.login', 'users', identity.id, null, null);
  });
  return { identity, secondFactor: false };
}
