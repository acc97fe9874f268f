/**
 * Dispatch, live (rules DSP-4..6, DSP-11, DSP-12): proposals one after another — the next
 * eligible partner, best first, gets the order with the answer window of its urgency — and
 * the acceptance that validates the order. Strictly sequential: a new proposal is sent only
 * when the order is dispatching, has no proposal awaiting an answer and no other slot
 * awaiting the client's answer; the order row is locked for the whole transaction
 * (PostgreSQL), so two concurrent events on one order never both send or accept.
 */
import type { ProposalsRow } from '../../data/tables';
import type { Ctx } from '../../context';
import { expiryAt, proposalDeadline } from '../dispatch';
import { rankedCandidates, stillEligible, type DispatchOrder } from './candidates';
import { cancelDeadlines, scheduleDeadline } from './deadlines';
import { EngineError } from './errors';
import { liftAutomaticOnAcceptance } from './limitations';
import { schedulePayments } from './payments';
import { loadOrder, loadService, orderView, proposalView, type OrderView, type ProposalView } from './repository';
import { rawRow } from '../../data/rawRow';
import { audit } from '../../data/audit';
import { inTransaction, type Tx } from '../../data/transaction';
import { insertId } from '../../data/insertId';
import { iso, num, type Row } from '../../data/rows';

export function dispatchOrderOf(order: OrderView): DispatchOrder {
  if (order.lat === null || order.lng === null) throw new Error(`order ${order.id} has no position`);
  return { id: order.id, clientId: order.clientId, serviceCode: order.serviceCode, startsAt: order.startsAt, endsAt: order.endsAt, lat: order.lat, lng: order.lng };
}

async function proposalsOf(tx: Tx, orderId: number): Promise<ProposalView[]> {
  return (await tx.trx<ProposalsRow>('proposals').where('orderId', orderId).orderBy('rank')).map(proposalView);
}

/**
 * DSP-4 / DSP-5 / DSP-11: sends the order to the next partner (caller holds the order's lock).
 * Returns the new proposal row, or null when nobody is left (rule ENG-2: the order then waits
 * for its expiry, DSP-12), the order expired, or an answer is still awaited.
 */
export async function proposeNextIn(tx: Tx, order: OrderView): Promise<Row | null> {
  if (order.status !== 'dispatching') return null;
  if (tx.now.getTime() >= expiryAt(order.startsAt).getTime()) return null;
  const previous = await proposalsOf(tx, order.id);
  // Strictly sequential: at most one proposal awaiting an answer per order.
  if (previous.some((p) => p.answer === null)) return null;
  if (previous.some((p) => p.answer === 'other_slot' && p.clientAnswer === null)) return null;
  const ranked = await rankedCandidates(tx, dispatchOrderOf(order), new Set(previous.map((p) => p.partnerId)));
  const next = ranked[0];
  if (!next) return null;
  const deadlineAt = proposalDeadline({ createdAt: order.createdAt, startsAt: order.startsAt }, tx.now);
  const values = {
    orderId: order.id,
    partnerId: next.partnerId,
    rank: previous.length + 1,
    sentAt: iso(tx.now),
    deadlineAt: iso(deadlineAt),
    answer: null,
    answeredAt: null,
    proposedStartsAt: null,
    // What the ranking saw (the order's dispatch timeline shows them).
    score: next.score,
    distanceKm: Math.round(next.distanceKm * 100) / 100,
    clientAnswer: null,
    clientAnsweredAt: null,
  };
  const id = await insertId(tx.trx, 'proposals', values);
  await scheduleDeadline(tx.trx, 'proposal_timeout', id, deadlineAt);
  const row = await rawRow(tx.trx, 'proposals', id);
  await audit(tx, 'proposals.create', 'proposals', id, null, { ...row, favourite: next.favourite, demoted: next.demoted });
  return row;
}

