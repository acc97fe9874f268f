/**
 * An admin lifts a staff account's sign-in lock: the lock and every failure counter of the
 * account (from every address, on every server instance — they are in the database) are
 * cleared, audited as `users.unlock`. Unlocking an account that is not locked still resets
 * its counters, and is recorded as well.
 */
import type { Ctx } from '../context';
import { updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { clearAccountCounters } from './loginThrottle';
import { usersSpec } from './specs';

export async function unlockAccount(ctx: Ctx, id: string) {
  return inTransaction(ctx, (tx) =>
    updateRecord(tx, usersSpec, id, { lockedUntil: null }, {
      action: 'users.unlock',
      afterWrite: async (trx, before) => {
        await clearAccountCounters(trx, String(before.email));
      },
    }),
  );
}
