/**
 * Adopts what other writers left without timers (a seed's dispatching orders, a manual
 * limitation created elsewhere, unpublished reviews…): schedules the missing timers from the
 * rows themselves and publishes the reviews already due (REV-2). Idempotent — a timer that
 * is already pending is kept (one pending per kind and ref) — so every worker runs it at
 * start and the daily recompute runs it again.
 */
import type { LimitationsRow, OrdersRow, PaymentsRow, ProposalsRow, ReviewsRow } from '../../data/tables';
import type { Ctx } from '../../context';
import { expiryAt } from '../dispatch';
import { publicationTime } from '../reviews';
import type { DeadlineKind } from './deadlines';
import { publishReviewIn } from './reviews';
import { chunks } from '../../data/bulk';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, num, toBool, toDate, toDateOrNull } from '../../data/rows';

export interface ReconcileSummary {
  timers: Partial<Record<DeadlineKind, number>>;
  publishedReviews: number;
}

async function ensure(tx: Tx, kind: DeadlineKind, rows: { refId: number; dueAt: Date }[], summary: ReconcileSummary): Promise<void> {
  if (rows.length === 0) return;
  for (const part of chunks(rows, 300)) {
    await tx.trx('engineDeadlines')
      .insert(part.map((r) => ({ kind, refId: r.refId, dueAt: iso(r.dueAt), status: 'pending', attempts: 0 })))
      .onConflict()
      .ignore();
  }
  summary.timers[kind] = rows.length;
}

export async function reconcileTimersIn(tx: Tx): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { timers: {}, publishedReviews: 0 };
  // DSP-12: every dispatching order expires 1 h before its start; DSP-5: its proposal times out.
  const orders = await tx.trx<OrdersRow>('orders').select('id', 'startsAt').where('status', 'dispatching');
  await ensure(tx, 'order_expiry', orders.map((o) => ({ refId: num(o.id), dueAt: expiryAt(toDate(o.startsAt)) })), summary);
  const pending = (await tx.trx('proposals as p')
    .join('orders as o', 'o.id', 'p.orderId')
    .select('p.id', 'p.deadlineAt')
    .where('o.status', 'dispatching')
    .whereNull('p.answer')) as Pick<ProposalsRow, 'id' | 'deadlineAt'>[];
  await ensure(tx, 'proposal_timeout', pending.map((p) => ({ refId: num(p.id), dueAt: toDate(p.deadlineAt) })), summary);
  // LIM-6: a manual limitation's period ends.
  const limitations = await tx.trx<LimitationsRow>('limitations').select('id', 'endsAt').where({ kind: 'manual', status: 'active' }).whereNotNull('endsAt');
  await ensure(tx, 'limitation_end', limitations.map((l) => ({ refId: num(l.id), dueAt: toDate(l.endsAt) })), summary);
  // PAY-3 / PAY-5: payments of live orders still to be done.
  const payments = (await tx.trx('payments as y')
    .join('orders as o', 'o.id', 'y.orderId')
    .select('y.id', 'y.dueAt')
    .whereIn('o.status', ['accepted', 'completed'])
    .whereNull('y.doneAt')
    .whereIn('y.kind', ['preauth', 'capture', 'urssaf_debit'])) as Pick<PaymentsRow, 'id' | 'dueAt'>[];
  await ensure(tx, 'payment_due', payments.map((p) => ({ refId: num(p.id), dueAt: toDate(p.dueAt) })), summary);
  // REV-2: unpublished survey answers — published now when due, else a timer.
  const reviews = await tx.trx<ReviewsRow>('reviews').select('id', 'rating', 'surveyAnswered', 'createdAt', 'editedAt').whereNull('publishedAt');
  const later: { refId: number; dueAt: Date }[] = [];
  for (const r of reviews) {
    const at = publicationTime({ id: num(r.id), rating: num(r.rating), surveyAnswered: toBool(r.surveyAnswered), createdAt: toDate(r.createdAt), editedAt: toDateOrNull(r.editedAt) });
    if (at === null) continue;
    if (at.getTime() <= tx.now.getTime()) {
      if (await publishReviewIn(tx, num(r.id))) summary.publishedReviews++;
    } else {
      later.push({ refId: num(r.id), dueAt: at });
    }
  }
  await ensure(tx, 'review_publish', later, summary);
  return summary;
}

export async function reconcileTimers(ctx: Ctx): Promise<ReconcileSummary> {
  return inTransaction(ctx, (tx) => reconcileTimersIn(tx));
}