/**
 * DSP-6: the partner's acceptance validates the order (at the new time for an accepted
 * other slot, DSP-12): the order becomes accepted, its timers stop, its payments are written
 * (PAY-3/5/6) and — for a partner's own acceptance — an automatic limitation is lifted (LIM-3).
 * Throws 409 conflict when the partner can no longer take it (rule ENG-3: slot taken meanwhile…).
 */
export async function acceptOrderIn(
  tx: Tx,
  order: OrderView,
  proposal: ProposalView,
  opts: { startsAt?: Date; endsAt?: Date; liftAutomatic: boolean },
): Promise<Row> {
  // Lock the partner too: two orders accepted at once by one partner must not overlap.
  if (tx.pg) await tx.trx('partners').where('id', proposal.partnerId).forUpdate().first('id');
  const startsAt = opts.startsAt ?? order.startsAt;
  const endsAt = opts.endsAt ?? order.endsAt;
  const verdict = await stillEligible(tx, proposal.partnerId, { ...dispatchOrderOf(order), startsAt, endsAt });
  if (verdict !== null) {
    throw EngineError.conflict(
      {
        not_active: 'Ce partenaire n’est plus actif. / This partner is no longer active.',
        file_incomplete: 'Le dossier de ce partenaire est incomplet. / This partner’s file is incomplete.',
        existing_clients_only: 'Ce partenaire est limité à ses clients existants. / This partner is limited to existing clients.',
        slot_taken: 'Ce partenaire a déjà une prestation sur ce créneau. / This partner already has a session at that time.',
      }[verdict],
      { reason: verdict },
    );
  }
  const before = await rawRow(tx.trx, 'orders', order.id);
  const n = await tx.trx('orders')
    .where({ id: order.id, status: 'dispatching' })
    .update({ status: 'accepted', partnerId: proposal.partnerId, acceptedAt: iso(tx.now), startsAt: iso(startsAt), endsAt: iso(endsAt), version: order.version + 1 });
  if (n !== 1) throw EngineError.conflict('La commande a déjà été traitée. / The order was already handled.', { orderId: order.id });
  // Its timers stop: the expiry, the proposals' timeouts, a pending other slot's wait.
  await cancelDeadlines(tx, 'order_expiry', [order.id]);
  const proposalIds = (await tx.trx<ProposalsRow>('proposals').select('id').where('orderId', order.id)).map((r) => num(r.id));
  await cancelDeadlines(tx, 'proposal_timeout', proposalIds);
  await cancelDeadlines(tx, 'slot_answer_timeout', proposalIds);
  const afterRow = await rawRow(tx.trx, 'orders', order.id);
  await audit(tx, 'orders.accept', 'orders', order.id, before, afterRow);
  await schedulePayments(tx, orderView(afterRow), await loadService(tx, order.serviceCode));
  if (opts.liftAutomatic) await liftAutomaticOnAcceptance(tx, proposal.partnerId);
  return afterRow;
}

/** An order leaves dispatch (cancelled, expired): its pending proposal is withdrawn and its timers stop. */
export async function stopDispatchIn(tx: Tx, orderId: number): Promise<void> {
  const proposalIds = (await tx.trx<ProposalsRow>('proposals').select('id').where('orderId', orderId)).map((r) => num(r.id));
  await cancelDeadlines(tx, 'order_expiry', [orderId]);
  await cancelDeadlines(tx, 'proposal_timeout', proposalIds);
  await cancelDeadlines(tx, 'slot_answer_timeout', proposalIds);
}

/**
 * DSP-4: sends a dispatching order to its next partner now, when nothing is awaited (e.g.
 * nobody was eligible before and a partner became available). Returns the proposal or null.
 */
export async function proposeNext(ctx: Ctx, orderId: number): Promise<{ order: Row; proposal: Row | null }> {
  return inTransaction(ctx, async (tx) => {
    const { raw, order } = await loadOrder(tx, orderId, { lock: true });
    if (order.status !== 'dispatching') {
      throw EngineError.invalidState(`La commande ${order.reference} n’est plus en recherche (${order.status}). / The order is no longer dispatching.`, { status: order.status });
    }
    return { order: raw, proposal: await proposeNextIn(tx, order) };
  });
}
