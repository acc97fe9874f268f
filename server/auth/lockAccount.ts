/**
 * Records that sign-ins to a staff account are locked until `until` (the throttle reached
 * a limit for it, server/auth/loginThrottle.ts), so that admins see it in the staff
 * accounts and can lift it. An email without an account changes nothing: the throttle
 * locks it all the same, and nobody needs to see that.
 */
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction } from '../data/transaction';

export async function lockAccount(ctx: Ctx, email: string, until: Date): Promise<void> {
  const at = until.toISOString();
  // Recorded by the system (the throttle), whoever the request was from.
  await inTransaction({ db: ctx.db, clock: ctx.clock }, async (tx) => {
    const { trx } = tx;
    const user = await trx('users').select('id', 'lockedUntil').where('email', email).first();
    if (!user) return;
    const current = user.lockedUntil ? new Date(user.lockedUntil).getTime() : 0;
    // A lock already known to end as late or later: nothing new to record.
    if (current >= until.getTime()) return;
    await trx('users').where('id', user.id).update({ lockedUntil: at });
    await audit(tx, 'users.lock', 'users', Number(user.id), { lockedUntil: user.lockedUntil ? new Date(user.lockedUntil).toISOString() : null }, { lockedUntil: at });
  });
}
