/**
 * The second step of signing in to an account enrolled in two-factor sign-in: the password was
 * right (server/auth/routes.ts keeps that in the session), and a TOTP code or a recovery code
 * finishes the sign-in. Audited as `auth.login` with the factor used; spending a recovery code
 * is audited too (`auth.recovery_code`, with how many are left), in the same transaction.
 */
import { isRole } from '../../../shared/roles';
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import type { Ctx } from '../../context';
import type { UsersRow } from '../../data/tables';
import type { Identity } from '../login';
import { consumeCode } from './consumeCode';
import type { SecretBox } from './secretBox';

type SignInUserRow = Pick<UsersRow, 'id' | 'email' | 'fullName' | 'role' | 'active' | 'lockedUntil' | 'totpEnrolledAt'>;

/** The identity when the code is right for the account, else null (a wrong, reused or spent code; an account changed meanwhile). */
export async function signInWithCode(ctx: Ctx, box: SecretBox, userId: number, code: string): Promise<Identity | null> {
  return inTransaction(ctx, async (signIn) => {
    const { trx } = signIn;
    const user: SignInUserRow | undefined = await trx<UsersRow>('users')
      .select('id', 'email', 'fullName', 'role', 'active', 'lockedUntil', 'totpEnrolledAt')
      .where('id', userId)
      .first();
    // Deactivated, or 2FA reset by an admin since the password step: start again from the password.
    if (!user || !user.active || !isRole(user.role) || !user.totpEnrolledAt) return null;
    const factor = await consumeCode(trx, box, ctx.clock, userId, code);
    if (!factor) return null;
    const identity: Identity = { id: Number(user.id), email: user.email, fullName: user.fullName, role: user.role };
    // The audit rows are the signed-in member's, though nobody was signed in when the request came.
    const tx = { ...signIn, actor: { kind: 'staff' as const, ...identity } };
    // Both factors right: the sign-in ends the account's lock, as the password alone does for others.
    if (user.lockedUntil) await trx('users').where('id', userId).update({ lockedUntil: null });
    if (factor.kind === 'recovery_code') {
      await audit(tx, 'auth.recovery_code', 'users', identity.id, null, { recoveryCodesLeft: factor.left });
    }
    await audit(tx, 'auth.login', 'users', identity.id, null, { secondFactor: factor.kind });
    return identity;
  });
}
