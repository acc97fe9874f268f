/**
 * The partner score (rules SCO-1..8): a pure function of the partner's orders in the
 * window and `now`, returning every intermediate count so that anyone can recompute it
 * by hand (SCO-8 exists for that). The live engine (live/scores.ts) and the simulator
 * (sim/scores.ts) both call `computeScore`, so that the formula and the window live here only.
 */
import type { OrderStatus } from '../../shared/domain';
import { addParisCalendarDays } from '../../shared/calendar/paris';
import type { ScoreBreakdown } from '../../shared/scoreBreakdown';

/** rule SCO-5 / SCO-8: the window is the 183 days before `now`. */
export const SCORE_WINDOW_DAYS = 183;
/** rule SCO-6: the real score applies from 20 completed sessions on. */
export const SCORE_MIN_COMPLETED_SESSIONS = 20;
/** *(assumed)* the platform mean when no partner has 20 sessions yet (first days of the platform). */
export const DEFAULT_PLATFORM_MEAN = 50;

export interface ScoreOrder {
  id: number | string;
  clientId: number | string;
  startsAt: Date;
  status: OrderStatus;
  /** When the order was cancelled (null: not cancelled, or unknown). SCO-8 counts a partner's cancellation from then. */
  cancelledAt: Date | null;
  /** The session's survey review, if any. */
  review: { rating: number; surveyAnswered: boolean } | null;
  /** This completed session was the client's first completed session on the platform. */
  clientFirstCompletedOnPlatform: boolean;
  /** The client created another order (any partner, any status) after the start of their first completed session with this partner. */
  clientOrderedAgainAfter: boolean;
}

export interface ScoreInput {
  now: Date;
  /** The partner's orders; those outside the window (`inScoreWindowAt`) are ignored. */
  orders: readonly ScoreOrder[];
  completedSessionsAllTime: number;
  /** The platform mean of the last daily recompute (SCO-6). */
  platformMean: number;
}

export type { ScoreBreakdown };

/**
 * Rounds to one decimal, half up. The tiny epsilon keeps values such as 62.45, which
 * binary floats store as 62.4499…, rounding the way a person computing by hand would.
 */
export function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

/**
 * rule SCO-5: the first instant of the window. "183 days" is counted in the Paris
 * calendar (DOMAIN "Time"): the same Paris wall-clock time 183 days earlier.
 */
export function scoreWindowStart(now: Date): Date {
  return addParisCalendarDays(now, -SCORE_WINDOW_DAYS);
}

/**
 * rule SCO-5 *(assumed boundaries)*: an order counts when
 * windowStart ≤ startsAt ≤ now — an order starting exactly 183 days ago counts;
 * orders starting after `now` are not "in the 183 days before now".
 */
export function inScoreWindow(startsAt: Date, now: Date): boolean {
  const t = startsAt.getTime();
  return t >= scoreWindowStart(now).getTime() && t <= now.getTime();
}

/**
 * rule SCO-5 / SCO-8, on instants in ms with the window's bounds [from, to] already known
 * (bulk recomputes): an order is in the window when it starts in it, and — a partner's
 * cancellation counting from the moment it happens (SCO-4) — when the partner cancelled
 * it in the window, whatever its start (next week's appointment cancelled today counts
 * today). The same bounds, inclusive, for both instants.
 */
export function inScoreWindowAt(startsAt: number, status: OrderStatus, cancelledAt: number | null, from: number, to: number): boolean {
  if (startsAt >= from && startsAt <= to) return true;
  return status === 'cancelled_by_partner' && cancelledAt !== null && cancelledAt >= from && cancelledAt <= to;
}

/** What SCO-8 counts over the orders in the window; `scoreFromTallies` turns it into the score. */
export interface ScoreTallies {
  /** Completed sessions in the window. */
  completed: number;
  /** SCO-2: distinct clients of those sessions, and how many of them ordered again. */
  distinctClients: number;
  returningClients: number;
  /** SCO-3: the sum of the ratings counted (answered surveys, and 3 for each imputed one). */
  ratingSum: number;
  ratingsCounted: number;
  imputedRatings: number;
  /** SCO-4: the partner's cancellations, no-shows, and sessions still accepted (not closed yet). */
  cancellations: number;
  noShows: number;
  stillAccepted: number;
}

/**
 * rule SCO-6: the score of a partner with `completedSessionsAllTime` = n completed sessions in
 * all. Under 20 it moves from the platform mean M toward the real score, one twentieth per
 * session: ((20 − n) × M + n × real) / 20, one decimal — M at n = 0, and at n = 19 one
 * twentieth of the way from the real score, so there is no jump at the 20th session. From
 * 20 on, the real score.
 */
