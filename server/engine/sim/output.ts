/**
 * The rows on their way out, in batches, parents first: an order with its proposals and
 * payments once it is over (in id order), reviews and messages once their order is out;
 * at `now`, the pending timers the live engine takes over (DSP-5, DSP-12, REV-2, LIM-6),
 * the partners' final state, the payout runs of the boundaries passed (PAY-4, PAY-6, PAY-7)
 * and the rest of the tables.
 */
import { captureDueAt } from '../money';
import { expiryAt } from '../dispatch';
import { dropCandidates } from './dispatch';
import { favouriteRows } from './favourites';
import type { Row } from './rows';
import type { SimBatch, SimTable } from './simulate';
import { audit, iso, NONE, type OrderState, type ProposalState, type Sim } from './state';
import { limitationRow, orderRow, partnerRow, proposalRow } from './tableRows';

/**
 * Rows buffered before a batch is yielded. The loading thread holds up to MAX_AHEAD batches
 * (simWorker.ts) besides the one it loads: small batches keep that part of the large demo's
 * memory peak small.
 */
export const BATCH_ROWS = 5_000;

export function* chunked(table: SimTable, rows: Row[]): Generator<SimBatch> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield { table, rows: rows.slice(i, i + BATCH_ROWS) };
}

const over = (o: OrderState) => o.status !== 'dispatching' && o.status !== 'accepted';

/** Orders that are over, in id order up to the first one still going (all of them at the end), into the buffers. */
export function flushOrders(sim: Sim, all: boolean): void {
  const out = sim.out;
  const { buf, stats } = out;
  while (out.pendingFrom < out.pending.length && (all || over(out.pending[out.pendingFrom]))) {
    const o = out.pending[out.pendingFrom++];
    buf.orders.push(orderRow(o, sim.now, buf.payments));
    for (const p of o.proposals) buf.proposals.push(proposalRow(p));
    if (o.acceptedAt !== null) stats.accepted++;
    if (o.status === 'expired') stats.expired++;
    if (o.status === 'completed' && o.partner) {
      stats.completed++;
      // PAY-5 / PAY-8: URSSAF's debit is collected when due (as orderRow writes it), if before now.
      const advance = o.service.vertical === 'care' && o.client.immediateAdvance;
      const debitAt = advance ? captureDueAt(new Date(o.end)).getTime() : 0;
      out.payoutSessions.add(o.id, o.partner.id, o.service.partnerPayCents, o.end, advance ? (debitAt <= sim.now ? debitAt : null) : undefined);
    }
    // SCO-8's final check reads it from the ledger from now on: the order itself can go.
    if (o.partner) o.ledger = sim.ledger.add(o);
    o.proposals = NONE;
    dropCandidates(o);
    out.yieldedUpTo = o.id;
  }
  if (out.pendingFrom > 10_000 && out.pendingFrom * 2 > out.pending.length) {
    out.pending = out.pending.slice(out.pendingFrom);
    out.pendingFrom = 0;
  }
  const release = (held: Row[], into: Row[]) => {
    let kept = 0;
    for (const row of held) {
      if ((row.orderId as number) <= out.yieldedUpTo) into.push(row);
      else held[kept++] = row;
    }
    held.length = kept;
  };
  release(sim.heldReviews, buf.reviews);
  release(sim.heldMessages, buf.messages);
}

/** The buffered rows as batches, once there are enough of them (`all`: whatever is left). Parents first. */
export function* drain(sim: Sim, all: boolean): Generator<SimBatch> {
  const { buf } = sim.out;
  const buffered = buf.orders.length + buf.proposals.length + buf.payments.length + buf.reviews.length + buf.messages.length + sim.scoreHistory.length;
  if (!all && buffered < BATCH_ROWS) return;
  for (const table of ['orders', 'proposals', 'payments', 'reviews', 'messages'] as const) {
    if (buf[table].length) yield { table, rows: buf[table] };
    buf[table] = [];
  }
  if (sim.scoreHistory.length) yield { table: 'scoreHistory', rows: sim.scoreHistory.splice(0) };
}

/** The live engine takes over at `now`: the timers still pending (DSP-5, DSP-12, REV-2, LIM-6), in due order. */
function engineDeadlines(sim: Sim): Row[] {
  const left = sim.out.pending.slice(sim.out.pendingFrom);
  const rows: Row[] = [];
  const timeouts: ProposalState[] = [];
  for (const o of left) for (const p of o.proposals) if (p.answer === null && o.status === 'dispatching') timeouts.push(p);
  timeouts.sort((a, b) => a.id - b.id);
  for (const p of timeouts) rows.push({ kind: 'proposal_timeout', refId: p.id, dueAt: p.deadlineAt.toISOString(), status: 'pending' });
  for (const o of left) {
    if (o.status === 'dispatching') rows.push({ kind: 'order_expiry', refId: o.id, dueAt: expiryAt(o.startsAtDate).toISOString(), status: 'pending' });
  }
  rows.push(...sim.reviewDeadlines);
  for (const l of sim.limitations) {
    if (l.kind === 'manual' && l.status === 'active' && l.endsAt !== null) rows.push({ kind: 'limitation_end', refId: l.id, dueAt: iso(l.endsAt), status: 'pending' });
  }
  return rows.sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
}

/** Everything left at `now`, once the final scores are set (scores.ts). */
export function* finalBatches(sim: Sim): Generator<SimBatch> {
  const deadlines = engineDeadlines(sim);
  flushOrders(sim, true);
  yield* drain(sim, true);
  // Refunds agreed in mediation, after the orders' own payments and before the partners' final
  // state: the tables yielded until then are complete when it comes (SimBatch.update).
  const refunds: Row[] = [];
  for (const c of sim.caseRows) {
    if (c.refundCents) refunds.push({ orderId: c.orderId, kind: 'refund', amountCents: c.refundCents, dueAt: c.updatedAt, doneAt: c.updatedAt });
  }
  yield* chunked('payments', refunds);
  yield { table: 'partners', rows: sim.partners.map((s) => partnerRow(s, sim.platformMean, sim.now)), update: true };
  yield* chunked('limitations', sim.limitations.map(limitationRow));
  yield* chunked('favourites', favouriteRows(sim));
  yield* chunked('cases', sim.caseRows);
  yield* chunked('caseEvents', sim.caseEventRows);
  // PAY-4 / PAY-6 / PAY-7: a run per boundary passed, as the live payout_run job makes them.
  const paid = sim.out.payoutSessions.rows(sim.windowStart, sim.now);
  for (const a of paid.audits) audit(sim, a.at, null, 'payout-runs.create', 'payout-runs', a.runId, a.after);
  yield* chunked('payoutRuns', paid.payoutRuns);
  yield* chunked('payouts', paid.payouts);
  for (const rows of paid.lines(BATCH_ROWS)) yield { table: 'payoutLines', rows };
  yield* chunked('engineDeadlines', deadlines);
  yield* chunked('auditLog', sim.auditRows.sort((a, b) => String(a.at).localeCompare(String(b.at))));
}
