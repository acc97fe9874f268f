/**
 * The partner score (rules SCO-1..8): a pure function of the partner's orders in the
 * window and `now`, returning every intermediate count so that anyone can recompute it
 * by hand (SCO-8 exists for that).
 */
import type { OrderStatus } from '../../shared/domain';
import { addParisCalendarDays } from './time';
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
  /** The session's survey review, if any. */
  review: { rating: number; surveyAnswered: boolean } | null;
  /** This completed session was the client's first completed session on the platform. */
  clientFirstCompletedOnPlatform: boolean;
  /** The client created another order (any partner, any status) after the start of their first completed session with this partner. */
  clientOrderedAgainAfter: boolean;
}

export interface ScoreInput {
  now: Date;
  /** The partner's orders; those starting outside the window are ignored. */
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

export function computeScore(input: ScoreInput): ScoreBreakdown {
  // The window's bounds once, not per order: computeScore runs for every partner in bulk recomputes.
  const from = scoreWindowStart(input.now).getTime();
  const to = input.now.getTime();
  const orders = input.orders.filter((o) => o.startsAt.getTime() >= from && o.startsAt.getTime() <= to);
  const completed = orders.filter((o) => o.status === 'completed');

  // rule SCO-2 / SCO-8 retention: per distinct client of the completed sessions.
  // *(assumed)* with no completed session R = 0: a partner who served nobody retained nobody.
  const returningByClient = new Map<number | string, boolean>();
  for (const o of completed) {
    returningByClient.set(o.clientId, (returningByClient.get(o.clientId) ?? false) || o.clientOrderedAgainAfter);
  }
  const distinctClients = returningByClient.size;
  const returningClients = [...returningByClient.values()].filter(Boolean).length;
  const R = distinctClients === 0 ? 0 : returningClients / distinctClients;

  // rule SCO-3 / SCO-8 rating: answered surveys count their rating; an unanswered one
  // counts 3 only for the client's first completed session on the platform.
  // *(assumed)* a review whose surveyAnswered is false is not a survey answer (REV-5), so it
  // is treated as unanswered.
  let ratingSum = 0;
  let ratingsCounted = 0;
  let imputedRatings = 0;
  for (const o of completed) {
    if (o.review?.surveyAnswered) {
      ratingSum += o.review.rating;
      ratingsCounted++;
    } else if (o.clientFirstCompletedOnPlatform) {
      ratingSum += 3;
      ratingsCounted++;
      imputedRatings++;
    }
  }
  const A = ratingsCounted === 0 ? 0.5 : (ratingSum / ratingsCounted - 1) / 4;

  // rule SCO-4 / SCO-8 reliability: a no-show weighs 3 cancellations; accepted counts
  // completed, cancelled by the partner, no-show and still accepted (not yet closed).
  const cancellations = orders.filter((o) => o.status === 'cancelled_by_partner').length;
  const noShows = orders.filter((o) => o.status === 'no_show').length;
  const stillAccepted = orders.filter((o) => o.status === 'accepted').length;
  const accepted = completed.length + cancellations + noShows + stillAccepted;
  const F = accepted === 0 ? 1 : Math.max(0, 1 - (cancellations + 3 * noShows) / accepted);

  // rule SCO-1 / SCO-8: 50 % retention, 25 % rating, 25 % reliability.
  const real = round1(100 * (0.5 * R + 0.25 * A + 0.25 * F));

  // rule SCO-6: under 20 completed sessions in all, the platform mean.
  const usesPlatformMean = input.completedSessionsAllTime < SCORE_MIN_COMPLETED_SESSIONS;

  return {
    R,
    A,
    F,
    completedInWindow: completed.length,
    distinctClients,
    returningClients,
    ratingsCounted,
    imputedRatings,
    cancellations,
    noShows,
    accepted,
    real,
    usesPlatformMean,
    score: usesPlatformMean ? input.platformMean : real,
  };
}

/**
 * rule SCO-6: the mean real score of the partners with ≥ 20 completed sessions (the
 * caller passes only theirs), one decimal; DEFAULT_PLATFORM_MEAN when there is none.
 */
export function platformMeanScore(reals: readonly number[]): number {
  if (reals.length === 0) return DEFAULT_PLATFORM_MEAN;
  return round1(reals.reduce((s, r) => s + r, 0) / reals.length);
}
