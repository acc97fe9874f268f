/**
 * The live engine's timers (DSP-5 timeouts, DSP-12 expiries, REV-2 publications, LIM-6 ends
 * of period, PAY-3 payment dates) as rows of `engineDeadlines`, one per row they act on
 * (`refId`), so that they survive a restart. The simulator writes the same kinds at the end
 * of its run (`proposal_timeout`, `order_expiry`, `review_publish`, `limitation_end`); the
 * live engine adds `slot_answer_timeout` and `payment_due`. Periodic jobs (the SCO-6 daily
 * recompute among them) share the table and its claims: periodicJobs.ts.
 *
 * At most one *pending* row per (kind, refId) (a partial unique index, migration 004):
 * scheduling twice is a no-op, so two processes cannot both schedule the same timer.
 */
import type { Knex } from 'knex';
import { iso } from '../../data/rows';
import type { Tx } from '../../data/transaction';

export const DEADLINE_KINDS = [
  'proposal_timeout',
  'slot_answer_timeout',
  'order_expiry',
  'review_publish',
  'payment_due',
  'limitation_end',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Schedules a timer (idempotent: an existing pending timer of the same kind and ref is kept). */
export async function scheduleDeadline(trx: Knex | Knex.Transaction, kind: DeadlineKind, refId: number, dueAt: Date): Promise<void> {
  await trx('engineDeadlines').insert({ kind, refId, dueAt: iso(dueAt), status: 'pending', attempts: 0 }).onConflict().ignore();
}

/** Cancels the pending timers of (kind, refId…): they will never fire. */
export async function cancelDeadlines(tx: Tx, kind: DeadlineKind, refIds: readonly number[]): Promise<void> {
  if (refIds.length === 0) return;
  await tx.trx('engineDeadlines')
    .where({ kind, status: 'pending' })
    .whereIn('refId', [...refIds])
    .update({ status: 'cancelled', doneAt: iso(tx.now), leaseUntil: null, leasedBy: null });
}

/** Moves a pending timer (or schedules it when there is none). */
export async function rescheduleDeadline(tx: Tx, kind: DeadlineKind, refId: number, dueAt: Date): Promise<void> {
  const n = await tx.trx('engineDeadlines').where({ kind, refId, status: 'pending' }).update({ dueAt: iso(dueAt), leaseUntil: null, leasedBy: null });
  if (n === 0) await scheduleDeadline(tx.trx, kind, refId, dueAt);
}
