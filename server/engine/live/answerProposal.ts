/**
 * A partner answers a proposal (rule DSP-3): accept (DSP-6 — the order is validated),
 * decline (no penalty, but it counts for LIM-1) or propose another slot (DSP-12 — it goes
 * to the client, who accepts it or not: `answerOtherSlot`; LIM-7: accepted by the client it
 * counts as the partner's acceptance, declined as a refusal). An answer after the window
 * (DSP-11), to an answered proposal, or on an order no longer dispatching is 409.
 */
import type { Ctx } from '../../context';
import { answerWindowMinutes, canBook, expiryAt } from '../dispatch';
import { cancelDeadlines, scheduleDeadline } from './deadlines';
import { acceptOrderIn, proposeNextIn } from './dispatch';
import { EngineError } from './errors';
import { checkAutomaticLimitation } from './limitations';
import { loadOrder, loadProposal, orderView, type OrderView, type ProposalView } from './repository';
import { rawRow } from '../../data/rawRow';
import { audit } from '../../data/audit';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, type Row } from '../../data/rows';

export type PartnerAnswer = 'accept' | 'decline' | 'other_slot';

export interface AnswerResult {
  proposal: Row;
  order: Row;
  /** The proposal sent next (after a decline, or a declined other slot), if any. */
  nextProposal: Row | null;
}

function assertAnswerable(tx: Tx, proposal: ProposalView, order: OrderView): void {
  if (proposal.answer !== null) {
    throw EngineError.invalidState(`Cette proposition a déjà reçu une réponse (${proposal.answer}). / This proposal was already answered.`, { answer: proposal.answer });
  }
  if (order.status !== 'dispatching') {
    throw EngineError.invalidState(`La commande ${order.reference} n’est plus en recherche (${order.status}). / The order is no longer dispatching.`, { status: order.status });
  }
  // DSP-11: the window is inclusive of its deadline.
  if (tx.now.getTime() > proposal.deadlineAt.getTime()) {
    throw EngineError.invalidState(`Le délai de réponse a expiré (${iso(proposal.deadlineAt)}). / The answer window has expired.`, { reason: 'expired', deadlineAt: iso(proposal.deadlineAt) });
  }
}

/** Records the partner's answer only if nobody answered first (a conditional update). */
async function recordAnswer(tx: Tx, proposal: ProposalView, values: Row): Promise<Row> {
  const before = await rawRow(tx.trx, 'proposals', proposal.id);
  const n = await tx.trx('proposals').where({ id: proposal.id }).whereNull('answer').update(values);
  if (n !== 1) throw EngineError.conflict('Cette proposition a déjà reçu une réponse. / This proposal was already answered.', { proposalId: proposal.id });
  await cancelDeadlines(tx, 'proposal_timeout', [proposal.id]);
  const after = await rawRow(tx.trx, 'proposals', proposal.id);
  await audit(tx, 'proposals.answer', 'proposals', proposal.id, before, after);
  return after;
}

export async function answerProposal(ctx: Ctx, proposalId: number, input: { answer: PartnerAnswer; proposedStartsAt?: Date }): Promise<AnswerResult> {
  return inTransaction(ctx, async (tx) => {
    const { proposal: seen } = await loadProposal(tx, proposalId);
    const { order } = await loadOrder(tx, seen.orderId, { lock: true });
    // Re-read under the order's lock: a concurrent answer or timeout may have landed.
    const { proposal } = await loadProposal(tx, proposalId);
    assertAnswerable(tx, proposal, order);
    const answeredAt = iso(tx.now);

    if (input.answer === 'accept') {
      const after = await recordAnswer(tx, proposal, { answer: 'accepted', answeredAt });
      const orderRow = await acceptOrderIn(tx, order, proposal, { liftAutomatic: true });
      return { proposal: after, order: orderRow, nextProposal: null };
    }

    if (input.answer === 'decline') {
      const after = await recordAnswer(tx, proposal, { answer: 'declined', answeredAt });
      await checkAutomaticLimitation(tx, proposal.partnerId); // LIM-1: a decline counts
      const next = await proposeNextIn(tx, order);
      return { proposal: after, order: await rawRow(tx.trx, 'orders', order.id), nextProposal: next };
    }

    // DSP-12: another slot, for the client to accept or not.
    const proposed = input.proposedStartsAt;
    if (!proposed) {
      throw EngineError.validation('Indiquez le créneau proposé (proposedStartsAt). / proposedStartsAt is required with other_slot.', { fields: { proposedStartsAt: 'required' } });
    }
    if (proposed.getTime() === order.startsAt.getTime()) {
      throw EngineError.validation('Le créneau proposé est celui de la commande : acceptez-la plutôt. / The proposed slot is the order’s own: accept instead.', { fields: { proposedStartsAt: 'same as the order' } });
    }
    if (!canBook(tx.now, proposed)) {
      throw EngineError.validation('Le créneau proposé doit commencer au moins 2 h après maintenant. / The proposed slot must start at least 2 hours ahead.', { fields: { proposedStartsAt: 'at least 2 h ahead (DSP-2)' } });
    }
    // LIM-7: no limitation check here — another slot is neither an acceptance nor a refusal until the client answers.
    const after = await recordAnswer(tx, proposal, { answer: 'other_slot', answeredAt, proposedStartsAt: iso(proposed) });
    // rule ENG-1 *(assumed)*: the client answers within the order's answer window (DSP-11), and before its expiry.
    const windowMs = answerWindowMinutes(order.startsAt.getTime() - order.createdAt.getTime()) * 60_000;
    const clientDeadline = new Date(Math.min(tx.now.getTime() + windowMs, expiryAt(order.startsAt).getTime()));
    await scheduleDeadline(tx.trx, 'slot_answer_timeout', proposal.id, clientDeadline);
    return { proposal: after, order: await rawRow(tx.trx, 'orders', order.id), nextProposal: null };
  });
}

