/**
 * What the simulation keeps while its clock runs: the people, the orders still read by a
 * rule (the score window's, the proposals LIM-1 counts, pending timers), the queue of
 * events and the rows waiting to be yielded. One `Sim` object is passed to every phase
 * (demand, dispatch, sessions, reviews, limitations, scores, cases, output) instead of
 * the closures of one long function, so each phase is a file that reads as its rules.
 */
import type { LimitationModality, LimitationReason, LimitationStatus, OrderStatus, ProposalAnswer } from '../../../shared/domain';
import type { ProposalRecord } from '../automaticLimitation';
import { PartnerGrid, type EligibilityPartner } from '../dispatch';
import { engineEventQueue, type EngineEventKind, type EventQueue } from '../eventQueue';
import type { Random } from '../random';
import { DEFAULT_PLATFORM_MEAN, type ScoreBreakdown } from '../score';
import { SERVICES, type ServiceSeed } from './catalogue';
import type { SimClient, SimPartner } from './population';
import type { Row } from './rows';
import type { SimPayouts } from './payoutRows';
import { ScoreLedger } from './scoreLedger';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** An order's candidates or proposals once it is out (shared, never written to). */
export const NONE: never[] = [];

export interface ProposalState extends ProposalRecord {
  id: number;
  order: OrderState;
  partner: PartnerState;
  rank: number;
  deadlineAt: Date;
  proposedStartsAt: Date | null;
  clientAnswer: 'accepted' | 'declined' | null;
  clientAnsweredAt: Date | null;
  score: number;
  distanceKm: number;
}

export interface OrderState {
  id: number;
  client: SimClient;
  service: ServiceSeed;
  createdAt: number;
  start: number;
  end: number;
  startsAtDate: Date;
  status: OrderStatus;
  partner: PartnerState | null;
  acceptedAt: number | null;
  cancelledAt: number | null;
  completedAt: number | null;
  /**
   * The ranked candidates (DSP-10), the first `favouriteCandidates` of them the client's
   * favourites (they rank first), with their distances in `candidateKm`. Two flat arrays
   * rather than an object per candidate: an order waits hours of simulated time for its
   * answers, so its candidates outlive the young generation, and 17 objects per order
   * promoted and dropped made most of the simulator's garbage collection at the large scale.
   */
  candidates: PartnerState[];
  candidateKm: number[];
  favouriteCandidates: number;
  next: number;
  /** Its proposals, in the order sent (yielded with the order once it is over). */
  proposals: ProposalState[];
  pending: ProposalState | null;
  awaitingClient: boolean;
  review: { rating: number; surveyAnswered: boolean } | null;
  /** Its row in the score ledger once it is yielded with a partner (scoreLedger.ts), else -1. */
  ledger: number;
}

export interface LimitationState {
  id: number;
  partnerId: number;
  kind: 'automatic' | 'manual';
  reason: LimitationReason;
  modality: LimitationModality;
  startsAt: number;
  endsAt: number | null;
  status: LimitationStatus;
  note: string;
  evidence: unknown[];
  createdBy: number | null;
  terminationRequestedBy: number | null;
  liftedAt: number | null;
  liftedBy: number | null;
  updatedAt: number;
}

export interface PartnerState {
  p: SimPartner;
  /** What eligibility reads; `limitations` is kept current when a limitation starts or ends. */
  elig: EligibilityPartner;
  id: number;
  /** Where the partner works from and how far (the grid's GridPartner). */
  lat: number;
  lng: number;
  radiusKm: number;
  status: SimPartner['status'] | 'terminated';
  sessions: { orderId: number; startsAt: Date; endsAt: Date }[];
  served: Set<number>;
  /** client → start of their first completed session with this partner (SCO-8 retention). */
  firstWith: Map<number, number>;
  proposals: ProposalState[];
  auto: LimitationState | null;
  lastAutoLiftAt: Date | null;
  manual: LimitationState | null;
  completedAll: number;
  score: number;
  breakdown: ScoreBreakdown | null;
  /** SCO-8's counts over the partner's orders so far, kept current by the events that change them (scores.ts). */
  tally: RunningTally;
  /** An event changed what the score reads since its last recompute. */
  dirty: boolean;
  scoredAt: number;
  noShowsAt: number[];
  cancelsAt: number[];
  negativesAt: number[];
}

