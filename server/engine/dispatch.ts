/**
 * Dispatch timing decisions (rules DSP-2, DSP-5, DSP-11, DSP-12), pure functions of
 * the order's instants. Eligibility, ranking and the partner index live in their own
 * files and are re-exported here so that callers import "the dispatch rules" from one place.
 */

export * from './eligibility';
export * from './ranking';
export * from './partnerGrid';
export { distanceKm } from './geo';
export { compareIds } from './ids';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** rule DSP-2: the shortest lead time a client may book with. */
export const MIN_BOOKING_LEAD_MS = 2 * HOUR_MS;
/** rule DSP-12: an order nobody accepted expires this long before its start. */
export const EXPIRY_BEFORE_START_MS = 1 * HOUR_MS;

/** rule DSP-2: a client can book up to 2 h before the start — exactly 2 h is allowed. */
export function canBook(createdAt: Date, startsAt: Date): boolean {
  return startsAt.getTime() - createdAt.getTime() >= MIN_BOOKING_LEAD_MS;
}

/**
 * rule DSP-11 (DSP-5: the more urgent, the faster): the answer window from the lead
 * time L = startsAt − createdAt, fixed for the order. Upper bounds are exclusive.
 */
export function answerWindowMinutes(leadTimeMs: number): number {
  if (leadTimeMs < 4 * HOUR_MS) return 5;
  if (leadTimeMs < 24 * HOUR_MS) return 15;
  if (leadTimeMs < 72 * HOUR_MS) return 30;
  return 60;
}

/** rule DSP-12: the instant an unfilled order expires, 1 h before its start. */
export function expiryAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - EXPIRY_BEFORE_START_MS);
}

/**
 * rules DSP-5 / DSP-11 / DSP-12: a proposal times out at the end of its window, but
 * never later than the order's expiry — nobody can accept an expired order.
 */
export function proposalDeadline(order: { createdAt: Date; startsAt: Date }, sentAt: Date): Date {
  const windowMs = answerWindowMinutes(order.startsAt.getTime() - order.createdAt.getTime()) * MINUTE_MS;
  return new Date(Math.min(sentAt.getTime() + windowMs, expiryAt(order.startsAt).getTime()));
}
