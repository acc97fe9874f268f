/**
 * The partners' scores on the simulated clock (SCO-1..8). While the clock runs, each partner
 * keeps SCO-8's counts up to date event by event (`RunningTally`) and the core's
 * `scoreFromTallies` turns them into the score the ranking reads: folding every order of a
 * busy partner again at each recompute was a quarter of the simulation. At `now`,
 * `finalScores` folds every partner's orders through the core's `computeScore`, checks that
 * the running counts found the same breakdown, and those are the stored scores — the numbers
 * the live engine's recompute finds again from the rows (server/test/engine.scoreParity.test.ts).
 *
 * The running counts need no window: the simulation starts at `now`'s window start
 * (SCO-5), so at any earlier instant every order already started is in the window.
 */
import { computeScore, platformMeanScore, scoreFromTallies, scoreWithPlatformMean, SCORE_MIN_COMPLETED_SESSIONS, type ScoreBreakdown, type ScoreOrder } from '../score';
import type { OrderStatus } from '../../../shared/domain';
import { HOUR, type OrderState, type PartnerState, type Sim } from './state';

/**
 * SCO: an event (session completed, review, cancellation, no-show) marks the score stale;
 * it is recomputed before the ranking next reads it — the same score an eager recompute
 * would give at that moment, without recomputing a busy partner at every event.
 */
function touch(s: PartnerState): void {
  s.dirty = true;
}

/** SCO-4 / SCO-8: the partner cancelled one of their sessions. */
export function countPartnerCancellation(s: PartnerState): void {
  s.tally.cancellations++;
  touch(s);
}

/** SCO-4 / SCO-8: a no-show weighs three cancellations. */
export function countNoShow(s: PartnerState): void {
  s.tally.noShows++;
  touch(s);
}

/**
 * SCO-2 / SCO-3 / SCO-8, a completed session: the client's first on the platform (by start,
 * as the live engine reads it — an earlier-starting session ending later takes over, and
 * the other partner's imputed rating goes), and their first with this partner (retention).
 */
export function countCompletion(sim: Sim, s: PartnerState, o: OrderState): void {
  const clientId = o.client.id;
  s.tally.completed++;
  const first = sim.clientFirstStart[clientId];
  if (first === 0 || o.start < first) {
    for (const previous of sim.clientFirstOrders.get(clientId) ?? []) if (!previous.review) previous.partner!.tally.imputed--;
    sim.clientFirstStart[clientId] = o.start;
    sim.clientFirstOrders.set(clientId, [o]);
    s.tally.imputed++;
  } else if (o.start === first) {
    sim.clientFirstOrders.get(clientId)!.push(o);
    s.tally.imputed++;
  }
  if (!s.firstWith.has(clientId)) {
    s.firstWith.set(clientId, o.start);
    if (sim.clientLastCreated[clientId] > o.start) s.tally.returning++;
    else {
      const waiting = sim.awaitingReturn.get(clientId);
      if (waiting) waiting.push(s);
      else sim.awaitingReturn.set(clientId, [s]);
    }
  }
  touch(s);
}

/** SCO-3 / SCO-8: an answered survey counts its rating, in place of the 3 a first session would get. */
export function countReview(sim: Sim, o: OrderState, rating: number): void {
  const s = o.partner!;
  if (sim.clientFirstStart[o.client.id] === o.start) s.tally.imputed--;
  s.tally.answered++;
  s.tally.answeredSum += rating;
  touch(s);
}

/** SCO-2 / SCO-8: the client created an order at `at` — a returning client for the partners they had a first session with before. */
export function countNewOrder(sim: Sim, clientId: number, at: number): void {
  sim.clientLastCreated[clientId] = at;
  const waiting = sim.awaitingReturn.get(clientId);
  if (!waiting) return;
  let kept = 0;
  for (const s of waiting) {
    if (at > s.firstWith.get(clientId)!) s.tally.returning++;
    else waiting[kept++] = s;
  }
  if (kept === 0) sim.awaitingReturn.delete(clientId);
  else waiting.length = kept;
}

/** The score the ranking reads at `at` (DSP-4, DSP-10). */
export function freshScore(sim: Sim, s: PartnerState, at: number): number {
  // A busy partner is a candidate many times an hour: one recompute per simulated hour
  // keeps the ranking's view at most an hour stale, and the simulation fast.
  if (s.dirty && at - s.scoredAt >= HOUR) recompute(sim, s, at);
  return s.score;
}

/** SCO-1..8: the partner's score at `at`, from the running counts. */
function recompute(sim: Sim, s: PartnerState, at: number): void {
  s.dirty = false;
  s.scoredAt = at;
  s.breakdown = tallied(sim, s, at);
  s.score = s.breakdown.score;
}

function tallied(sim: Sim, s: PartnerState, at: number): ScoreBreakdown {
  const t = s.tally;
  // SCO-4 / SCO-8: an accepted session counts from its start.
  let stillAccepted = 0;
  for (const session of s.sessions) if (session.startsAt.getTime() <= at) stillAccepted++;
  return scoreFromTallies(
    {
      completed: t.completed,
      distinctClients: s.firstWith.size,
      returningClients: t.returning,
      ratingSum: t.answeredSum + 3 * t.imputed,
      ratingsCounted: t.answered + t.imputed,
      imputedRatings: t.imputed,
      cancellations: t.cancellations,
      noShows: t.noShows,
      stillAccepted,
    },
    s.completedAll,
    sim.platformMean,
  );
}