/**
 * What SCO-8 counts, event by event. The distinct clients are `firstWith`'s, and the
 * sessions still accepted are read from `sessions` at each recompute (they enter the count at their start).
 */
export interface RunningTally {
  completed: number;
  cancellations: number;
  noShows: number;
  /** Answered surveys: how many, and the sum of their ratings. */
  answered: number;
  answeredSum: number;
  /** Completed sessions without an answered survey that were their client's first on the platform (counted 3). */
  imputed: number;
  /** Clients of `firstWith` who created another order after that first session. */
  returning: number;
}

export type SimEvent =
  | { type: 'create'; plan: OrderPlan }
  | { type: 'answer'; proposal: ProposalState; answer: Exclude<ProposalAnswer, 'timeout'> }
  | { type: 'client_slot'; proposal: ProposalState; accept: boolean }
  | { type: 'timeout'; proposal: ProposalState }
  | { type: 'expiry'; order: OrderState }
  | { type: 'cancel'; order: OrderState; by: 'client' | 'partner' }
  | { type: 'end'; order: OrderState; noShow: boolean }
  | { type: 'review'; order: OrderState; rating: number }
  | { type: 'daily' };

export interface OrderPlan {
  client: SimClient;
  service: ServiceSeed;
  createdAt: number;
  start: number;
}

/** DSP-9 zone of a client for a service: the partners whose radius covers the address, with their distance. */
export interface Zone {
  partners: PartnerState[];
  km: number[];
  /** A kept zone's partners open during a Paris slot, by slot (dispatch.ts). */
  bySlot?: Map<number, Zone>;
}

export interface Sim {
  rng: Random;
  now: number;
  windowStart: number;
  partners: PartnerState[];
  clients: SimClient[];
  /** One grid per service: a lookup only meets partners who offer the order's service (DSP-1). */
  grids: Map<string, PartnerGrid<PartnerState>>;
  /** Regular clients' zones by client and service (dispatch.ts). */
  zones: Map<number, Zone>;
  serviceIndex: Map<string, number>;
  /** client → partner → since (CLI-4). */
  favourites: Map<number, Map<number, number>>;
  /** client id (1…n) → creation time of their last order, 0 before any. */
  clientLastCreated: Float64Array;
  /**
   * SCO-8 / ENG-12: client id → start of their first completed session on the platform (0: none yet),
   * by start time as the live engine reads it (the earliest start among completed orders),
   * not by which ended first: two sessions of a client with two partners can overlap, and
   * the shorter, later one may end first.
   */
  clientFirstStart: Float64Array;
  queue: EventQueue<SimEvent, EngineEventKind>;
  /** SCO-6: the platform mean of the last daily recompute. */
  platformMean: number;
  /** SCO-8: client → their completed orders starting at `clientFirstStart` (usually one): the sessions a survey left unanswered counts 3 for. */
  clientFirstOrders: Map<number, OrderState[]>;
  /** SCO-8 retention: client → the partners they completed a first session with and have not ordered again since. */
  awaitingReturn: Map<number, PartnerState[]>;
  orderCount: number;
  proposalCount: number;
  reviewCount: number;
  messageCount: number;
  limitations: LimitationState[];
  /** Reviews and messages wait for their order to be yielded (output.ts). */
  heldReviews: Row[];
  heldMessages: Row[];
  /** REV-2: reviews still to publish at `now` (their timers go to engineDeadlines). */
  reviewDeadlines: Row[];
  caseRows: Row[];
  caseEventRows: Row[];
  scoreHistory: Row[];
  auditRows: Row[];
  /** The yielded orders as the final score check reads them. */
  ledger: ScoreLedger;
  out: SimOutputState;
}

/** The rows on their way out (output.ts). */
export interface SimOutputState {
  /** Orders not yielded yet, in id order from `pendingFrom`. */
  pending: OrderState[];
  pendingFrom: number;
  /** The last order id yielded: a review or message goes out once its order has. */
  yieldedUpTo: number;
  buf: { orders: Row[]; proposals: Row[]; payments: Row[]; reviews: Row[]; messages: Row[] };
  stats: { accepted: number; completed: number; expired: number };
  /** PAY-4 / PAY-7: the completed sessions, paid by the runs of the boundaries passed (payoutRows.ts). */
  payoutSessions: SimPayouts;
}

