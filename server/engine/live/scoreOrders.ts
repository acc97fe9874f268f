/**
 * A partner's orders as `computeScore` reads them (SCO-8): each order with the platform-wide
 * facts about its client that the rule reads beyond the partner's own orders. Shared by the
 * per-partner recompute (scores.ts) and the bulk one's fold on SQLite (scoreScan.ts).
 */
import type { OrderStatus } from '../../../shared/domain';
import type { ScoreOrder } from '../score';

export interface OrderLine {
  id: number;
  clientId: number;
  partnerId: number;
  startsAt: Date;
  status: OrderStatus;
  /** SCO-8: a partner's cancellation counts from this instant. */
  cancelledAt: Date | null;
}

export type Review = { rating: number; surveyAnswered: boolean };

/** What SCO-8 reads beyond the partner's own orders: per client, platform-wide facts (instants in ms). */
export interface ClientFacts {
  /** Start of the client's first completed session on the platform. */
  firstCompletedAt(clientId: number): number | undefined;
  /** Last order creation of the client (any partner, any status). */
  lastCreatedAt(clientId: number): number | undefined;
  /** Start of the client's first completed session with the partner. */
  firstWith(partnerId: number, clientId: number): number | undefined;
}

export function scoreOrders<L extends OrderLine>(lines: readonly L[], reviewOf: (line: L) => Review | null, facts: ClientFacts): ScoreOrder[] {
  return lines.map((o) => {
    const firstWith = facts.firstWith(o.partnerId, o.clientId);
    const lastCreated = facts.lastCreatedAt(o.clientId);
    return {
      id: o.id,
      clientId: o.clientId,
      startsAt: o.startsAt,
      status: o.status,
      cancelledAt: o.cancelledAt,
      review: reviewOf(o),
      // SCO-8 / ENG-12: an unanswered survey counts 3 only on the client's first completed session on the platform (the earliest start).
      clientFirstCompletedOnPlatform: o.status === 'completed' && facts.firstCompletedAt(o.clientId) === o.startsAt.getTime(),
      // SCO-8 retention: another order created after the start of the first completed session together.
      clientOrderedAgainAfter: firstWith !== undefined && lastCreated !== undefined && lastCreated > firstWith,
    };
  });
}
