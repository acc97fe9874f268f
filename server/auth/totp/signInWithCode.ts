/**
 * The second step of signing in to an account enrolled in two-factor sign-in: the password was
 * right (server/auth/routes.ts keeps that in the session), and a TOTP code or a recovery code
 * finishes the sign-in. Audited as `auth.login` with the factor used; spending a recovery code
 * is audited too (`auth.recovery_code`, with how many are left), in the same transaction.
 */
import { isRole } from '../../../shared/roles';
import { recordAudit } from '../../audit/recordAudit';
import type { Ctx } from '../../context';
import type { Identity } from '../login';
import { consumeCode } from './consumeCode';
import type { SecretBox } from './secretBox';

interface SignInUserRow {
  id: number | string;
  email: string;
  fullName: string;
  role: string;
  active: boolean | number;
  lockedUntil: string | Date | null;
  totpEnrolledAt: string | Date | null;
}

/** The identity when the code is right for the account, else null (a wrong, reused or spent code; an account changed meanwhile). */
export async function signInWithCode(ctx: Ctx, box: SecretBox, userId: number, code: string): Promise<Identity | null> {
  return ctx.db.transaction(async (trx) => {
    const user = (await trx('users')
      .select('id', 'email', 'fullName', 'role', 'active', 'lockedUntil', 'totpEnrolledAt')
      .where('id', userId)
      .first()) as SignInUserRow | undefined;
    // Deactivated, or 2FA reset by an admin since the password step: start again from the password.
    if (!user || !user.active || !isRole(user.role) || !user.totpEnrolledAt) return null;
    const factor = await consumeCode(trx, box, ctx.clock, userId, code);
    if (!factor) return null;
    const identity: Identity = { id: Number(user.id), email: user.email, fullName: user.fullName, role: user.role };
    const actor = { kind: 'staff' as const, ...identity };
    const at = ctx.clock.now();
    // Both factors right: the sign-in ends the account's lock, as the password alone does for others.
    if (user.lockedUntil) await trx('users').where('id', userId).update({ lockedUntil: null });
    if (factor.kind === 'recovery_code') {
      await recordAudit(trx, { actor, action: 'auth.recovery_code', resource: 'users', resourceId: identity.id, after: { recoveryCodesLeft: factor.left }, at });
    }
    await recordAudit(trx, { actor, action: 'auth.login', resource: 'users', resourceId: identity.id, after: { secondFactor: factor.kind }, at });
    return identity;
  });
}