/**
 * DSP-12: the client's answer to another slot. Accepted → the order is accepted at the new
 * time with that partner (who must still be free then), and it counts as the partner's
 * acceptance (LIM-7: it lifts an automatic limitation, LIM-3); declined → a refusal for
 * LIM-1, and dispatch goes on.
 */
export async function answerOtherSlot(ctx: Ctx, proposalId: number, input: { accept: boolean }): Promise<AnswerResult> {
  return inTransaction(ctx, async (tx) => {
    const { proposal: seen } = await loadProposal(tx, proposalId);
    const { order } = await loadOrder(tx, seen.orderId, { lock: true });
    const { proposal } = await loadProposal(tx, proposalId);
    if (proposal.answer !== 'other_slot' || proposal.proposedStartsAt === null) {
      throw EngineError.invalidState('Cette proposition ne propose pas d’autre créneau. / This proposal offers no other slot.', { answer: proposal.answer });
    }
    if (proposal.clientAnswer !== null) {
      throw EngineError.invalidState(`Le client a déjà répondu à ce créneau (${proposal.clientAnswer}). / The client already answered this slot.`, { clientAnswer: proposal.clientAnswer });
    }
    if (order.status !== 'dispatching') {
      throw EngineError.invalidState(`La commande ${order.reference} n’est plus en recherche (${order.status}). / The order is no longer dispatching.`, { status: order.status });
    }
    const newStart = proposal.proposedStartsAt;
    if (input.accept && !canBook(tx.now, newStart)) {
      throw EngineError.invalidState('Ce créneau commence dans moins de 2 h : il ne peut plus être réservé. / This slot starts in less than 2 hours.', { reason: 'too_late', proposedStartsAt: iso(newStart) });
    }
    const before = await rawRow(tx.trx, 'proposals', proposal.id);
    const n = await tx.trx('proposals')
      .where({ id: proposal.id })
      .whereNull('clientAnswer')
      .update({ clientAnswer: input.accept ? 'accepted' : 'declined', clientAnsweredAt: iso(tx.now) });
    if (n !== 1) throw EngineError.conflict('Le client a déjà répondu à ce créneau. / The client already answered this slot.');
    await cancelDeadlines(tx, 'slot_answer_timeout', [proposal.id]);
    const after = await rawRow(tx.trx, 'proposals', proposal.id);
    await audit(tx, 'proposals.slot_answer', 'proposals', proposal.id, before, after);
    if (input.accept) {
      const duration = order.endsAt.getTime() - order.startsAt.getTime();
      // LIM-7 / LIM-3: the partner took the work — like their own acceptance, it lifts an automatic limitation.
      const orderRow = await acceptOrderIn(tx, order, proposal, { startsAt: newStart, endsAt: new Date(newStart.getTime() + duration), liftAutomatic: true });
      return { proposal: after, order: orderRow, nextProposal: null };
    }
    await checkAutomaticLimitation(tx, proposal.partnerId); // LIM-7: another slot the client declines is a refusal
    const next = await proposeNextIn(tx, orderView(await rawRow(tx.trx, 'orders', order.id)));
    return { proposal: after, order: await rawRow(tx.trx, 'orders', order.id), nextProposal: next };
  });
}
