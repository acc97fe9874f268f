import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../shared/domain';
import { computeScore, inScoreWindow, inScoreWindowAt, platformMeanScore, round1, scoreWindowStart, scoreWithPlatformMean, type ScoreOrder } from './score';

const now = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
let nextId = 1;

function order(status: OrderStatus, over: Partial<ScoreOrder> = {}): ScoreOrder {
  return {
    id: nextId++,
    clientId: nextId,
    startsAt: new Date(now.getTime() - 10 * DAY),
    status,
    cancelledAt: null,
    review: null,
    clientFirstCompletedOnPlatform: false,
    clientOrderedAgainAfter: false,
    ...over,
  };
}
const answered = (rating: number) => ({ rating, surveyAnswered: true });
const score = (orders: ScoreOrder[], completedSessionsAllTime = 100, platformMean = 55) =>
  computeScore({ now, orders, completedSessionsAllTime, platformMean });

describe('partner score', () => {
  it('SCO-8: a hand-computed mix gives R = 1/3, A = 7/12, F = 3/7 and 42.0', () => {
    const b = score([
      order('completed', { clientId: 'c1', review: answered(5), clientOrderedAgainAfter: true }),
      order('completed', { clientId: 'c1', clientOrderedAgainAfter: true }), // unanswered, not first: left out
      order('completed', { clientId: 'c2', clientFirstCompletedOnPlatform: true }), // imputed 3
      order('completed', { clientId: 'c3', review: answered(2) }),
      order('cancelled_by_partner', { clientId: 'c4' }),
      order('no_show', { clientId: 'c5' }),
      order('accepted', { clientId: 'c6' }),
      order('cancelled_by_client', { clientId: 'c7' }), // never the partner's fault
      order('expired', { clientId: 'c8' }),
      order('dispatching', { clientId: 'c9' }),
    ]);
    expect(b).toMatchObject({
      completedInWindow: 4,
      distinctClients: 3,
      returningClients: 1,
      ratingsCounted: 3,
      imputedRatings: 1,
      cancellations: 1,
      noShows: 1,
      accepted: 7,
      real: 42.0,
      usesPlatformMean: false,
      score: 42.0,
    });
    expect(b.R).toBeCloseTo(1 / 3, 12);
    expect(b.A).toBeCloseTo(7 / 12, 12);
    expect(b.F).toBeCloseTo(3 / 7, 12);
  });

  it('SCO-8: reliability floors at 0 and 68.75 rounds half up to 68.8', () => {
    const b = score([
      order('completed', { clientId: 'a', review: answered(4), clientOrderedAgainAfter: true }),
      order('no_show', { clientId: 'b' }),
    ]);
    expect(b).toMatchObject({ R: 1, A: 0.75, F: 0, accepted: 2, real: 68.8 });
  });

  it('SCO-8: with no order at all, R = 0 (assumed), A = 0.5 and F = 1, so 37.5', () => {
    expect(score([])).toMatchObject({ R: 0, A: 0.5, F: 1, accepted: 0, ratingsCounted: 0, real: 37.5 });
  });

  it('SCO-8: a perfect partner scores 100', () => {
    const b = score([order('completed', { review: answered(5), clientOrderedAgainAfter: true })]);
    expect(b.real).toBe(100);
  });

  it('SCO-2: a client served several times counts once, and returns if any session says so', () => {
    const b = score([
      order('completed', { clientId: 'x', clientOrderedAgainAfter: false }),
      order('completed', { clientId: 'x', clientOrderedAgainAfter: true }),
      order('completed', { clientId: 'y' }),
    ]);
    expect(b).toMatchObject({ distinctClients: 2, returningClients: 1, R: 0.5 });
  });

  it.each([
    // [case, orders, ratingsCounted, imputed, A]
    ['SCO-3: an unanswered first survey on the platform counts 3', [answered(5), 'first'], 2, 1, 0.75],
    ['SCO-3: an unanswered survey of a client who had sessions before is left out', [answered(5), 'not-first'], 1, 0, 1],
    ['SCO-3: a review not given through the survey counts as unanswered (assumed)', [answered(5), 'unsurveyed-first'], 2, 1, 0.75],
    ['SCO-3: only unanswered non-first surveys: nothing to count, A = 0.5', ['not-first', 'not-first'], 0, 0, 0.5],
    ['SCO-3: a lone unanswered first survey gives A = (3 − 1)/4', ['first'], 1, 1, 0.5],
    ['SCO-3: ratings 1 and 5 average 3', [answered(1), answered(5)], 2, 0, 0.5],
  ] as const)('%s', (_name, kinds, counted, imputed, A) => {
    const orders = kinds.map((k) => {
      if (k === 'first') return order('completed', { clientFirstCompletedOnPlatform: true });
      if (k === 'not-first') return order('completed');
      if (k === 'unsurveyed-first')
        return order('completed', { clientFirstCompletedOnPlatform: true, review: { rating: 1, surveyAnswered: false } });
      return order('completed', { review: k });
    });
    const b = score(orders);
    expect(b.ratingsCounted).toBe(counted);
    expect(b.imputedRatings).toBe(imputed);
    expect(b.A).toBeCloseTo(A, 12);
  });

  it('SCO-3: ratings of cancelled or no-show orders never count', () => {
    const b = score([order('cancelled_by_partner', { review: answered(1), clientFirstCompletedOnPlatform: true })]);
    expect(b.ratingsCounted).toBe(0);
  });

  it('SCO-4: a no-show weighs as much as 3 cancellations', () => {
    const withNoShow = score([...Array.from({ length: 9 }, () => order('completed')), order('no_show')]);
    const withCancellations = score([
      ...Array.from({ length: 7 }, () => order('completed')),
      ...Array.from({ length: 3 }, () => order('cancelled_by_partner')),
    ]);
    expect(withNoShow.F).toBeCloseTo(0.7, 12);
    expect(withCancellations.F).toBeCloseTo(0.7, 12);
  });

  it('SCO-4: still-accepted sessions count as accepted, client cancellations do not', () => {
    const b = score([order('accepted'), order('accepted'), order('cancelled_by_partner'), order('cancelled_by_client')]);
    expect(b.accepted).toBe(3);
    expect(b.F).toBeCloseTo(2 / 3, 12);
  });

  // With M = 55.3 and real = 37.5: ((20 − n) × 55.3 + n × 37.5) / 20.
  it.each([
    [0, true, 55.3], // 1106 / 20
    [1, true, 54.4], // 1088.2 / 20 = 54.41
    [19, true, 38.4], // 767.8 / 20 = 38.39
    [20, false, 37.5],
    [21, false, 37.5],
  ])('SCO-6: at %i completed sessions in all, usesPlatformMean is %s and the score is %d', (n, uses, expected) => {
    const b = score([], n, 55.3);
    expect(b.usesPlatformMean).toBe(uses);
    expect(b.score).toBe(expected);
    expect(b.real).toBe(37.5); // the real score is always computed, for the back office
  });

  it('SCO-6: at 19 completed sessions a high real score already weighs 19/20 (54.2 → 100: 97.7)', () => {
    const b = score([order('completed', { review: answered(5), clientOrderedAgainAfter: true })], 19, 54.2);
    // (54.2 + 19 × 100) / 20 = 97.71
    expect(b).toMatchObject({ real: 100, score: 97.7, usesPlatformMean: true });
  });

  it('SCO-6: no jump at the 20th session — from 0 to 21 sessions each step moves the score by (real − M) / 20 at most', () => {
    for (const [mean, real] of [
      [55.3, 37.5],
      [50, 100],
      [62.4, 12.6],
    ]) {
      const scores = Array.from({ length: 22 }, (_, n) => scoreWithPlatformMean(real, n, mean));
      expect(scores[0]).toBe(mean);
      expect(scores[20]).toBe(real);
      expect(scores[21]).toBe(real);
      for (let n = 1; n < scores.length; n++) expect(Math.abs(scores[n] - scores[n - 1])).toBeLessThanOrEqual(Math.abs(real - mean) / 20 + 0.1);
    }
  });

  it('SCO-6: the blend rounds half up like the real score (((20 − 10) × 50.1 + 10 × 50.0) / 20 = 50.05 → 50.1)', () => {
    expect(scoreWithPlatformMean(50, 10, 50.1)).toBe(50.1);
  });

  it('SCO-5: the window starts 183 Paris calendar days before now (same wall-clock time)', () => {
    // 2026-06-15 12:00 CEST → 2025-12-14 12:00 CET = 11:00 UTC (183 × 24 h would be 10:00 UTC).
    expect(scoreWindowStart(now).toISOString()).toBe('2025-12-14T11:00:00.000Z');
    // Both ends in summer time: exactly 183 × 24 h.
    const april = new Date('2026-04-10T09:00:00Z');
    expect(scoreWindowStart(april).toISOString()).toBe(new Date(april.getTime() - 183 * DAY).toISOString());
  });

  it.each([
    ['exactly 183 days before now', 0, true],
    ['1 ms before the window', -1, false],
    ['1 ms inside the window', 1, true],
  ])('SCO-5: an order starting %s counts: %s', (_name, deltaMs, counts) => {
    const startsAt = new Date(scoreWindowStart(now).getTime() + deltaMs);
    expect(inScoreWindow(startsAt, now)).toBe(counts);
    const b = score([order('cancelled_by_partner', { startsAt })]);
    expect(b.cancellations).toBe(counts ? 1 : 0);
  });

  it.each([
    ['exactly now', 0, true],
    ['1 ms after now', 1, false],
  ])('SCO-5: an order starting %s counts: %s', (_name, deltaMs, counts) => {
    const b = score([order('accepted', { startsAt: new Date(now.getTime() + deltaMs) })]);
    expect(b.accepted).toBe(counts ? 1 : 0);
  });

  const windowStart = scoreWindowStart(now).getTime();
  it.each([
    // [case, start, cancellation, counts]
    ['next week’s appointment cancelled now', now.getTime() + 7 * DAY, now.getTime(), true],
    ['an appointment 200 days ahead cancelled now', now.getTime() + 200 * DAY, now.getTime(), true],
    ['cancelled exactly at the window’s start, starting next month', now.getTime() + 30 * DAY, windowStart, true],
    ['cancelled 1 ms before the window, starting in it', windowStart + DAY, windowStart - 1, true],
    ['cancelled 1 ms before the window, starting before it too', windowStart - 1, windowStart - 1, false],
  ] as const)('SCO-8: a partner cancellation counts from the moment it happens — %s: %s', (_name, start, cancelled, counts) => {
    const startsAt = new Date(start);
    const cancelledAt = new Date(cancelled);
    const b = score([order('completed', { clientId: 'a' }), order('cancelled_by_partner', { startsAt, cancelledAt })]);
    expect(b).toMatchObject(counts ? { cancellations: 1, accepted: 2, F: 0.5 } : { cancellations: 0, accepted: 1, F: 1 });
    expect(inScoreWindowAt(start, 'cancelled_by_partner', cancelled, windowStart, now.getTime())).toBe(counts);
  });

  it('SCO-8: a cancellation by the partner after `now` (a recompute of the past) does not count yet', () => {
    const b = score([order('cancelled_by_partner', { startsAt: new Date(now.getTime() + 5 * DAY), cancelledAt: new Date(now.getTime() + 1) })]);
    expect(b).toMatchObject({ cancellations: 0, accepted: 0, F: 1 });
  });

  it('SCO-8: only the partner’s own cancellation counts from when it happens — an upcoming session, or one the client cancelled, still waits for its start', () => {
    const soon = new Date(now.getTime() + 5 * DAY);
    const b = score([
      order('cancelled_by_client', { startsAt: soon, cancelledAt: now }),
      order('accepted', { startsAt: soon }),
      order('cancelled_by_partner', { startsAt: soon, cancelledAt: null }), // no cancellation instant known: by its start
    ]);
    expect(b).toMatchObject({ cancellations: 0, accepted: 0, F: 1 });
  });

  it.each([
    [[], 50],
    [[50, 60, 55.5], 55.2],
    [[80], 80],
    [[62.4, 62.5], 62.5], // 62.45 rounds half up despite binary floats
  ])('SCO-6: the platform mean of %j is %d (50 when there is none, assumed)', (reals, expected) => {
    expect(platformMeanScore(reals)).toBe(expected);
  });

  it.each([
    [41.96, 42],
    [68.75, 68.8],
    [0.05, 0.1],
    [99.94, 99.9],
  ])('SCO-8: %d rounds to %d', (x, expected) => {
    expect(round1(x)).toBe(expected);
  });
});
