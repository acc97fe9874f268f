/**
 * The simulator's output must be what the engine's rules say, recomputed by hand from
 * the rows alone: scores (SCO-8, SCO-6), proposal windows and
 * deadlines (DSP-11, DSP-12), dispatch invariants (DSP-4, DSP-6, DSP-9), automatic
 * limitations (LIM-1, LIM-7), review publication (REV-2, REV-8), payments (PAY-3, PAY-5).
 * And the same seed and `now` give the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { shouldLimit, type ProposalRecord } from '../automaticLimitation';
import { proposalDeadline } from '../dispatch';
import { publicationTime } from '../reviews';
import { computeScore, type ScoreOrder } from '../score';
import { simulateBatches, simulateMarketplace } from './simulate';
import type { Row, SimOutput } from './rows';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const ms = (v: unknown) => Date.parse(String(v));

describe('the marketplace simulator', () => {
  let out: SimOutput;
  beforeAll(() => {
    out = simulateMarketplace({ now: NOW, seed: 7, scale: 'test' });
  });

  it('when run twice with the same seed and now, then every row is the same', () => {
    const again = simulateMarketplace({ now: NOW, seed: 7, scale: 'test' });
    const strip = (o: SimOutput) => ({ ...o, stats: { ...o.stats, seconds: 0 } });
    expect(JSON.stringify(strip(again))).toBe(JSON.stringify(strip(out)));
    const other = simulateMarketplace({ now: NOW, seed: 8, scale: 'test' });
    expect(JSON.stringify(other.orders)).not.toBe(JSON.stringify(out.orders));
  });

  it('when the partners’ final state comes, then no table yielded before it gets another row (a loader indexes them then)', () => {
    const before = new Set<string>();
    const after = new Set<string>();
    let updateSeen = false;
    const it = simulateBatches({ now: NOW, seed: 7, scale: 'test' });
    for (let r = it.next(); !r.done; r = it.next()) {
      if (r.value.update) updateSeen = true;
      else (updateSeen ? after : before).add(r.value.table);
    }
    expect(updateSeen).toBe(true);
    expect(before).toContain('payments');
    expect(after).toContain('payouts');
    expect([...after].filter((t) => before.has(t))).toEqual([]);
  });

  it('when it ends, then it produced activity of every kind', () => {
    expect(out.orders.length).toBeGreaterThan(1000);
    expect(out.proposals.length).toBeGreaterThan(out.orders.length / 2);
    const statuses = new Set(out.orders.map((o) => o.status));
    for (const s of ['completed', 'accepted', 'expired', 'cancelled_by_client', 'cancelled_by_partner']) expect(statuses).toContain(s);
    expect(out.reviews.length).toBeGreaterThan(100);
    expect(out.payouts.length).toBeGreaterThan(0);
    // Upcoming accepted orders for the next 14 days (sheets to print) and some still dispatching.
    expect(out.orders.some((o) => o.status === 'accepted' && ms(o.startsAt) > NOW.getTime())).toBe(true);
    expect(out.orders.some((o) => o.status === 'dispatching')).toBe(true);
  });

  it('SCO-8 / SCO-6: every active partner’s stored score is recomputed by hand from the rows', () => {
    const ordersByPartner = new Map<number, Row[]>();
    for (const o of out.orders) if (o.partnerId !== null) ordersByPartner.set(o.partnerId as number, [...(ordersByPartner.get(o.partnerId as number) ?? []), o]);
    const reviewByOrder = new Map(out.reviews.map((r) => [r.orderId as number, r]));
    const ordersByClient = new Map<number, Row[]>();
    for (const o of out.orders) ordersByClient.set(o.clientId as number, [...(ordersByClient.get(o.clientId as number) ?? []), o]);
    // SCO-8: the client's first completed session on the platform is the one that starts first
    // (as the live engine reads it), whichever ended first.
    const firstCompletedStart = new Map<number, number>();
    for (const [c, list] of ordersByClient) {
      const starts = list.filter((o) => o.status === 'completed').map((o) => ms(o.startsAt));
      if (starts.length) firstCompletedStart.set(c, Math.min(...starts));
    }
    let checked = 0;
    for (const p of out.partners) {
      if (!p.scoreDetails) continue;
      const details = JSON.parse(p.scoreDetails as string);
      const mine = ordersByPartner.get(p.id as number) ?? [];
      const firstWith = new Map<number, number>();
      for (const o of mine.filter((x) => x.status === 'completed').sort((a, b) => ms(a.startsAt) - ms(b.startsAt))) {
        if (!firstWith.has(o.clientId as number)) firstWith.set(o.clientId as number, ms(o.startsAt));
      }
      const scoreOrders: ScoreOrder[] = mine.map((o) => {
        const review = reviewByOrder.get(o.id as number);
        const first = firstWith.get(o.clientId as number);
        return {
          id: o.id as number,
          clientId: o.clientId as number,
          startsAt: new Date(String(o.startsAt)),
          status: o.status as ScoreOrder['status'],
          cancelledAt: o.cancelledAt ? new Date(String(o.cancelledAt)) : null,
          review: review ? { rating: review.rating as number, surveyAnswered: review.surveyAnswered === true } : null,
          clientFirstCompletedOnPlatform: o.status === 'completed' && firstCompletedStart.get(o.clientId as number) === ms(o.startsAt),
          clientOrderedAgainAfter: first !== undefined && (ordersByClient.get(o.clientId as number) ?? []).some((x) => ms(x.createdAt) > first),
        };
      });
      const completedAll = mine.filter((o) => o.status === 'completed').length;
      const expected = computeScore({ now: NOW, orders: scoreOrders, completedSessionsAllTime: completedAll, platformMean: details.platformMean });
      expect({ id: p.id, real: details.real, score: p.score, sessions: p.completedSessions }).toEqual({ id: p.id, real: expected.real, score: expected.score, sessions: completedAll });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('DSP-11 / DSP-12 / DSP-4: proposals are sequential, with the urgency window, and an order is accepted once', () => {
    const byOrder = new Map<number, Row[]>();
    for (const p of out.proposals) byOrder.set(p.orderId as number, [...(byOrder.get(p.orderId as number) ?? []), p]);
    const orders = new Map(out.orders.map((o) => [o.id as number, o]));
    for (const [orderId, list] of byOrder) {
      const o = orders.get(orderId)!;
      list.sort((a, b) => (a.rank as number) - (b.rank as number));
      expect(list.filter((p) => p.answer === 'accepted').length).toBeLessThanOrEqual(1);
      expect(list.filter((p) => p.answer === null).length).toBeLessThanOrEqual(1);
      expect(new Set(list.map((p) => p.partnerId)).size).toBe(list.length); // one proposal per partner
      for (let i = 0; i < list.length; i++) {
        const p = list[i];
        if (i > 0) {
          const prev = list[i - 1];
          // The next partner is asked only once the previous one answered or timed out.
          expect(prev.answer).not.toBeNull();
          expect(ms(p.sentAt)).toBeGreaterThanOrEqual(ms(prev.clientAnsweredAt ?? prev.answeredAt));
        }
      }
      const accepted = list.find((p) => p.answer === 'accepted' || p.clientAnswer === 'accepted');
      if (o.acceptedAt) expect(o.partnerId).toBe(accepted?.partnerId);
    }
  });

  it('DSP-11: a proposal’s window follows the lead time of its order, cut at the expiry', () => {
    const orders = new Map(out.orders.map((o) => [o.id as number, o]));
    let checked = 0;
    for (const p of out.proposals) {
      const o = orders.get(p.orderId as number)!;
      // The order may have moved to another slot after the proposal; check those that did not.
      if (out.proposals.some((q) => q.orderId === o.id && q.clientAnswer === 'accepted')) continue;
      const expected = proposalDeadline({ createdAt: new Date(String(o.createdAt)), startsAt: new Date(String(o.startsAt)) }, new Date(String(p.sentAt)));
      expect(p.deadlineAt).toBe(expected.toISOString());
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('LIM-1 / LIM-7: each automatic limitation starts exactly when the partner’s last 50 counted proposals hold no acceptance (an other slot the client accepted is one)', () => {
    // A denser market than the test scale, so that some partners reach 50 answered proposals
    // (a seed whose run has automatic limitations: other slots the client accepted protect, LIM-7).
    const dense = simulateMarketplace({ now: NOW, seed: 16, scale: { partners: 60, clients: 3000 } });
    const auto = dense.limitations.filter((l) => l.kind === 'automatic');
    expect(auto.length).toBeGreaterThan(0);
    /** The partner's proposals as they stood at `t` (`strict`: just before it): answers given later are not known yet. */
    const asOf = (partnerId: unknown, t: number, strict: boolean): ProposalRecord[] => {
      const known = (at: unknown) => at !== null && (strict ? ms(at) < t : ms(at) <= t);
      return dense.proposals
        .filter((p) => p.partnerId === partnerId && ms(p.sentAt) <= t)
        .map((p) => ({
          sentAt: new Date(String(p.sentAt)),
          answer: known(p.answeredAt) ? (p.answer as ProposalRecord['answer']) : null,
          answeredAt: known(p.answeredAt) ? new Date(String(p.answeredAt)) : null,
          clientAnswer: known(p.clientAnsweredAt) ? (p.clientAnswer as ProposalRecord['clientAnswer']) : null,
          clientAnsweredAt: known(p.clientAnsweredAt) ? new Date(String(p.clientAnsweredAt)) : null,
        }));
    };
    for (const l of auto) {
      const previousLift = dense.limitations
        .filter((x) => x.partnerId === l.partnerId && x.kind === 'automatic' && x.liftedAt && ms(x.liftedAt) < ms(l.startsAt))
        .map((x) => new Date(String(x.liftedAt)))
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      expect(shouldLimit(asOf(l.partnerId, ms(l.startsAt), false), previousLift)).toBe(true);
      // …and not one answer earlier.
      expect(shouldLimit(asOf(l.partnerId, ms(l.startsAt), true), previousLift)).toBe(false);
    }
    // The run has other slots the client accepted, so the decisions above met them (LIM-7: acceptances).
    expect(dense.proposals.some((p) => p.clientAnswer === 'accepted')).toBe(true);
  });

  it('REV-2 / REV-8: positive and neutral reviews are published when written, negative ones 7 days later', () => {
    for (const r of out.reviews) {
      const when = publicationTime({ id: r.id as number, rating: r.rating as number, surveyAnswered: true, createdAt: new Date(String(r.createdAt)), editedAt: null })!;
      expect(r.publishedAt).toBe(when.getTime() <= NOW.getTime() ? when.toISOString() : null);
    }
    expect(out.reviews.some((r) => (r.rating as number) <= 2 && r.publishedAt !== r.createdAt)).toBe(true);
  });

  it('PAY-5 / PAY-3: Care with the immediate advance is debited by URSSAF, other orders pre-authorised then captured', () => {
    const byOrder = new Map<number, Row[]>();
    for (const p of out.payments) byOrder.set(p.orderId as number, [...(byOrder.get(p.orderId as number) ?? []), p]);
    for (const o of out.orders.filter((x) => x.status === 'completed')) {
      const kinds = (byOrder.get(o.id as number) ?? []).map((p) => p.kind).filter((k) => k !== 'refund').sort();
      expect(kinds).toEqual(o.immediateAdvance ? ['urssaf_debit'] : ['capture', 'preauth']);
    }
  });

  it('PAY-4 / PAY-6 / PAY-7 / PAY-8: every completed session that ended before its frequency’s last boundary is in exactly one payout line (Care with the advance once URSSAF’s debit was collected), of its partner’s payout, on the run after its end; payouts and runs add up', () => {
    const partnerFrequency = new Map(out.partners.map((p) => [p.id as number, p.payoutFrequency as string]));
    const runById = new Map(out.payoutRuns.map((r) => [r.id as number, r]));
    const payoutById = new Map(out.payouts.map((p) => [p.id as number, p]));
    const linesByOrder = new Map<number, Row[]>();
    for (const l of out.payoutLines) linesByOrder.set(l.orderId as number, [...(linesByOrder.get(l.orderId as number) ?? []), l]);
    const debitOf = new Map(out.payments.filter((p) => p.kind === 'urssaf_debit').map((p) => [p.orderId as number, p]));
    const lastBoundary = { weekly: Math.max(...out.payoutRuns.filter((r) => r.periodKind === 'weekly').map((r) => ms(r.paidAt))), monthly: Math.max(...out.payoutRuns.filter((r) => r.periodKind === 'monthly').map((r) => ms(r.paidAt))) };
    let paid = 0;
    for (const o of out.orders) {
      const lines = linesByOrder.get(o.id as number) ?? [];
      if (o.status !== 'completed') {
        expect(lines).toHaveLength(0);
        continue;
      }
      const frequency = partnerFrequency.get(o.partnerId as number) as 'weekly' | 'monthly';
      const debit = debitOf.get(o.id as number);
      const payableAt = o.immediateAdvance ? (debit?.doneAt ? ms(debit.doneAt) : Infinity) : ms(o.endsAt);
      if (ms(o.endsAt) < lastBoundary[frequency] && payableAt <= lastBoundary[frequency]) {
        expect(lines, `order ${o.id}`).toHaveLength(1);
        const payout = payoutById.get(lines[0].payoutId as number)!;
        const run = runById.get(payout.payoutRunId as number)!;
        expect(payout.partnerId).toBe(o.partnerId);
        expect(lines[0].partnerPayCents).toBe(o.partnerPayCents);
        expect(run.periodKind).toBe(frequency);
        // Paid by the first run after its end (and after the debit, PAY-8), never before.
        expect(ms(run.paidAt)).toBeGreaterThan(ms(o.endsAt));
        expect(ms(run.paidAt)).toBeGreaterThanOrEqual(payableAt);
        const earlier = out.payoutRuns.filter((r) => r.periodKind === frequency && ms(r.paidAt) > Math.max(ms(o.endsAt), payableAt) - 1 && ms(r.paidAt) < ms(run.paidAt));
        expect(earlier).toHaveLength(0);
        paid++;
      } else {
        expect(lines).toHaveLength(0);
      }
    }
    expect(paid).toBeGreaterThan(500);
    for (const p of out.payouts) {
      const lines = out.payoutLines.filter((l) => l.payoutId === p.id);
      expect(lines.reduce((n, l) => n + (l.partnerPayCents as number), 0)).toBe(p.amountCents);
      expect(lines).toHaveLength(p.lineCount as number);
    }
    for (const r of out.payoutRuns) {
      const payouts = out.payouts.filter((p) => p.payoutRunId === r.id);
      expect(payouts.reduce((n, p) => n + (p.amountCents as number), 0)).toBe(r.totalCents);
      expect(payouts).toHaveLength(r.payoutCount as number);
      // PAY-6: 8 days to arrive.
      expect(ms(r.expectedArrivalAt) - ms(r.paidAt)).toBeGreaterThanOrEqual(8 * 24 * 3_600_000 - 3_600_000);
    }
  });
});
