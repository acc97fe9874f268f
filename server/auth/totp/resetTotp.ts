/**
 * An admin resets a staff member's two-factor sign-in (a lost phone and lost recovery codes):
 * the secret and recovery codes are deleted, the account signs in with its password alone —
 * or, for a role that must enrol, is sent to enrolment at its next sign-in. Audited as
 * `users.totp_reset`, by the admin; resetting an account that has no 2FA is recorded as well.
 */
import type { Ctx } from '../../context';
import { updateRecord } from '../../data/records';
import { inTransaction } from '../../data/transaction';
import { usersSpec } from '../specs';

export async function resetTotp(ctx: Ctx, id: string) {
  return inTransaction(ctx, (tx) =>
    updateRecord(tx, usersSpec, id, { totpEnrolledAt: null }, {
      action: 'users.totp_reset',
      afterWrite: async (trx, before) => {
        const userId = Number(before.id);
        await trx('staffRecoveryCodes').where('userId', userId).del();
        await trx('staffTotp').where('userId', userId).del();
      },
    }),
  );
}