export function scoreWithPlatformMean(real: number, completedSessionsAllTime: number, platformMean: number): number {
  const n = Math.max(0, completedSessionsAllTime);
  if (n >= SCORE_MIN_COMPLETED_SESSIONS) return real;
  return round1(((SCORE_MIN_COMPLETED_SESSIONS - n) * platformMean + n * real) / SCORE_MIN_COMPLETED_SESSIONS);
}

/** rule SCO-1 / SCO-8 (and SCO-6): the breakdown from the window's counts. */
export function scoreFromTallies(t: ScoreTallies, completedSessionsAllTime: number, platformMean: number): ScoreBreakdown {
  // rule SCO-2 / SCO-8 retention. *(assumed)* with no completed session R = 0: a partner who served nobody retained nobody.
  const R = t.distinctClients === 0 ? 0 : t.returningClients / t.distinctClients;
  // rule SCO-3 / SCO-8 rating: with nothing to count, A = 0.5.
  const A = t.ratingsCounted === 0 ? 0.5 : (t.ratingSum / t.ratingsCounted - 1) / 4;
  // rule SCO-4 / SCO-8 reliability: a no-show weighs 3 cancellations; accepted counts completed,
  // cancelled by the partner, no-show and still accepted (not yet closed).
  const accepted = t.completed + t.cancellations + t.noShows + t.stillAccepted;
  const F = accepted === 0 ? 1 : Math.max(0, 1 - (t.cancellations + 3 * t.noShows) / accepted);
  // rule SCO-1 / SCO-8: 50 % retention, 25 % rating, 25 % reliability.
  const real = round1(100 * (0.5 * R + 0.25 * A + 0.25 * F));
  return {
    R,
    A,
    F,
    completedInWindow: t.completed,
    distinctClients: t.distinctClients,
    returningClients: t.returningClients,
    ratingsCounted: t.ratingsCounted,
    imputedRatings: t.imputedRatings,
    cancellations: t.cancellations,
    noShows: t.noShows,
    accepted,
    real,
    // rule SCO-6: under 20 completed sessions in all, the platform mean weighs in.
    usesPlatformMean: completedSessionsAllTime < SCORE_MIN_COMPLETED_SESSIONS,
    score: scoreWithPlatformMean(real, completedSessionsAllTime, platformMean),
  };
}

export function computeScore(input: ScoreInput): ScoreBreakdown {
  // The window's bounds once, not per order: computeScore runs for every partner in bulk recomputes.
  const from = scoreWindowStart(input.now).getTime();
  const to = input.now.getTime();
  const t: ScoreTallies = { completed: 0, distinctClients: 0, returningClients: 0, ratingSum: 0, ratingsCounted: 0, imputedRatings: 0, cancellations: 0, noShows: 0, stillAccepted: 0 };
  // rule SCO-2 / SCO-8 retention: per distinct client of the completed sessions, returning if any of their sessions says so.
  const returningByClient = new Map<number | string, boolean>();
  for (const o of input.orders) {
    if (!inScoreWindowAt(o.startsAt.getTime(), o.status, o.cancelledAt?.getTime() ?? null, from, to)) continue;
    if (o.status === 'completed') {
      t.completed++;
      returningByClient.set(o.clientId, (returningByClient.get(o.clientId) ?? false) || o.clientOrderedAgainAfter);
      // rule SCO-3 / SCO-8 rating: answered surveys count their rating; an unanswered one
      // counts 3 only for the client's first completed session on the platform.
      // *(assumed)* a review whose surveyAnswered is false is not a survey answer (REV-5), so it
      // is treated as unanswered.
      if (o.review?.surveyAnswered) {
        t.ratingSum += o.review.rating;
        t.ratingsCounted++;
      } else if (o.clientFirstCompletedOnPlatform) {
        t.ratingSum += 3;
        t.ratingsCounted++;
        t.imputedRatings++;
      }
    } else if (o.status === 'cancelled_by_partner') t.cancellations++;
    else if (o.status === 'no_show') t.noShows++;
    else if (o.status === 'accepted') t.stillAccepted++;
  }
  t.distinctClients = returningByClient.size;
  for (const returning of returningByClient.values()) if (returning) t.returningClients++;
  return scoreFromTallies(t, input.completedSessionsAllTime, input.platformMean);
}

/**
 * rule SCO-6: the mean real score of the partners with ≥ 20 completed sessions (the
 * caller passes only theirs), one decimal; DEFAULT_PLATFORM_MEAN when there is none.
 */
export function platformMeanScore(reals: readonly number[]): number {
  if (reals.length === 0) return DEFAULT_PLATFORM_MEAN;
  return round1(reals.reduce((s, r) => s + r, 0) / reals.length);
}