/**
 * SCO-6, daily: the platform mean of the partners with ≥ 20 completed sessions, and the new
 * mean enters the score of the partners under 20 with their last real score (a partner with
 * an event since is recomputed when next ranked).
 */
export function dailyPlatformMean(sim: Sim): void {
  sim.platformMean = platformMeanScore(sim.partners.filter((s) => s.completedAll >= SCORE_MIN_COMPLETED_SESSIONS && s.breakdown).map((s) => s.breakdown!.real));
  for (const s of sim.partners) {
    if (s.completedAll < SCORE_MIN_COMPLETED_SESSIONS) s.score = scoreWithPlatformMean(s.breakdown?.real ?? sim.platformMean, s.completedAll, sim.platformMean);
  }
}

/** A reusable view: its Date and review object are its own, so that writing them never touches an order's. */
interface PooledView extends ScoreOrder {
  startsAt: Date;
  ownReview: { rating: number; surveyAnswered: boolean };
}

const blankView = (): PooledView => ({
  id: 0,
  clientId: 0,
  startsAt: new Date(0),
  status: 'accepted',
  cancelledAt: null,
  review: null,
  clientFirstCompletedOnPlatform: false,
  clientOrderedAgainAfter: false,
  ownReview: { rating: 0, surveyAnswered: true },
});

/**
 * An order as `computeScore` reads it (SCO-8), at `now`, written into `view`: the final fold
 * reuses one set of views from partner to partner rather than a million objects at the peak of memory.
 */
function writeView(sim: Sim, s: PartnerState, view: PooledView, o: { id: number; clientId: number; start: number; status: OrderStatus; cancelledAt: number | null; rating: number | null }): PooledView {
  const first = s.firstWith.get(o.clientId);
  view.id = o.id;
  view.clientId = o.clientId;
  view.startsAt.setTime(o.start);
  view.status = o.status;
  // SCO-8: a partner's cancellation counts from the moment it happens.
  view.cancelledAt = o.status === 'cancelled_by_partner' && o.cancelledAt !== null ? new Date(o.cancelledAt) : null;
  if (o.rating === null) view.review = null;
  else {
    view.ownReview.rating = o.rating;
    view.review = view.ownReview;
  }
  view.clientFirstCompletedOnPlatform = o.status === 'completed' && sim.clientFirstStart[o.clientId] === o.start;
  view.clientOrderedAgainAfter = first !== undefined && sim.clientLastCreated[o.clientId] > first;
  return view;
}

const sameBreakdown = (a: ScoreBreakdown, b: ScoreBreakdown) => (Object.keys(a) as (keyof ScoreBreakdown)[]).every((k) => a[k] === b[k]);

/**
 * The stored scores at `now`: every partner's orders folded by the core's computeScore, then
 * the platform mean of those reals (SCO-6). A running count that disagrees is a bug in this
 * file, and the ranking would have read wrong scores all along: the demo is not generated.
 */
export function finalScores(sim: Sim): void {
  const now = new Date(sim.now);
  const pool: PooledView[] = [];
  const views: ScoreOrder[] = [];
  // The yielded orders from the ledger, by partner; the others are still orders (accepted, to come).
  const ledger = sim.ledger;
  const { start, rows } = ledger.byPartner(sim.partners.reduce((m, s) => Math.max(m, s.id), 0));
  const going = new Map<number, OrderState[]>();
  for (let i = sim.out.pendingFrom; i < sim.out.pending.length; i++) {
    const o = sim.out.pending[i];
    if (!o.partner) continue;
    const list = going.get(o.partner.id);
    if (list) list.push(o);
    else going.set(o.partner.id, [o]);
  }
  for (const s of sim.partners) {
    views.length = 0;
    for (let k = start[s.id]; k < start[s.id + 1]; k++) {
      const r = rows[k];
      const row = { id: ledger.id(r), clientId: ledger.clientId(r), start: ledger.start(r), status: ledger.status(r), cancelledAt: ledger.cancelled(r), rating: ledger.rating(r) };
      views.push(writeView(sim, s, (pool[views.length] ??= blankView()), row));
    }
    for (const o of going.get(s.id) ?? []) {
      const row = { id: o.id, clientId: o.client.id, start: o.start, status: o.status, cancelledAt: o.cancelledAt, rating: o.review?.surveyAnswered ? o.review.rating : null };
      views.push(writeView(sim, s, (pool[views.length] ??= blankView()), row));
    }
    const b = computeScore({ now, orders: views, completedSessionsAllTime: s.completedAll, platformMean: sim.platformMean });
    const running = tallied(sim, s, sim.now);
    if (!sameBreakdown(b, running)) throw new Error(`SCO-8: partner ${s.id}'s running score counts ${JSON.stringify(running)} differ from computeScore's ${JSON.stringify(b)}`);
    s.breakdown = b;
  }
  sim.platformMean = platformMeanScore(sim.partners.filter((s) => s.completedAll >= SCORE_MIN_COMPLETED_SESSIONS).map((s) => s.breakdown!.real));
  // SCO-6: the mean enters only the score of partners under 20 completed sessions — the rest of
  // computeScore's breakdown does not read it, so it is set there rather than computed again.
  for (const s of sim.partners) {
    if (s.breakdown!.usesPlatformMean) s.breakdown = { ...s.breakdown!, score: scoreWithPlatformMean(s.breakdown!.real, s.completedAll, sim.platformMean) };
    s.score = s.breakdown!.score;
  }
}
