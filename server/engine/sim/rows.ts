/**
 * What the simulator produces: rows shaped like the database's tables (instants as
 * ISO strings, JSON as text), ready for a bulk load. Ids are assigned by the
 * simulator in creation order.
 */
export type Row = Record<string, string | number | boolean | null>;

export interface SimOutput {
  partners: Row[];
  partnerServices: Row[];
  clients: Row[];
  orders: Row[];
  proposals: Row[];
  reviews: Row[];
  payments: Row[];
  payoutRuns: Row[];
  payouts: Row[];
  payoutLines: Row[];
  limitations: Row[];
  favourites: Row[];
  messages: Row[];
  cases: Row[];
  caseEvents: Row[];
  scoreHistory: Row[];
  engineDeadlines: Row[];
  auditLog: Row[];
  stats: SimStats;
}

export interface SimStats {
  orders: number;
  proposals: number;
  accepted: number;
  completed: number;
  expired: number;
  automaticLimitations: number;
  manualLimitations: number;
  platformMean: number;
  medianScore: number;
  shareAbove90: number;
  seconds: number;
}

/** The staff accounts the simulator acts as (created by the demo seed with these ids). */
export const SIM_STAFF = { admin: 1, support: 2, ops: 3, ops2: 4, mediator: 5, coordinator: 6 } as const;
