/**
 * Money, live (rules PAY-1..6): the payment rows of an accepted order from the pure
 * `paymentSchedule` — card pre-authorisation 24 h before (at acceptance when booked less
 * than 24 h ahead, PAY-6) and capture the day after (PAY-3), or the URSSAF debit for Care
 * with the immediate advance (PAY-5) — and their settlement when due (`payment_due` timers).
 */
import type { OrdersRow, PaymentsRow } from '../../data/tables';
import { paymentSchedule } from '../money';
import { cancelDeadlines, rescheduleDeadline, scheduleDeadline } from './deadlines';
import type { OrderView, ServiceView } from './repository';
import { audit } from '../../data/audit';
import { insertId } from '../../data/insertId';
import { iso, num, type Row } from '../../data/rows';
import type { Tx } from '../../data/transaction';

const HOUR_MS = 3_600_000;

/** PAY-3 / PAY-5 / PAY-6: writes the order's payment rows at acceptance; what is due already is done at once. */
export async function schedulePayments(tx: Tx, order: OrderView, service: ServiceView): Promise<Row[]> {
  const rows = paymentSchedule(
    { priceCents: order.priceCents, startsAt: order.startsAt, endsAt: order.endsAt },
    service.vertical,
    service.vertical === 'care' && order.immediateAdvance,
    tx.now,
  );
  const out: Row[] = [];
  for (const p of rows) {
    const due = p.dueAt.getTime() <= tx.now.getTime();
    const values = { orderId: order.id, kind: p.kind, amountCents: p.amountCents, dueAt: iso(p.dueAt), doneAt: due ? iso(tx.now) : null };
    const id = await insertId(tx.trx, 'payments', values);
    if (!due) await scheduleDeadline(tx.trx, 'payment_due', id, p.dueAt);
    const row = { id, ...values };
    await audit(tx, 'payments.create', 'payments', id, null, row);
    out.push(row);
  }
  return out;
}

/**
 * A cancelled order or a no-show charges nothing more: the payments not yet done are
 * removed with their timers (rule ENG-6 *(assumed)*); what was done (a pre-authorisation) is kept.
 */
export async function dropPendingPayments(tx: Tx, orderId: number): Promise<number> {
  const pending = await tx.trx<PaymentsRow>('payments').where({ orderId }).whereNull('doneAt');
  if (pending.length === 0) return 0;
  await cancelDeadlines(tx, 'payment_due', pending.map((p) => num(p.id)));
  await tx.trx('payments').whereIn('id', pending.map((p) => num(p.id))).whereNull('doneAt').del();
  for (const p of pending) await audit(tx, 'payments.cancel', 'payments', num(p.id), p, null);
  return pending.length;
}

/**
 * A `payment_due` timer: the pre-authorisation is done while the order is accepted; the
 * capture (or URSSAF debit) once the session is completed — rule ENG-6 *(assumed)*: while the session is
 * not marked completed yet it waits, checked again every hour.
 */
export async function settlePayment(tx: Tx, paymentId: number): Promise<'done' | 'waiting' | 'skipped'> {
  const p = await tx.trx<PaymentsRow>('payments').where('id', paymentId).first();
  if (!p || p.doneAt !== null) return 'skipped';
  const order = await tx.trx<OrdersRow>('orders').select('status').where('id', num(p.orderId)).first();
  const status = order?.status;
  const ready = p.kind === 'preauth' ? status === 'accepted' || status === 'completed' : status === 'completed';
  if (!ready) {
    if (status === 'accepted') {
      await rescheduleDeadline(tx, 'payment_due', paymentId, new Date(tx.now.getTime() + HOUR_MS));
      return 'waiting';
    }
    return 'skipped';
  }
  await tx.trx('payments').where({ id: paymentId }).whereNull('doneAt').update({ doneAt: iso(tx.now) });
  await audit(tx, 'payments.done', 'payments', paymentId, p, { ...p, doneAt: iso(tx.now) });
  return 'done';
}
