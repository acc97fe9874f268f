/**
 * An order's life after dispatch: cancellation by the client (CLI-3: a pending request or an
 * upcoming appointment) or by the partner (an accepted, upcoming one — SCO-4), completion
 * (a session done: SCO, PAY-3) and no-show (SCO-4: it weighs 3 cancellations). Each is one
 * transaction with its audit row, and recomputes the partner's score when it changes what
 * the score reads.
 */
import type { Ctx } from '../../context';
import { stopDispatchIn } from './dispatch';
import { EngineError } from './errors';
import { dropPendingPayments } from './payments';
import { loadOrder, type OrderView } from './repository';
import { rawRow } from '../../data/rawRow';
import { partnersDisplacedAsFirst, recomputePartnerScoreIn } from './scores';
import { audit } from '../../data/audit';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, type Row } from '../../data/rows';

export type CancelledBy = 'client' | 'partner';

/** A staff member cancelling for a client or a partner (on the phone, by e-mail): why, for the audit trail. */
export interface OnBehalf {
  reason: string;
}

/**
 * Cancels an order inside the caller's transaction (also used by CLI-2's account deletion).
 * The client cancels a dispatching order or an accepted one before its start (CLI-3); the
 * partner only an accepted one before its start.
 */
export async function cancelOrderIn(tx: Tx, order: OrderView, by: CancelledBy, onBehalf?: OnBehalf): Promise<Row> {
  const upcoming = tx.now.getTime() < order.startsAt.getTime();
  const allowed = by === 'client' ? order.status === 'dispatching' || (order.status === 'accepted' && upcoming) : order.status === 'accepted' && upcoming;
  if (!allowed) {
    throw EngineError.invalidState(
      by === 'client'
        ? `La commande ${order.reference} ne peut plus être annulée par le client (${order.status}${order.status === 'accepted' ? ', déjà commencée' : ''}). / The client can no longer cancel this order.`
        : `La commande ${order.reference} ne peut être annulée par le partenaire que si elle est acceptée et à venir (${order.status}). / The partner can only cancel an accepted, upcoming order.`,
      { status: order.status, by },
    );
  }
  const before = await rawRow(tx.trx, 'orders', order.id);
  const status = by === 'client' ? 'cancelled_by_client' : 'cancelled_by_partner';
  const n = await tx.trx('orders').where({ id: order.id, status: order.status }).update({ status, cancelledAt: iso(tx.now), version: order.version + 1 });
  if (n !== 1) throw EngineError.conflict('La commande a changé entre-temps. / The order changed meanwhile.', { orderId: order.id });
  if (order.status === 'dispatching') {
    // rule ENG-4 *(assumed)*: a proposal awaiting an answer is withdrawn: it stays unanswered and does not count for LIM-1.
    await stopDispatchIn(tx, order.id);
  } else {
    await dropPendingPayments(tx, order.id);
  }
  const after = await rawRow(tx.trx, 'orders', order.id);
  // The same cancellation either way; a staff member's is told apart in the trail, with the reason they gave.
  await audit(tx, onBehalf ? 'orders.cancel_on_behalf' : 'orders.cancel', 'orders', order.id, before, { ...after, cancelledBy: by, ...(onBehalf ? { reason: onBehalf.reason } : {}) });
  // SCO-4 / SCO-8: a partner's cancellation lowers reliability at once, whatever the start (a
  // client's changes what F counts as accepted once the start has passed: recomputed all the same).
  if (order.partnerId !== null && order.status === 'accepted') await recomputePartnerScoreIn(tx, order.partnerId);
  return after;
}

export async function cancelOrder(ctx: Ctx, orderId: number, input: { by: CancelledBy; reason?: string }): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const { order } = await loadOrder(tx, orderId, { lock: true });
    return cancelOrderIn(tx, order, input.by, input.reason === undefined ? undefined : { reason: input.reason });
  });
}

async function closeSession(ctx: Ctx, orderId: number, outcome: 'completed' | 'no_show'): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const { order } = await loadOrder(tx, orderId, { lock: true });
    if (order.status !== 'accepted' || order.partnerId === null) {
      throw EngineError.invalidState(`La commande ${order.reference} n’est pas un rendez-vous accepté (${order.status}). / The order is not an accepted appointment.`, { status: order.status });
    }
    // rule ENG-7 *(assumed)*: a session is marked done (or missed) once it has started, never before.
    if (tx.now.getTime() < order.startsAt.getTime()) {
      throw EngineError.invalidState(`Le rendez-vous ${order.reference} n’a pas encore commencé (${iso(order.startsAt)}). / The appointment has not started yet.`, { startsAt: iso(order.startsAt) });
    }
    const before = await rawRow(tx.trx, 'orders', order.id);
    // SCO-8 / ENG-12: read before the session counts as completed.
    const displaced = outcome === 'completed' ? await partnersDisplacedAsFirst(tx, { clientId: order.clientId, partnerId: order.partnerId, startsAt: order.startsAt }) : [];
    const values = outcome === 'completed' ? { status: 'completed', completedAt: iso(tx.now) } : { status: 'no_show' };
    const n = await tx.trx('orders').where({ id: order.id, status: 'accepted' }).update({ ...values, version: order.version + 1 });
    if (n !== 1) throw EngineError.conflict('La commande a changé entre-temps. / The order changed meanwhile.', { orderId: order.id });
    // PAY: a missed session is not charged; a completed one is captured when due (payment_due).
    if (outcome === 'no_show') await dropPendingPayments(tx, order.id);
    const after = await rawRow(tx.trx, 'orders', order.id);
    await audit(tx, outcome === 'completed' ? 'orders.complete' : 'orders.no_show', 'orders', order.id, before, after);
    await recomputePartnerScoreIn(tx, order.partnerId); // SCO: a session completed, or a no-show (SCO-4)
    for (const partnerId of displaced) await recomputePartnerScoreIn(tx, partnerId); // SCO-8: no longer the client's first session
    return after;
  });
}

/** A session took place (SCO-5: it now counts; PAY-3: the charge follows). */
export async function completeOrder(ctx: Ctx, orderId: number): Promise<Row> {
  return closeSession(ctx, orderId, 'completed');
}

/** rule SCO-4: the partner did not come — a no-show counts as 3 cancellations. */
export async function markNoShow(ctx: Ctx, orderId: number): Promise<Row> {
  return closeSession(ctx, orderId, 'no_show');
}