/** A new order being dispatched: nobody has it yet. */
export function dispatchingOrder(id: number, plan: OrderPlan, createdAt: number): OrderState {
  return {
    id,
    client: plan.client,
    service: plan.service,
    createdAt,
    start: plan.start,
    end: plan.start + plan.service.durationMin * MIN,
    startsAtDate: new Date(plan.start),
    status: 'dispatching',
    partner: null,
    acceptedAt: null,
    cancelledAt: null,
    completedAt: null,
    candidates: NONE,
    candidateKm: NONE,
    favouriteCandidates: 0,
    next: 0,
    proposals: [],
    pending: null,
    awaitingClient: false,
    review: null,
    ledger: -1,
  };
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function isRegular(client: SimClient): boolean {
  return client.habit !== 'once' && client.habit !== 'sometimes';
}

/** The partners' state at the start: every one at the platform mean, no session, no limitation. */
export function partnerStates(simPartners: SimPartner[]): PartnerState[] {
  return simPartners.map((p) => ({
    p,
    elig: { id: p.id, status: 'active', services: p.services, lat: p.lat, lng: p.lng, radiusKm: p.radiusKm, weeklyHours: p.weeklyHours, limitations: [] },
    id: p.id,
    lat: p.lat,
    lng: p.lng,
    radiusKm: p.radiusKm,
    status: p.status,
    sessions: [],
    served: new Set(),
    firstWith: new Map(),
    proposals: [],
    auto: null,
    lastAutoLiftAt: null,
    manual: null,
    completedAll: 0,
    score: DEFAULT_PLATFORM_MEAN,
    breakdown: null,
    tally: { completed: 0, cancellations: 0, noShows: 0, answered: 0, answeredSum: 0, imputed: 0, returning: 0 },
    dirty: false,
    scoredAt: -Infinity,
    noShowsAt: [],
    cancelsAt: [],
    negativesAt: [],
  }));
}

export function newSim(rng: Random, now: number, windowStart: number, partners: PartnerState[], clients: SimClient[], payoutSessions: SimPayouts): Sim {
  const grids = new Map<string, PartnerGrid<PartnerState>>();
  for (const service of SERVICES) {
    grids.set(service.id, new PartnerGrid(partners.filter((s) => s.p.activeFrom !== null && s.p.services.includes(service.id)), { cellKm: 5 }));
  }
  return {
    rng,
    now,
    windowStart,
    partners,
    clients,
    grids,
    zones: new Map(),
    serviceIndex: new Map(SERVICES.map((sv, i) => [sv.id, i])),
    favourites: new Map(),
    clientLastCreated: new Float64Array(clients.length + 1),
    clientFirstStart: new Float64Array(clients.length + 1),
    queue: engineEventQueue<SimEvent>(),
    platformMean: DEFAULT_PLATFORM_MEAN,
    clientFirstOrders: new Map(),
    awaitingReturn: new Map(),
    orderCount: 0,
    proposalCount: 0,
    reviewCount: 0,
    messageCount: 0,
    limitations: [],
    heldReviews: [],
    heldMessages: [],
    reviewDeadlines: [],
    caseRows: [],
    caseEventRows: [],
    scoreHistory: [],
    auditRows: [],
    ledger: new ScoreLedger(),
    out: { pending: [], pendingFrom: 0, yieldedUpTo: 0, buf: { orders: [], proposals: [], payments: [], reviews: [], messages: [] }, stats: { accepted: 0, completed: 0, expired: 0 }, payoutSessions },
  };
}

/** An audit row, as the live engine writes one for the same decision (system or staff). */
export function audit(sim: Sim, at: number, actorId: number | null, action: string, resource: string, resourceId: number, after: unknown, before: unknown = null): void {
  sim.auditRows.push({
    at: iso(at),
    actorId,
    actorKind: actorId === null ? 'system' : 'staff',
    action,
    resource,
    resourceId: String(resourceId),
    before: before === null ? null : JSON.stringify(before),
    after: JSON.stringify(after),
  });
}
