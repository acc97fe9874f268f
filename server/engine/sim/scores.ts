/**
 * The partners' scores on the simulated clock (SCO-1..8): the core's `computeScore` over
 * the partner's orders as the score reads them, the platform mean of the daily recompute
 * (SCO-6) and the stored scores at `now` — the numbers the live engine's recompute finds
 * again from the rows (server/test/engine.scoreParity.test.ts).
 */
import { computeScore, platformMeanScore, scoreWithPlatformMean, SCORE_MIN_COMPLETED_SESSIONS, type ScoreOrder } from '../score';
import { HOUR, type OrderState, type PartnerState, type Sim } from './state';

/** SCO-8: the client's first completed session on the platform, by start (as the live engine reads it). */
function firstCompletedOnPlatform(sim: Sim, o: OrderState): boolean {
  return o.status === 'completed' && sim.clientFirstStart[o.client.id] === o.start;
}

/** The order as `computeScore` reads it: one view per order, brought up to date. */
function scoreOrder(sim: Sim, o: OrderState): ScoreOrder {
  const first = o.partner!.firstWith.get(o.client.id);
  const view = (o.scoreView ??= {
    id: o.id,
    clientId: o.client.id,
    startsAt: o.startsAtDate,
    status: o.status,
    cancelledAt: null,
    review: null,
    clientFirstCompletedOnPlatform: false,
    clientOrderedAgainAfter: false,
  });
  view.startsAt = o.startsAtDate;
  view.status = o.status;
  // SCO-8: a partner's cancellation counts from the moment it happens.
  const cancelled = o.status === 'cancelled_by_partner' ? o.cancelledAt : null;
  if (cancelled === null) view.cancelledAt = null;
  else if (view.cancelledAt?.getTime() !== cancelled) view.cancelledAt = new Date(cancelled);
  view.review = o.review;
  view.clientFirstCompletedOnPlatform = firstCompletedOnPlatform(sim, o);
  view.clientOrderedAgainAfter = first !== undefined && sim.clientLastCreated[o.client.id] > first;
  return view;
}

/**
 * SCO: an event (session completed, review, cancellation, no-show) marks the score stale;
 * it is recomputed before the ranking next reads it — the same score an eager recompute
 * would give at that moment, without recomputing a busy partner at every event.
 */
export function touch(s: PartnerState): void {
  s.dirty = true;
}

/** The score the ranking reads at `at` (DSP-4, DSP-10). */
export function freshScore(sim: Sim, s: PartnerState, at: number): number {
  // A busy partner is a candidate many times an hour: one recompute per simulated hour
  // keeps the ranking's view at most an hour stale, and the simulation fast.
  if (s.dirty && at - s.scoredAt >= HOUR) recompute(sim, s, at);
  return s.score;
}

/** SCO-1..8: the partner's score at `at`, by the core's computeScore (it keeps the window's orders). */
export function recompute(sim: Sim, s: PartnerState, at: number): void {
  s.dirty = false;
  s.scoredAt = at;
  const views = sim.scoreScratch;
  views.length = 0;
  for (const o of s.orders) views.push(scoreOrder(sim, o));
  const b = computeScore({ now: new Date(at), orders: views, completedSessionsAllTime: s.completedAll, platformMean: sim.platformMean });
  views.length = 0;
  s.breakdown = b;
  s.score = b.score;
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

/** The stored scores at `now`: every partner recomputed, then the platform mean of those reals (SCO-6). */
export function finalScores(sim: Sim): void {
  for (const s of sim.partners) recompute(sim, s, sim.now);
  sim.platformMean = platformMeanScore(sim.partners.filter((s) => s.completedAll >= SCORE_MIN_COMPLETED_SESSIONS).map((s) => s.breakdown!.real));
  // SCO-6: the mean enters only the score of partners under 20 completed sessions — the rest of
  // computeScore's breakdown does not read it, so it is set there rather than computed again.
  for (const s of sim.partners) {
    if (s.breakdown!.usesPlatformMean) s.breakdown = { ...s.breakdown!, score: scoreWithPlatformMean(s.breakdown!.real, s.completedAll, sim.platformMean) };
    s.score = s.breakdown!.score;
  }
}
