/** Payouts and payout runs as the console lists them (PAY-7). */
import type { ResourceSpec } from '../http/resource';
import { createdAt, id, nullableRef, ref } from '../http/specFields';

export const payoutsSpec: ResourceSpec = {
  name: 'payouts',
  table: 'payouts',
  defaultSort: ['periodEnd', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    // PAY-7: the run that paid it, and how many sessions it covers (its lines: GET /api/payouts/{id}/lines).
    payoutRunId: nullableRef,
    periodStart: { kind: 'date', filter: 'range', sort: true },
    periodEnd: { kind: 'date', filter: 'range', sort: true },
    amountCents: { kind: 'int', filter: 'range', sort: true },
    lineCount: { kind: 'int', filter: 'range', sort: true },
    paidAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    arrivesAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
  },
};

/** rule PAY-7: a payout run — one period of one frequency, paid once. */
export const payoutRunsSpec: ResourceSpec = {
  name: 'payout-runs',
  table: 'payoutRuns',
  defaultSort: ['payoutDate', 'DESC'],
  fields: {
    id,
    periodKind: { kind: 'enum', values: ['weekly', 'monthly'], filter: true, sort: true },
    periodStart: { kind: 'date', filter: 'range', sort: true },
    periodEnd: { kind: 'date', filter: 'range', sort: true },
    payoutDate: { kind: 'date', filter: 'range', sort: true },
    expectedArrivalAt: { kind: 'instant', filter: 'range', sort: true },
    payoutCount: { kind: 'int', filter: 'range', sort: true },
    totalCents: { kind: 'int', filter: 'range', sort: true },
    createdAt,
  },
};
