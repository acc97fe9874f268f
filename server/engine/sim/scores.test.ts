/**
 * SCO-8 in the simulator: the counts it keeps event by event must give, at `now`, the
 * breakdown the core's computeScore folds from the orders — through the paths where a
 * later event changes what an earlier one counted: an earlier-starting session that ends
 * later takes the client's first-on-the-platform rating (SCO-3), a client who orders again
 * becomes returning for every partner they completed with (SCO-2), a survey answered on a
 * first session replaces its imputed 3, an accepted session counts from its start (SCO-4).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { scoreWindowStart } from '../score';
import { SERVICES } from './catalogue';
import { makeClients, makePartners, SCALES } from './population';
import { countCompletion, countNewOrder, countPartnerCancellation, countReview, finalScores } from './scores';
import { dispatchingOrder, HOUR, newSim, partnerStates, type OrderState, type PartnerState, type Sim } from './state';
import { SimPayouts } from './payoutRows';

const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const DAY = 24 * HOUR;

function market(): Sim {
  const rng = mulberry32(11);
  const windowStart = scoreWindowStart(new Date(NOW)).getTime();
  const partners = partnerStates(makePartners(rng, SCALES.test, windowStart, NOW));
  const clients = makeClients(rng, SCALES.test, windowStart, NOW);
  return newSim(rng, NOW, windowStart, partners, clients, new SimPayouts(() => 'weekly'));
}

let nextId = 0;
/** An order the partner accepted, created a day before its start (or before `now`, for one to come). */
function accepted(sim: Sim, s: PartnerState, clientId: number, start: number): OrderState {
  const createdAt = Math.min(start - DAY, NOW - 3 * HOUR);
  const o: OrderState = { ...dispatchingOrder(++nextId, { client: sim.clients[clientId - 1], service: SERVICES[0], createdAt, start }, createdAt), status: 'accepted', partner: s, acceptedAt: createdAt };
  countNewOrder(sim, clientId, o.createdAt);
  sim.out.pending.push(o);
  s.sessions.push({ orderId: o.id, startsAt: o.startsAtDate, endsAt: new Date(o.end) });
  return o;
}

function complete(sim: Sim, o: OrderState): void {
  const s = o.partner!;
  s.sessions = s.sessions.filter((x) => x.orderId !== o.id);
  o.status = 'completed';
  s.completedAll++;
  countCompletion(sim, s, o);
}

/** Two partners, three clients: every path where a later event changes an earlier count. */
function story() {
  const sim = market();
  const [p, q] = sim.partners;
  const [a, b, c] = [1, 2, 3];
  // Client a: a session with p, then one with q that started earlier and ends after it.
  const withP = accepted(sim, p, a, NOW - 10 * DAY);
  const withQ = accepted(sim, q, a, NOW - 10 * DAY - 2 * HOUR);
  complete(sim, withP);
  complete(sim, withQ);
  // Client a orders again: returning for p and q.
  countNewOrder(sim, a, NOW - 5 * DAY);
  // Client b: a first session with p, survey answered 5.
  const bWithP = accepted(sim, p, b, NOW - 8 * DAY);
  complete(sim, bWithP);
  bWithP.review = { rating: 5, surveyAnswered: true };
  countReview(sim, bWithP, 5);
  // Client c: a first session with p, no survey, and no order since.
  complete(sim, accepted(sim, p, c, NOW - 3 * DAY));
  // p cancels next week's session today, holds one session that started, and one to come.
  const cancelled = accepted(sim, p, b, NOW + 7 * DAY);
  cancelled.status = 'cancelled_by_partner';
  cancelled.cancelledAt = NOW - DAY;
  p.sessions = p.sessions.filter((x) => x.orderId !== cancelled.id);
  countPartnerCancellation(p);
  accepted(sim, p, b, NOW - HOUR / 2);
  accepted(sim, p, b, NOW + 2 * DAY);
  return { sim, p, q };
}

describe('the simulator’s running score counts (SCO-8)', () => {
  it('when sessions, surveys, new orders and a cancellation change earlier counts, then the counts agree with computeScore at now', () => {
    const { sim, p, q } = story();
    expect(() => finalScores(sim)).not.toThrow();
    // p: a's session is no longer a's first on the platform (q's started earlier): not rated;
    // b answered 5, c's first session counts 3; a and b ordered again, c did not; one of
    // the two accepted sessions has started. R = 2/3, A = (8/2 − 1)/4, F = 1 − 1/5.
    expect(p.breakdown).toMatchObject({ completedInWindow: 3, distinctClients: 3, returningClients: 2, ratingsCounted: 2, imputedRatings: 1, cancellations: 1, accepted: 5, real: 72.1 });
    // q: a's first session on the platform, no survey: rated 3; a ordered again.
    expect(q.breakdown).toMatchObject({ completedInWindow: 1, distinctClients: 1, returningClients: 1, ratingsCounted: 1, imputedRatings: 1, accepted: 1, real: 87.5 });
  });

  it.each([
    ['a cancellation', (s: PartnerState) => s.tally.cancellations++],
    ['a returning client', (s: PartnerState) => s.tally.returning--],
    ['an imputed rating', (s: PartnerState) => s.tally.imputed++],
    ['a completed session', (s: PartnerState) => s.tally.completed++],
  ])('when a running count misses %s, then the final scores refuse to be stored', (_name, drift) => {
    const { sim, p } = story();
    drift(p);
    expect(() => finalScores(sim)).toThrow(/SCO-8: partner \d+'s running score counts/);
  });
});
