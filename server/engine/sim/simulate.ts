/**
 * The marketplace simulator: six months of activity ending at `now`, produced by the
 * engine's own rules on a simulated clock — the discrete-event queue (time, kind,
 * sequence), eligibility and ranking (DSP-1..12), scores (SCO-1..8), automatic
 * limitations (LIM-1..3, LIM-7), review publication (REV-1..8) and money (PAY-1..6).
 * People's behaviour (who orders, who answers, who cancels) comes from the seeded PRNG;
 * every decision the platform takes comes from the engine. Same seed + same `now` →
 * the same rows.
 *
 * `simulateBatches` yields the rows as the simulated clock advances — an order, its
 * proposals and payments once the order is over (in id order), reviews and messages once
 * their order is out, clients and partners first — and keeps only what the rules still
 * read (the score window's orders, the proposals LIM-1 counts, pending timers); db/seeds/
 * loads each batch as it comes. `simulateMarketplace` collects them into arrays.
 */
import type { LimitationModality, LimitationReason, OrderStatus, ProposalAnswer } from '../../../shared/domain';
import { limitingProposalsInSentOrder, type ProposalRecord } from '../automaticLimitation';
import { canBook, expiryAt, isEligible, parisSlotOf, proposalDeadline, rankCandidates, PartnerGrid, type EligibilityPartner } from '../dispatch';
import { ENGINE_EVENT_KINDS, engineEventQueue, type EngineEventKind } from '../eventQueue';
import { captureDueAt, paymentSchedule } from '../money';
import { mulberry32, type Random } from '../random';
import { isNegative, publicationTime } from '../reviews';
import { computeScore, inScoreWindowAt, platformMeanScore, scoreFromTallies, scoreWindowStart, scoreWithPlatformMean, SCORE_MIN_COMPLETED_SESSIONS, DEFAULT_PLATFORM_MEAN, type ScoreBreakdown, type ScoreOrder, type ScoreTallies } from '../score';
import { addParisCalendarDays, addParisDays, parisDate, parisInstant, parisMidnight, weekdayOfDate } from '../../../shared/calendar/paris';
import { SERVICES, type ServiceSeed } from './catalogue';
import { makeClients, makePartners, SCALES, type ScaleName, type SimClient, type SimPartner, type SimScale } from './population';
import { SIM_STAFF, type Row, type SimOutput, type SimStats } from './rows';
import { SimPayouts } from './payoutRows';
import { searchTextOf } from '../../../shared/text';
import { caseDeadlineColumns } from '../../../shared/mediation/deadlines';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SimOptions {
  now: Date;
  seed?: number;
  scale?: ScaleName | SimScale;
  /** Called now and then with the share done (0..1) and a phase name. */
  onProgress?: (phase: string, done: number) => void;
}

/** A table of SimOutput. */
export type SimTable = Exclude<keyof SimOutput, 'stats'>;

/**
 * Rows of one table. Batches come parents first (clients and partners before orders, an
 * order before its proposals, payments, reviews and messages). `update`: the final state of
 * rows yielded before, by id (the partners' score, status and limitation at `now`).
 */
export interface SimBatch {
  table: SimTable;
  rows: Row[];
  update?: boolean;
}

/** An order's candidates or proposals once it is out (shared, never written to). */
const NONE: never[] = [];

/**
 * Rows buffered before a batch is yielded. The loading thread holds up to MAX_AHEAD batches
 * (simWorker.ts) besides the one it loads: small batches keep that part of the large demo's
 * memory peak small.
 */
const BATCH_ROWS = 5_000;

interface ProposalState extends ProposalRecord {
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

interface OrderState {
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
  /** This order as the score reads it: one object per order, refreshed at each recompute. */
  scoreView: ScoreOrder | null;
}

interface LimitationState {
  id: number;
  kind: 'automatic' | 'manual';
  reason: LimitationReason;
  modality: LimitationModality;
  startsAt: number;
  endsAt: number | null;
  status: 'active' | 'lifted' | 'awaiting_review' | 'termination_pending' | 'terminated';
  note: string;
  evidence: unknown[];
  createdBy: number | null;
  terminationRequestedBy: number | null;
  liftedAt: number | null;
  liftedBy: number | null;
  updatedAt: number;
}

interface PartnerState {
  p: SimPartner;
  /** What eligibility reads; `limitations` is kept current when a limitation starts or ends. */
  elig: EligibilityPartner;
  id: number;
  lat: number;
  lng: number;
  radiusKm: number;
  status: SimPartner['status'] | 'terminated';
  sessions: { orderId: number; startsAt: Date; endsAt: Date }[];
  served: Set<number>;
  /** client → start of their first completed session with this partner (SCO-8 retention). */
  firstWith: Map<number, number>;
  proposals: ProposalState[];
  orders: OrderState[];
  auto: LimitationState | null;
  lastAutoLiftAt: Date | null;
  manual: LimitationState | null;
  completedAll: number;
  score: number;
  breakdown: ScoreBreakdown | null;
  /** An event changed what the score reads since its last recompute. */
  dirty: boolean;
  scoredAt: number;
  noShowsAt: number[];
  cancelsAt: number[];
  negativesAt: number[];
}

type Event =
  | { type: 'create'; plan: OrderPlan }
  | { type: 'answer'; proposal: ProposalState; answer: Exclude<ProposalAnswer, 'timeout'> }
  | { type: 'client_slot'; proposal: ProposalState; accept: boolean }
  | { type: 'timeout'; proposal: ProposalState }
  | { type: 'expiry'; order: OrderState }
  | { type: 'cancel'; order: OrderState; by: 'client' | 'partner' }
  | { type: 'end'; order: OrderState; noShow: boolean }
  | { type: 'review'; order: OrderState; rating: number }
  | { type: 'daily' };

interface OrderPlan {
  client: SimClient;
  service: ServiceSeed;
  createdAt: number;
  start: number;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** A start time on a Paris day at 08:00–19:00 on the quarter hour (or at the client's usual time). */
function startOn(rng: Random, day: string, earliest: number, usualMinutes?: number): number | null {
  const minutes = usualMinutes ?? rng.int(8 * 4, 19 * 4) * 15;
  const t = parisInstant(day, minutes).getTime();
  return t >= earliest ? t : null;
}

/** People's ordering habits → the order requests, in creation order. */
function planOrders(rng: Random, clients: SimClient[], windowStart: number, now: number): OrderPlan[] {
  const plans: OrderPlan[] = [];
  const horizon = now + 14 * DAY;
  for (const client of clients) {
    const from = Math.max(client.createdAt, windowStart);
    if (from >= now) continue;
    // Regulars book the same time each time (their usual slot), so their favourite is usually free.
    const usual = client.habit === 'once' || client.habit === 'sometimes' ? undefined : rng.int(9 * 4, 17 * 4) * 15;
    const add = (createdAt: number, service: ServiceSeed, leadDays: number) => {
      const earliest = createdAt + 2 * HOUR;
      const day = parisDate(new Date(createdAt + leadDays * DAY));
      const start = startOn(rng, day, earliest, usual) ?? startOn(rng, addParisDays(day, 1), earliest, usual);
      if (start !== null && start <= horizon) plans.push({ client, service, createdAt, start });
    };
    const lead = () => rng.weighted([0, 0.5, 1, 2, 4, 8], [8, 14, 22, 22, 20, 14]) + rng.next() * 0.9;
    if (client.habit === 'once' || client.habit === 'sometimes') {
      const n = client.habit === 'once' ? 1 : rng.int(2, 3);
      for (let i = 0; i < n; i++) add(from + Math.floor(rng.next() * (now - from)), rng.pick(client.services), lead());
    } else {
      const period = client.habit === 'twice_weekly' ? 3.5 : client.habit === 'weekly' ? 7 : 14;
      let t = from + Math.floor(rng.next() * Math.min(10 * DAY, now - from));
      while (t < now) {
        add(t, client.services[0], 1 + rng.next());
        t += (period + rng.int(-1, 1) * 0.5) * DAY;
        if (rng.chance(0.015)) break; // some regulars stop ordering
      }
    }
  }
  plans.sort((a, b) => a.createdAt - b.createdAt || a.client.id - b.client.id);
  return plans;
}

function ratingFor(rng: Random, quality: number): number {
  const r = Math.round(quality + (rng.next() + rng.next() + rng.next() - 1.5) * 1.4);
  return Math.max(1, Math.min(5, r));
}

/** The whole output in memory (tests, small scales): the batches collected, each table in its load order. */
export function simulateMarketplace(options: SimOptions): SimOutput {
  const tables = {} as Record<SimTable, Row[]>;
  const it = simulateBatches(options);
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) {
      const out = {} as SimOutput;
      for (const t of ['partners', 'partnerServices', 'clients', 'orders', 'proposals', 'reviews', 'payments', 'payoutRuns', 'payouts', 'payoutLines', 'limitations', 'favourites', 'messages', 'cases', 'caseEvents', 'scoreHistory', 'engineDeadlines', 'auditLog'] as const) out[t] = tables[t] ?? [];
      // Proposals, reviews and messages come with their order; their ids are in creation order.
      for (const t of ['proposals', 'reviews', 'messages'] as const) out[t].sort((a, b) => (a.id as number) - (b.id as number));
      out.stats = r.value;
      return out;
    }
    const { table, rows, update } = r.value;
    const list = (tables[table] ??= []);
    if (update) {
      const at = new Map(list.map((row, i) => [row.id, i]));
      for (const row of rows) list[at.get(row.id)!] = row;
    } else {
      for (const row of rows) list.push(row);
    }
  }
}

/** The simulation, yielding its rows in batches as it goes (see SimBatch); returns the stats. */
export function* simulateBatches(options: SimOptions): Generator<SimBatch, SimStats> {
  const t0 = performance.now();
  const rng = mulberry32(options.seed ?? 20261121);
  const scale = typeof options.scale === 'object' ? options.scale : SCALES[options.scale ?? 'default'];
  const now = options.now.getTime();
  const windowStart = scoreWindowStart(options.now).getTime();
  const progress = options.onProgress ?? (() => {});

  progress('people', 0);
  const simPartners = makePartners(rng, scale, windowStart, now);
  const clients = makeClients(rng, scale, windowStart, now);
  const plans = planOrders(rng, clients, windowStart, now);

  const partners: PartnerState[] = simPartners.map((p) => ({
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
    orders: [],
    auto: null,
    lastAutoLiftAt: null,
    manual: null,
    completedAll: 0,
    score: DEFAULT_PLATFORM_MEAN,
    breakdown: null,
    dirty: false,
    scoredAt: -Infinity,
    noShowsAt: [],
    cancelsAt: [],
    negativesAt: [],
  }));
  // One grid per service: a lookup only meets partners who offer the order's service (DSP-1).
  const grids = new Map<string, PartnerGrid<PartnerState>>();
  for (const service of SERVICES) {
    grids.set(service.id, new PartnerGrid(partners.filter((s) => s.p.activeFrom !== null && s.p.services.includes(service.id)), { cellKm: 5 }));
  }
  const removeFromGrids = (s: PartnerState) => {
    for (const g of grids.values()) g.remove(s.id);
  };
  const favourites = new Map<number, Map<number, number>>(); // client → partner → since
  /** client id (1…n) → creation time of their last order, 0 before any. */
  const clientLastCreated = new Float64Array(clients.length + 1);
  /** scoreInOnePass's distinct clients: the pass that last saw a client, and whether they came back. */
  const seenInPass = new Int32Array(clients.length + 1);
  const cameBack = new Uint8Array(clients.length + 1);
  let pass = 0;
  /**
   * SCO-8 / ENG-12: client id → start of their first completed session on the platform (0: none yet),
   * by start time as the live engine reads it (the earliest start among completed orders),
   * not by which ended first: two sessions of a client with two partners can overlap, and
   * the shorter, later one may end first.
   */
  const clientFirstStart = new Float64Array(clients.length + 1);
  const firstCompletedOnPlatform = (o: OrderState) => o.status === 'completed' && clientFirstStart[o.client.id] === o.start;

  // Orders not yielded yet, in id order from `pendingFrom` (an order goes out once it is over
  // and every order before it is out, so tables without ids keep their load order).
  let pending: OrderState[] = [];
  let pendingFrom = 0;
  let orderCount = 0;
  let proposalCount = 0;
  /** The last order id yielded: a review or message goes out once its order has. */
  let yieldedUpTo = 0;
  const stats = { accepted: 0, completed: 0, expired: 0 };
  const limitations: LimitationState[] = [];
  let reviewCount = 0;
  let messageCount = 0;
  const heldReviews: Row[] = [];
  const heldMessages: Row[] = [];
  /** REV-2: reviews still to publish at `now` (their timers go to engineDeadlines). */
  const reviewDeadlines: Row[] = [];
  const caseRows: Row[] = [];
  const caseEventRows: Row[] = [];
  const scoreHistory: Row[] = [];
  const auditRows: Row[] = [];
  let platformMean = DEFAULT_PLATFORM_MEAN;

  const queue = engineEventQueue<Event>();
  // The order requests are already sorted (time, then client): rather than a million events
  // in the queue from the start, each is merged in when its turn comes — the same order as
  // the queue's (time, kind priority, sequence), since no other event is an order creation.
  let nextPlan = 0;
  const priority = (kind: EngineEventKind) => ENGINE_EVENT_KINDS.indexOf(kind);
  const createdPriority = priority('order_created');
  const nextEvent = (): { at: number; payload: Event } | undefined => {
    const head = queue.peek();
    const plan = nextPlan < plans.length ? plans[nextPlan] : undefined;
    if (plan && (!head || plan.createdAt < head.at || (plan.createdAt === head.at && createdPriority < priority(head.kind)))) {
      (plans as (OrderPlan | undefined)[])[nextPlan++] = undefined; // its order takes over
      return { at: plan.createdAt, payload: { type: 'create', plan } };
    }
    return queue.pop();
  };
  for (let day = parisDate(new Date(windowStart)); parisMidnight(day).getTime() <= now; day = addParisDays(day, 1)) {
    queue.push(parisMidnight(day), 'daily', { type: 'daily' });
  }

  const audit = (at: number, actorId: number | null, action: string, resource: string, resourceId: number, after: unknown, before: unknown = null) => {
    auditRows.push({
      at: iso(at),
      actorId,
      actorKind: actorId === null ? 'system' : 'staff',
      action,
      resource,
      resourceId: String(resourceId),
      before: before === null ? null : JSON.stringify(before),
      after: JSON.stringify(after),
    });
  };

  // ---- scores (SCO-1..8) -------------------------------------------------------------
  const scoreOrder = (o: OrderState): ScoreOrder => {
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
    view.cancelledAt = o.status === 'cancelled_by_partner' && o.cancelledAt !== null ? new Date(o.cancelledAt) : null;
    view.review = o.review;
    view.clientFirstCompletedOnPlatform = firstCompletedOnPlatform(o);
    view.clientOrderedAgainAfter = first !== undefined && clientLastCreated[o.client.id] > first;
    return view;
  };
  // SCO: an event (session completed, review, cancellation, no-show) marks the score stale;
  // it is recomputed before the ranking next reads it — the same score an eager recompute
  // would give at that moment, without recomputing a busy partner at every event.
  const touch = (s: PartnerState) => {
    s.dirty = true;
  };
  const freshScore = (s: PartnerState, at: number) => {
    // A busy partner is a candidate many times an hour: one recompute per simulated hour
    // keeps the ranking's view at most an hour stale, and the simulation fast.
    if (s.dirty && at - s.scoredAt >= HOUR) recompute(s, at);
    return s.score;
  };
  /** `stored`: the score the partner row keeps (at `now`), from the core's computeScore itself. */
  const recompute = (s: PartnerState, at: number, stored = false) => {
    s.dirty = false;
    s.scoredAt = at;
    const from = scoreWindowStart(new Date(at)).getTime();
    const b = stored
      ? computeScore({
          now: new Date(at),
          orders: s.orders.filter((o) => inScoreWindowAt(o.start, o.status, o.cancelledAt, from, at)).map(scoreOrder),
          completedSessionsAllTime: s.completedAll,
          platformMean,
        })
      : scoreInOnePass(s, at);
    s.breakdown = b;
    s.score = b.score;
  };
  /**
   * computeScore's counts (SCO-1..8: the same window, the same sums in the same order) in one
   * pass over the partner's orders, without building their score views: the simulation
   * recomputes a busy partner hundreds of times. The window and the formula are the core's
   * (`inScoreWindowAt`, `scoreFromTallies`), so the numbers are computeScore's. The stored
   * scores come from computeScore itself (`stored`), and simulate.test recomputes them by hand.
   */
  const scoreInOnePass = (s: PartnerState, at: number): ScoreBreakdown => {
    const from = scoreWindowStart(new Date(at)).getTime();
    pass++;
    const t: ScoreTallies = { completed: 0, distinctClients: 0, returningClients: 0, ratingSum: 0, ratingsCounted: 0, imputedRatings: 0, cancellations: 0, noShows: 0, stillAccepted: 0 };
    for (const o of s.orders) {
      if (!inScoreWindowAt(o.start, o.status, o.cancelledAt, from, at)) continue;
      if (o.status === 'completed') {
        t.completed++;
        const clientId = o.client.id;
        const first = s.firstWith.get(clientId);
        const again = first !== undefined && clientLastCreated[clientId] > first;
        // SCO-2: a client counts once, returning if any of their sessions shows it.
        if (seenInPass[clientId] !== pass) {
          seenInPass[clientId] = pass;
          t.distinctClients++;
          cameBack[clientId] = again ? 1 : 0;
          if (again) t.returningClients++;
        } else if (again && !cameBack[clientId]) {
          cameBack[clientId] = 1;
          t.returningClients++;
        }
        if (o.review?.surveyAnswered) {
          t.ratingSum += o.review.rating;
          t.ratingsCounted++;
        } else if (firstCompletedOnPlatform(o)) {
          t.ratingSum += 3;
          t.ratingsCounted++;
          t.imputedRatings++;
        }
      } else if (o.status === 'cancelled_by_partner') t.cancellations++;
      else if (o.status === 'no_show') t.noShows++;
      else if (o.status === 'accepted') t.stillAccepted++;
    }
    return scoreFromTallies(t, s.completedAll, platformMean);
  };

  // ---- limitations (LIM-1..7) --------------------------------------------------------
  const effective = (s: PartnerState): LimitationModality | null => {
    const mods: LimitationModality[] = [];
    if (s.auto) mods.push('existing_clients_only');
    if (s.manual && s.manual.status !== 'lifted' && s.manual.status !== 'terminated') mods.push(s.manual.modality);
    return mods.includes('existing_clients_only') ? 'existing_clients_only' : mods.includes('reduced') ? 'reduced' : null;
  };
  const syncLimitation = (s: PartnerState) => {
    const lim = effective(s);
    s.elig.limitations = lim ? [lim] : [];
  };
  const newLimitation = (s: PartnerState, at: number, l: Omit<LimitationState, 'id' | 'updatedAt' | 'liftedAt' | 'liftedBy' | 'terminationRequestedBy'>) => {
    const row: LimitationState = { ...l, id: limitations.length + 1, updatedAt: at, liftedAt: null, liftedBy: null, terminationRequestedBy: null };
    limitations.push(row);
    (row as LimitationState & { partnerId: number }).partnerId = s.id;
    audit(at, l.createdBy, 'limitations.create', 'limitations', row.id, { partnerId: s.id, kind: l.kind, reason: l.reason, modality: l.modality, endsAt: iso(l.endsAt) });
    return row;
  };
  const checkAutomatic = (s: PartnerState, at: number) => {
    // rule LIM-1 / LIM-7
    const limiting = s.auto ? null : limitingProposalsInSentOrder(s.proposals, s.lastAutoLiftAt);
    if (limiting) {
      const evidence = limiting.map((p) => p.id).reverse(); // in the order sent
      s.auto = newLimitation(s, at, {
        kind: 'automatic',
        reason: 'no_acceptance_in_last_50',
        modality: 'existing_clients_only',
        startsAt: at,
        endsAt: null,
        status: 'active',
        note: 'Aucune des 50 dernières propositions acceptée (LIM-1).',
        evidence: evidence.map((id) => ({ type: 'proposal', id })),
        createdBy: null,
      });
      syncLimitation(s);
    }
  };
  const liftAutomatic = (s: PartnerState, at: number) => {
    // rule LIM-3: an acceptance (the partner's, or their other slot the client accepted, LIM-7)
    // lifts the automatic limitation; counting restarts (LIM-7).
    if (!s.auto) return;
    s.auto.status = 'lifted';
    s.auto.liftedAt = at;
    s.auto.updatedAt = at;
    s.auto.note += ' Levée automatique : proposition acceptée (LIM-3).';
    audit(at, null, 'limitations.lift', 'limitations', s.auto.id, { status: 'lifted', liftedAt: iso(at) }, { status: 'active' });
    s.lastAutoLiftAt = new Date(at);
    s.auto = null;
    syncLimitation(s);
  };

  // ---- dispatch (DSP-1..12) ----------------------------------------------------------
  const existingClient = (s: PartnerState, clientId: number) => s.served.has(clientId);
  /**
   * DSP-9 zone: the partners offering the service whose radius covers the client's address,
   * with their distance. A regular client (~9 % of clients, ~3/4 of the orders) books the same
   * service from the same address every week: their zone is kept (~16 MB at the large scale),
   * which stays exact because the grids never gain a partner after the start (terminated ones
   * leave them, and are skipped by their status anyway).
   */
  const zones = new Map<number, { partners: PartnerState[]; km: number[] }>();
  const serviceIndex = new Map(SERVICES.map((sv, i) => [sv.id, i]));
  const zoneOf = (client: SimClient, service: ServiceSeed) => {
    const regular = client.habit !== 'once' && client.habit !== 'sometimes';
    const key = client.id * SERVICES.length + serviceIndex.get(service.id)!;
    let zone = regular ? zones.get(key) : undefined;
    if (!zone) {
      const found: { partners: PartnerState[]; km: number[] } = { partners: [], km: [] };
      grids.get(service.id)!.visitNear(client.lat, client.lng, (s, km) => {
        found.partners.push(s);
        found.km.push(km);
      });
      if (regular) zones.set(key, found);
      zone = found;
    }
    return zone;
  };
  /** Sets the order's ranked candidates (DSP-9 eligibility, DSP-10 ranking) at `at`. */
  const rankFor = (o: OrderState, at: number) => {
    const favs = favourites.get(o.client.id);
    const out: { partner: PartnerState; demoted: boolean; favourite: boolean; distanceKm: number; partnerId: number; score: number }[] = [];
    const endsAt = new Date(o.end);
    const order = { id: o.id, clientId: o.client.id, serviceCode: o.service.id, startsAt: o.startsAtDate, endsAt, lat: o.client.lat, lng: o.client.lng, parisSlot: parisSlotOf(o.startsAtDate, endsAt) };
    const zone = zoneOf(o.client, o.service);
    // In no particular order: the ranking's order is total (DSP-10), and a score refresh reads nothing another one writes.
    for (let i = 0; i < zone.partners.length; i++) {
      const s = zone.partners[i];
      if (s.status !== 'active' || s.p.activeFrom === null || s.p.activeFrom > at) continue;
      const verdict = isEligible(s.elig, order, { acceptedSessions: s.sessions, existingClient: existingClient(s, o.client.id), distanceKm: zone.km[i] });
      if (verdict.eligible) out.push({ partner: s, demoted: verdict.demoted, favourite: favs?.has(s.id) ?? false, distanceKm: verdict.distanceKm, partnerId: s.id, score: freshScore(s, at) });
    }
    const ranked = rankCandidates(out, { platformMean });
    o.candidates = ranked.map((c) => c.partner);
    o.candidateKm = ranked.map((c) => c.distanceKm);
    o.favouriteCandidates = ranked.filter((c) => c.favourite).length;
  };
  /** Dispatch is over: the candidates are no longer read. */
  const dropCandidates = (o: OrderState) => {
    o.candidates = NONE;
    o.candidateKm = NONE;
  };

  const stillEligible = (s: PartnerState, o: OrderState, at: number) => {
    if (s.status !== 'active') return false;
    if (effective(s) === 'existing_clients_only' && !existingClient(s, o.client.id)) return false;
    const a = o.start - 30 * MIN;
    const b = o.end + 30 * MIN;
    return at < expiryAt(o.startsAtDate).getTime() && !s.sessions.some((x) => x.startsAt.getTime() < b && a < x.endsAt.getTime());
  };

  const proposeNext = (o: OrderState, at: number) => {
    const expiry = expiryAt(o.startsAtDate).getTime();
    while (o.next < o.candidates.length && at < expiry) {
      const i = o.next++;
      const partner = o.candidates[i];
      const favourite = i < o.favouriteCandidates; // DSP-10: favourites rank first
      if (!stillEligible(partner, o, at)) continue;
      const sentAt = new Date(at);
      const deadlineAt = proposalDeadline({ createdAt: new Date(o.createdAt), startsAt: o.startsAtDate }, sentAt);
      const pr: ProposalState = {
        id: ++proposalCount,
        order: o,
        partner,
        rank: o.next,
        sentAt,
        deadlineAt,
        answer: null,
        answeredAt: null,
        proposedStartsAt: null,
        clientAnswer: null,
        clientAnsweredAt: null,
        score: partner.score,
        distanceKm: Math.round(o.candidateKm[i] * 100) / 100,
      };
      o.proposals.push(pr);
      partner.proposals.push(pr);
      o.pending = pr;
      // The partner's behaviour: answer within the window or not, and what.
      const prof = partner.p.profile;
      const windowMs = deadlineAt.getTime() - at;
      // A partner keeps their regulars: a favourite's request is nearly always taken.
      const existing = existingClient(partner, o.client.id);
      if (rng.chance(favourite ? 0.98 : prof.answerP) && windowMs > MIN) {
        const delay = Math.min(windowMs, Math.max(20_000, Math.floor(rng.next() * rng.next() * windowMs)));
        const acceptP = favourite ? Math.max(0.95, prof.acceptP) : existing ? Math.min(0.97, prof.acceptP + 0.3) : prof.acceptP;
        const answer = rng.chance(acceptP) ? 'accepted' : rng.chance(prof.otherSlotP / Math.max(0.05, 1 - acceptP)) ? 'other_slot' : 'declined';
        queue.push(at + delay, 'proposal_answer', { type: 'answer', proposal: pr, answer });
      } else {
        queue.push(deadlineAt, 'proposal_timeout', { type: 'timeout', proposal: pr });
      }
      return;
    }
  };

  /** The partner takes the order: their acceptance, or their other slot the client accepted — both lift an automatic limitation (LIM-3, LIM-7). */
  const accept = (o: OrderState, s: PartnerState, at: number) => {
    o.status = 'accepted';
    o.partner = s;
    o.acceptedAt = at;
    o.pending = null;
    dropCandidates(o);
    s.sessions.push({ orderId: o.id, startsAt: o.startsAtDate, endsAt: new Date(o.end) });
    s.orders.push(o);
    liftAutomatic(s, at);
    // What happens to the session: people's behaviour.
    const prof = s.p.profile;
    if (rng.chance(0.035)) queue.push(at + Math.floor(rng.next() * (o.start - at)), 'cancellation', { type: 'cancel', order: o, by: 'client' });
    else if (rng.chance(prof.cancelP)) queue.push(at + Math.floor(rng.next() * (o.start - at)), 'cancellation', { type: 'cancel', order: o, by: 'partner' });
    else queue.push(o.end, 'session_end', { type: 'end', order: o, noShow: rng.chance(prof.noShowP) });
  };

  const releaseSession = (o: OrderState) => {
    if (!o.partner) return;
    o.partner.sessions = o.partner.sessions.filter((x) => x.orderId !== o.id);
  };

  const answered = (pr: ProposalState, answer: ProposalAnswer, at: number) => {
    pr.answer = answer;
    pr.answeredAt = new Date(at);
    if (pr.order.pending === pr) pr.order.pending = null;
    checkAutomatic(pr.partner, at);
    forgetOldProposals(pr.partner, pr);
  };
  /**
   * LIM-1 reads back from the newest proposal to the last acceptance or the 50th answered
   * one: what was sent before that can no longer change the decision (an answer only adds
   * a counted one after it), so the history is cut there — same decisions, bounded memory.
   */
  const forgetOldProposals = (s: PartnerState, pr: ProposalState) => {
    if (pr.answer === 'accepted') {
      const i = s.proposals.lastIndexOf(pr);
      if (i > 0) s.proposals = s.proposals.slice(i);
      return;
    }
    if (s.proposals.length < 200) return;
    let answeredSeen = 0;
    for (let i = s.proposals.length - 1; i >= 0; i--) {
      if (s.proposals[i].answer !== null && ++answeredSeen === 50) {
        if (i > 0) s.proposals = s.proposals.slice(i);
        return;
      }
    }
  };

  // ---- cases (MED) and manual limitations (LIM-4..6), as staff would have decided ----
  const openCase = (o: OrderState, at: number, category: 'no_show' | 'quality' | 'damage' | 'cancellation') => {
    const id = caseRows.length + 1;
    const complaintAt = at + rng.int(2, 48) * HOUR;
    if (complaintAt > now) return;
    const age = now - complaintAt;
    let status: string = 'open';
    let outcome: string | null = null;
    let refund: number | null = null;
    let referredAt: number | null = null;
    if (age > 5 * DAY) status = 'amicable';
    if (age > 25 * DAY) {
      const r = rng.next();
      if (r < 0.55) {
        status = 'closed';
        outcome = 'agreement';
        refund = rng.chance(0.5) ? o.service.priceCents : Math.round(o.service.priceCents / 2);
      } else if (r < 0.75) {
        status = 'resolved';
      } else if (r < 0.9) {
        status = 'referred';
        referredAt = complaintAt + rng.int(20, 60) * DAY;
        if (referredAt > now) {
          status = 'amicable';
          referredAt = null;
        }
      } else {
        status = 'closed';
        outcome = rng.chance(0.5) ? 'no_agreement' : 'withdrawn';
      }
    }
    const mediatorReceivedAt = referredAt ? Math.min(now, referredAt + 3 * DAY) : null;
    const mediatorNotifiedAt = referredAt && referredAt + 12 * DAY <= now ? referredAt + 12 * DAY : null;
    const reference = `M${String(id).padStart(6, '0')}`;
    caseRows.push({
      id,
      reference,
      orderId: o.id,
      clientId: o.client.id,
      partnerId: o.partner?.id ?? null,
      category,
      status,
      writtenComplaintAt: iso(complaintAt),
      referredAt: iso(referredAt),
      mediatorReceivedAt: iso(mediatorReceivedAt),
      mediatorNotifiedAt: iso(mediatorNotifiedAt),
      // The platform answered with its first message to the parties (2 days after, below).
      answeredAt: status !== 'open' ? iso(complaintAt + 2 * DAY) : null,
      closedAt: status === 'closed' ? iso(Math.min(now, complaintAt + 20 * DAY)) : null,
      // MED-5..7: the one computation of the deadlines (answerDueAt, refusalDueAt, outcomeDueAt, nextDueAt…).
      ...caseDeadlineColumns({
        status,
        writtenComplaintAt: iso(complaintAt),
        answeredAt: status !== 'open' ? iso(complaintAt + 2 * DAY) : null,
        mediatorReceivedAt: iso(mediatorReceivedAt),
        mediatorNotifiedAt: iso(mediatorNotifiedAt),
      }),
      outcome,
      refundCents: refund,
      insuranceClaim: category === 'damage',
      assignedTo: SIM_STAFF.mediator,
      createdAt: iso(complaintAt),
      updatedAt: iso(Math.min(now, complaintAt + 3 * DAY)),
      version: 1,
      searchText: searchTextOf([reference]),
    });
    const ev = (dt: number, type: string, body: string, actorId: number | null) => {
      if (complaintAt + dt <= now) caseEventRows.push({ caseId: id, at: iso(complaintAt + dt), actorId, type, body, fileId: null });
    };
    const complaint = {
      no_show: 'Le professionnel ne s’est pas présenté au rendez-vous et ne m’a pas prévenu.',
      quality: 'Je ne suis pas satisfaite de la prestation : le résultat ne correspond pas à ce qui était prévu.',
      damage: 'Un objet a été cassé pendant l’intervention, je demande un dédommagement.',
      cancellation: 'Annulation tardive par le professionnel, j’avais pris ma matinée.',
    }[category];
    ev(0, 'message_in', `Réclamation écrite du client (courriel) : ${complaint}`, null);
    ev(HOUR, 'note', 'Dossier ouvert, commande et échanges vérifiés.', SIM_STAFF.mediator);
    if (status !== 'open') ev(2 * DAY, 'message_out', 'Nous avons contacté le professionnel pour recueillir sa version (MED-1).', SIM_STAFF.mediator);
    if (refund) ev(10 * DAY, 'proposal', `Proposition de remboursement : ${(refund / 100).toFixed(2).replace('.', ',')} €`, SIM_STAFF.mediator);
    if (outcome) ev(20 * DAY, 'decision', `Issue : ${outcome}`, SIM_STAFF.mediator);
    audit(complaintAt, SIM_STAFF.mediator, 'cases.create', 'cases', id, { reference, orderId: o.id, category });
  };

  const addFavourite = (clientId: number, partnerId: number, at: number) => {
    const favs = favourites.get(clientId) ?? new Map<number, number>();
    if (!favs.has(partnerId)) favs.set(partnerId, at);
    favourites.set(clientId, favs);
  };
  const isNegativeExperience = (s: PartnerState) => s.p.profile.quality < 3.5;

  const recentCount = (list: number[], at: number, days: number) => list.filter((x) => x > at - days * DAY).length;
  const considerManual = (s: PartnerState, at: number) => {
    // Ops look at the signals (LIM-4) and decide case by case; the simulator plays ops.
    if (s.manual && s.manual.status !== 'lifted') return;
    let reason: LimitationReason | null = null;
    let modality: LimitationModality = 'reduced';
    let days = 30;
    if (recentCount(s.noShowsAt, at, 30) >= 1 && rng.chance(0.5)) reason = 'no_show';
    else if (recentCount(s.cancelsAt, at, 60) >= 3) {
      reason = 'repeated_cancellations';
      modality = 'existing_clients_only';
      days = 45;
    } else if (recentCount(s.negativesAt, at, 60) >= 3) reason = 'repeated_negative_reviews';
    if (!reason) return;
    const startsAt = at + rng.int(9, 17) * HOUR;
    s.manual = newLimitation(s, startsAt, {
      kind: 'manual',
      reason,
      modality,
      startsAt,
      endsAt: addParisCalendarDays(new Date(startsAt), days).getTime(),
      status: 'active',
      note: {
        no_show: 'Rendez-vous manqué sans prévenir le client (LIM-4 d).',
        repeated_cancellations: 'Annulations répétées de rendez-vous acceptés (LIM-4 e).',
        repeated_negative_reviews: 'Avis négatifs répétés (LIM-4 c).',
      }[reason as 'no_show'],
      evidence: [],
      createdBy: SIM_STAFF.ops,
    });
    syncLimitation(s);
  };
  const reviewPeriods = (s: PartnerState, at: number) => {
    const l = s.manual;
    if (!l) return;
    // rule LIM-6: at the end of the period the limitation awaits ops' review …
    if (l.status === 'active' && l.endsAt !== null && l.endsAt <= at) {
      l.status = 'awaiting_review';
      l.updatedAt = l.endsAt;
      audit(l.endsAt, null, 'limitations.awaiting_review', 'limitations', l.id, { status: 'awaiting_review' }, { status: 'active' });
    }
    // … and ops lift it, or terminate the partner's terms with a second approval.
    if (l.status === 'awaiting_review' && l.endsAt !== null && at - l.endsAt > 2 * DAY && rng.chance(0.7)) {
      const decideAt = at + rng.int(9, 17) * HOUR;
      if (s.p.profile.kind === 'unreliable' && recentCount(s.noShowsAt, at, 90) + recentCount(s.cancelsAt, at, 90) >= 4) {
        l.status = 'terminated';
        l.terminationRequestedBy = SIM_STAFF.ops;
        l.updatedAt = decideAt + DAY;
        audit(decideAt, SIM_STAFF.ops, 'limitations.terminate', 'limitations', l.id, { status: 'termination_pending' }, { status: 'awaiting_review' });
        audit(decideAt + DAY, SIM_STAFF.ops2, 'limitations.approve_termination', 'limitations', l.id, { status: 'terminated' }, { status: 'termination_pending' });
        s.status = 'terminated';
        removeFromGrids(s);
      } else {
        l.status = 'lifted';
        l.liftedAt = decideAt;
        l.liftedBy = SIM_STAFF.ops;
        l.updatedAt = decideAt;
        l.note += ' Levée après revue de fin de période (LIM-6).';
        audit(decideAt, SIM_STAFF.ops, 'limitations.lift', 'limitations', l.id, { status: 'lifted' }, { status: 'awaiting_review' });
        s.manual = null;
      }
      syncLimitation(s);
    }
  };

  // ---- rows, yielded as the simulation goes ------------------------------------------
  const buf = { orders: [] as Row[], proposals: [] as Row[], payments: [] as Row[], reviews: [] as Row[], messages: [] as Row[], scoreHistory: [] as Row[] };
  // PAY-4 / PAY-7: the completed sessions, paid by the runs of the boundaries passed (payoutRows.ts).
  const frequencyById = new Map(partners.map((s) => [s.id, s.p.payoutFrequency] as const));
  const payoutSessions = new SimPayouts((partnerId) => frequencyById.get(partnerId) ?? 'weekly');
  const over = (o: OrderState) => o.status !== 'dispatching' && o.status !== 'accepted';
  /** Orders that are over, in id order up to the first one still going (all of them at the end). */
  const flushOrders = (all: boolean) => {
    while (pendingFrom < pending.length && (all || over(pending[pendingFrom]))) {
      const o = pending[pendingFrom++];
      buf.orders.push(orderRow(o, now, buf.payments));
      for (const p of o.proposals) buf.proposals.push(proposalRow(p));
      if (o.acceptedAt !== null) stats.accepted++;
      if (o.status === 'expired') stats.expired++;
      if (o.status === 'completed' && o.partner) {
        stats.completed++;
        // PAY-5 / PAY-8: URSSAF's debit is collected when due (as orderRow writes it), if before now.
        const advance = o.service.vertical === 'care' && o.client.immediateAdvance;
        const debitAt = advance ? captureDueAt(new Date(o.end)).getTime() : 0;
        payoutSessions.add(o.id, o.partner.id, o.service.partnerPayCents, o.end, advance ? (debitAt <= now ? debitAt : null) : undefined);
      }
      // Only the score still reads it (as long as it is in a partner's window).
      o.proposals = NONE;
      dropCandidates(o);
      yieldedUpTo = o.id;
    }
    if (pendingFrom > 10_000 && pendingFrom * 2 > pending.length) {
      pending = pending.slice(pendingFrom);
      pendingFrom = 0;
    }
    const release = (held: Row[], into: Row[]) => {
      let kept = 0;
      for (const row of held) {
        if ((row.orderId as number) <= yieldedUpTo) into.push(row);
        else held[kept++] = row;
      }
      held.length = kept;
    };
    release(heldReviews, buf.reviews);
    release(heldMessages, buf.messages);
  };
  const buffered = () => buf.orders.length + buf.proposals.length + buf.payments.length + buf.reviews.length + buf.messages.length + scoreHistory.length;
  // Parents first: an order before its proposals and payments, before the reviews and messages.
  function* drain(all: boolean): Generator<SimBatch> {
    if (!all && buffered() < BATCH_ROWS) return;
    for (const table of ['orders', 'proposals', 'payments', 'reviews', 'messages'] as const) {
      if (buf[table].length) yield { table, rows: buf[table] };
      buf[table] = [];
    }
    if (scoreHistory.length) yield { table: 'scoreHistory', rows: scoreHistory.splice(0) };
  }

  // Clients and partners first (the other rows point to them); partners' final state comes at the end.
  yield* chunked('partners', partners.map((s) => partnerRow(s, platformMean, now)));
  yield* chunked('partnerServices', partners.flatMap((s) => s.p.services.map((serviceCode) => ({ partnerId: s.id, serviceCode }))));
  for (let i = 0; i < clients.length; i += BATCH_ROWS) yield { table: 'clients', rows: clients.slice(i, i + BATCH_ROWS).map((c) => clientRow(c, now)) };

  // ---- the event loop ----------------------------------------------------------------
  let processed = 0;
  for (let ev = nextEvent(); ev && ev.at <= now; ev = nextEvent()) {
    const at = ev.at;
    const e = ev.payload;
    // The work follows the orders: the share of order requests handled so far.
    if (++processed % 20000 === 0) progress('simulation', Math.min(0.99, nextPlan / Math.max(1, plans.length)));
    if (processed % 1000 === 0) {
      flushOrders(false);
      yield* drain(false);
    }
    switch (e.type) {
      case 'create': {
        const { plan } = e;
        if (!canBook(new Date(plan.createdAt), new Date(plan.start))) break; // DSP-2
        const o: OrderState = {
          id: ++orderCount,
          client: plan.client,
          service: plan.service,
          createdAt: at,
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
          scoreView: null,
        };
        pending.push(o);
        clientLastCreated[o.client.id] = at;
        rankFor(o, at);
        queue.push(expiryAt(o.startsAtDate), 'order_expiry', { type: 'expiry', order: o });
        proposeNext(o, at);
        break;
      }
      case 'answer': {
        const pr = e.proposal;
        const o = pr.order;
        if (pr.answer !== null || o.status !== 'dispatching') break;
        if (e.answer === 'accepted' && stillEligible(pr.partner, o, at)) {
          answered(pr, 'accepted', at);
          accept(o, pr.partner, at);
        } else if (e.answer === 'other_slot') {
          // DSP-12: another slot goes to the client, who answers within minutes.
          answered(pr, 'other_slot', at);
          pr.proposedStartsAt = new Date(o.start + rng.int(4, 12) * 15 * MIN);
          o.awaitingClient = true;
          queue.push(at + rng.int(2, 40) * MIN, 'client_slot_answer', { type: 'client_slot', proposal: pr, accept: rng.chance(0.45) });
        } else {
          answered(pr, 'declined', at);
          proposeNext(o, at);
        }
        break;
      }
      case 'client_slot': {
        const pr = e.proposal;
        const o = pr.order;
        o.awaitingClient = false;
        if (o.status !== 'dispatching') break;
        pr.clientAnswer = e.accept ? 'accepted' : 'declined';
        pr.clientAnsweredAt = new Date(at);
        const newStart = pr.proposedStartsAt!.getTime();
        const moved = { ...o, start: newStart, end: newStart + o.service.durationMin * MIN, startsAtDate: new Date(newStart) };
        if (e.accept && canBook(new Date(at), moved.startsAtDate) && stillEligible(pr.partner, moved, at)) {
          o.start = moved.start;
          o.end = moved.end;
          o.startsAtDate = moved.startsAtDate;
          accept(o, pr.partner, at);
        } else {
          pr.clientAnswer = 'declined';
          checkAutomatic(pr.partner, at); // LIM-7: another slot the client declines is a refusal
          proposeNext(o, at);
        }
        break;
      }
      case 'timeout': {
        const pr = e.proposal;
        if (pr.answer !== null) break;
        answered(pr, 'timeout', at); // DSP-11: unanswered in its window
        if (pr.order.status === 'dispatching') proposeNext(pr.order, at);
        break;
      }
      case 'expiry': {
        const o = e.order;
        if (o.status !== 'dispatching') break;
        if (o.awaitingClient) {
          // ENG-1: the client let the other slot expire — declined, a refusal for LIM-7.
          const pr = o.proposals[o.proposals.length - 1];
          pr.clientAnswer = 'declined';
          pr.clientAnsweredAt = new Date(at);
          checkAutomatic(pr.partner, at);
        }
        o.status = 'expired'; // DSP-12
        o.awaitingClient = false;
        dropCandidates(o);
        break;
      }
      case 'cancel': {
        const o = e.order;
        if (o.status !== 'accepted') break;
        o.status = e.by === 'client' ? 'cancelled_by_client' : 'cancelled_by_partner';
        o.cancelledAt = at;
        releaseSession(o);
        if (e.by === 'partner' && o.partner) {
          o.partner.cancelsAt.push(at);
          touch(o.partner); // SCO-4
          if (rng.chance(0.05)) openCase(o, at, 'cancellation');
        }
        break;
      }
      case 'end': {
        const o = e.order;
        if (o.status !== 'accepted' || !o.partner) break;
        const s = o.partner;
        releaseSession(o);
        if (e.noShow) {
          o.status = 'no_show';
          s.noShowsAt.push(at);
          if (rng.chance(0.3)) openCase(o, at, 'no_show');
        } else {
          o.status = 'completed';
          o.completedAt = at;
          s.completedAll++;
          // An earlier-starting session ending later takes over as the first: the other partner's
          // score reads it at its next recompute (at `now` at the latest, for the stored scores).
          if (clientFirstStart[o.client.id] === 0 || o.start < clientFirstStart[o.client.id]) clientFirstStart[o.client.id] = o.start;
          if (!s.firstWith.has(o.client.id)) s.firstWith.set(o.client.id, o.start);
          s.served.add(o.client.id);
          // The satisfaction survey: answered by about half the clients (SCO-3, REV-5).
          const regular = o.client.habit !== 'once' && o.client.habit !== 'sometimes';
          if (rng.chance(regular ? 0.6 : 0.45)) {
            queue.push(at + rng.int(1, 72) * HOUR, 'review', { type: 'review', order: o, rating: ratingFor(rng, s.p.profile.quality) });
          }
          // CLI-4: a regular client often keeps the partner of a good first session as a favourite.
          if (regular && !isNegativeExperience(s) && !favourites.has(o.client.id) && rng.chance(0.9)) addFavourite(o.client.id, s.id, at + HOUR);
          if (rng.chance(0.0015)) openCase(o, at, 'damage');
          if (rng.chance(0.04)) {
            heldMessages.push({ id: ++messageCount, clientId: o.client.id, partnerId: s.id, orderId: o.id, sender: 'client', body: 'Merci pour aujourd’hui, à la semaine prochaine !', createdAt: iso(at + 2 * HOUR) });
          }
          if (rng.chance(0.004)) {
            // CON-1: a partner trying to take the client off the platform (a signal for ops).
            heldMessages.push({ id: ++messageCount, clientId: o.client.id, partnerId: s.id, orderId: o.id, sender: 'partner', body: `La prochaine fois appelez-moi directement au ${s.p.phone}, ce sera 30 € au lieu de ${(o.service.priceCents / 100).toFixed(0)} €.`, createdAt: iso(at + 3 * HOUR) });
          }
        }
        touch(s); // SCO: a session completed or a no-show recorded
        break;
      }
      case 'review': {
        const o = e.order;
        const s = o.partner!;
        o.review = { rating: e.rating, surveyAnswered: true };
        const createdAt = new Date(at);
        const pub = publicationTime({ id: o.id, rating: e.rating, surveyAnswered: true, createdAt, editedAt: null });
        const comment = e.rating >= 4
          ? rng.pick(['Très professionnelle, je recommande.', 'Ponctuel, efficace et très sympathique.', 'Parfait, merci !', 'Excellent travail, je reprendrai rendez-vous.', 'Rien à redire.'])
          : e.rating === 3
            ? rng.pick(['Correct, sans plus.', 'Prestation correcte mais un peu de retard.'])
            : rng.pick(['Retard de 30 minutes sans prévenir.', 'Travail bâclé, déçue.', 'Pas à l’écoute de mes demandes.']);
        const reviewId = ++reviewCount;
        const publishedAt = pub && pub.getTime() <= now ? pub.toISOString() : null; // REV-2
        heldReviews.push({
          id: reviewId,
          orderId: o.id,
          partnerId: s.id,
          clientId: o.client.id,
          rating: e.rating,
          recommended: e.rating >= 4, // REV-7: only a satisfied client recommends
          comment,
          surveyAnswered: true,
          createdAt: iso(at),
          editedAt: null,
          publishedAt,
          searchText: searchTextOf([comment]),
        });
        // The live engine publishes it when its time comes (REV-2).
        if (publishedAt === null && pub) reviewDeadlines.push({ kind: 'review_publish', refId: reviewId, dueAt: pub.toISOString(), status: 'pending' });
        if (isNegative(e.rating)) {
          s.negativesAt.push(at);
          if (rng.chance(0.12)) openCase(o, at, 'quality');
        }
        // CLI-4: a regular client keeps a partner they liked as a favourite.
        if (e.rating >= 4 && ((o.client.habit !== 'once' && o.client.habit !== 'sometimes') || rng.chance(0.05))) addFavourite(o.client.id, s.id, at);
        touch(s); // SCO: a review arrived
        break;
      }
      case 'daily': {
        // SCO-6: the platform mean of the partners with ≥ 20 completed sessions, daily.
        platformMean = platformMeanScore(partners.filter((s) => s.completedAll >= SCORE_MIN_COMPLETED_SESSIONS && s.breakdown).map((s) => s.breakdown!.real));
        const day = parisDate(new Date(at));
        const monday = weekdayOfDate(day) === 1;
        for (const s of partners) {
          // SCO-6: the new mean enters the score of the partners under 20 completed sessions, with
          // their last real score (a partner with an event since is recomputed when next ranked).
          if (s.completedAll < SCORE_MIN_COMPLETED_SESSIONS) s.score = scoreWithPlatformMean(s.breakdown?.real ?? platformMean, s.completedAll, platformMean);
          if (s.status === 'active' || s.status === 'terminated') {
            considerManual(s, at);
            reviewPeriods(s, at);
          }
          if (monday && s.p.activeFrom !== null && s.p.activeFrom <= at && s.status === 'active') {
            scoreHistory.push({ partnerId: s.id, day, score: s.score, real: s.breakdown?.real ?? null });
          }
        }
        break;
      }
    }
  }

  // ---- the state at `now`: final scores, then the rest of the rows ---------------------
  progress('scores', 0.99);
  for (const s of partners) recompute(s, now, true);
  platformMean = platformMeanScore(partners.filter((s) => s.completedAll >= SCORE_MIN_COMPLETED_SESSIONS).map((s) => s.breakdown!.real));
  // SCO-6: the mean enters only the score of partners under 20 completed sessions — the rest of
  // computeScore's breakdown does not read it, so it is set there rather than computed again.
  for (const s of partners) {
    if (s.breakdown!.usesPlatformMean) s.breakdown = { ...s.breakdown!, score: scoreWithPlatformMean(s.breakdown!.real, s.completedAll, platformMean) };
    s.score = s.breakdown!.score;
  }

  // The live engine takes over at `now`: pending timers go to the database (DSP-5, DSP-12, REV-2, LIM-6).
  const left = pending.slice(pendingFrom);
  const engineDeadlines: Row[] = [];
  const timeouts: ProposalState[] = [];
  for (const o of left) for (const p of o.proposals) if (p.answer === null && o.status === 'dispatching') timeouts.push(p);
  timeouts.sort((a, b) => a.id - b.id);
  for (const p of timeouts) engineDeadlines.push({ kind: 'proposal_timeout', refId: p.id, dueAt: p.deadlineAt.toISOString(), status: 'pending' });
  for (const o of left) {
    if (o.status === 'dispatching') engineDeadlines.push({ kind: 'order_expiry', refId: o.id, dueAt: expiryAt(o.startsAtDate).toISOString(), status: 'pending' });
  }
  engineDeadlines.push(...reviewDeadlines);
  for (const l of limitations) {
    if (l.kind === 'manual' && l.status === 'active' && l.endsAt !== null) engineDeadlines.push({ kind: 'limitation_end', refId: l.id, dueAt: iso(l.endsAt), status: 'pending' });
  }
  engineDeadlines.sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));

  flushOrders(true);
  yield* drain(true);
  yield { table: 'partners', rows: partners.map((s) => partnerRow(s, platformMean, now)), update: true };
  yield* chunked('limitations', limitations.map(limitationRow));
  const favouriteRows: Row[] = [];
  for (const [clientId, favs] of favourites) for (const [partnerId, since] of favs) favouriteRows.push({ clientId, partnerId, createdAt: iso(since) });
  yield* chunked('favourites', favouriteRows);
  yield* chunked('cases', caseRows);
  yield* chunked('caseEvents', caseEventRows);
  // Refunds agreed in mediation, after the orders' own payments.
  const refunds: Row[] = [];
  for (const c of caseRows) {
    if (c.refundCents) refunds.push({ orderId: c.orderId, kind: 'refund', amountCents: c.refundCents, dueAt: c.updatedAt, doneAt: c.updatedAt });
  }
  yield* chunked('payments', refunds);
  // PAY-4 / PAY-6 / PAY-7: a run per boundary passed, as the live payout_run job makes them.
  const paid = payoutSessions.rows(windowStart, now);
  for (const a of paid.audits) audit(a.at, null, 'payout-runs.create', 'payout-runs', a.runId, a.after);
  yield* chunked('payoutRuns', paid.payoutRuns);
  yield* chunked('payouts', paid.payouts);
  for (const rows of paid.lines(BATCH_ROWS)) yield { table: 'payoutLines', rows };
  yield* chunked('engineDeadlines', engineDeadlines);
  yield* chunked('auditLog', auditRows.sort((a, b) => String(a.at).localeCompare(String(b.at))));

  const scored = partners.filter((s) => s.status === 'active' && s.p.activeFrom !== null).map((s) => s.score).sort((a, b) => a - b);
  progress('simulation', 1);
  return {
    orders: orderCount,
    proposals: proposalCount,
    accepted: stats.accepted,
    completed: stats.completed,
    expired: stats.expired,
    automaticLimitations: limitations.filter((l) => l.kind === 'automatic').length,
    manualLimitations: limitations.filter((l) => l.kind === 'manual').length,
    platformMean,
    medianScore: scored.length ? scored[Math.floor(scored.length / 2)] : 0,
    shareAbove90: scored.length ? scored.filter((x) => x > 90).length / scored.length : 0,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
}

function* chunked(table: SimTable, rows: Row[]): Generator<SimBatch> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield { table, rows: rows.slice(i, i + BATCH_ROWS) };
}

function partnerRow(s: PartnerState, platformMean: number, now: number): Row {
  const p = s.p;
  const lim = (() => {
    const mods: string[] = [];
    if (s.auto) mods.push('existing_clients_only');
    if (s.manual && ['active', 'awaiting_review', 'termination_pending'].includes(s.manual.status)) mods.push(s.manual.modality);
    return mods.includes('existing_clients_only') ? 'existing_clients_only' : mods.includes('reduced') ? 'reduced' : null;
  })();
  const active = s.status === 'active' && p.activeFrom !== null;
  const row = {
    id: p.id,
    reference: p.reference,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    birthDate: p.birthDate,
    address: p.address,
    postcode: p.postcode,
    city: p.city,
    lat: p.lat,
    lng: p.lng,
    siren: p.siren,
    iban: p.iban,
    vertical: p.vertical,
    services: JSON.stringify(p.services),
    radiusKm: p.radiusKm,
    weeklyHours: JSON.stringify(p.weeklyHours),
    status: s.status,
    assignedTo: s.status === 'in_review' ? SIM_STAFF.support : null,
    limitation: active ? lim : null,
    // SCO-6: partners not yet active have no score; active ones the real score or the platform mean.
    score: active ? s.score : null,
    scoreDetails: active && s.breakdown ? JSON.stringify({ ...s.breakdown, platformMean, computedAt: new Date(now).toISOString() }) : null,
    completedSessions: s.completedAll,
    payoutFrequency: p.payoutFrequency,
    createdAt: iso(p.createdAt),
    updatedAt: iso(Math.min(now, Math.max(p.createdAt, p.activeFrom ?? p.createdAt))),
    version: 1,
  };
  return { ...row, searchText: searchTextOf([row.reference, row.firstName, row.lastName, row.email, row.phone, row.postcode, row.city, row.siren]) };
}

function clientRow(c: SimClient, now: number): Row {
  const row = {
    id: c.id,
    reference: c.reference,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    address: c.address,
    postcode: c.postcode,
    city: c.city,
    lat: c.lat,
    lng: c.lng,
    createdAt: iso(Math.min(c.createdAt, now)),
    deletedAt: null,
  };
  return { ...row, searchText: searchTextOf([row.reference, row.firstName, row.lastName, row.email, row.phone, row.postcode, row.city]) };
}

/** An order's row, and its payments pushed to `payments`. */
function orderRow(o: OrderState, now: number, payments: Row[]): Row {
  const reference = `R${String(o.id).padStart(7, '0')}`;
  const care = o.service.vertical === 'care';
  if (o.acceptedAt !== null) {
    // PAY-3 / PAY-5 / PAY-6: what is due, and done when its time has come before any cancellation.
    const stop = o.cancelledAt ?? (o.status === 'no_show' ? o.start : Infinity);
    for (const p of paymentSchedule({ priceCents: o.service.priceCents, startsAt: o.startsAtDate, endsAt: new Date(o.end) }, o.service.vertical, care && o.client.immediateAdvance, new Date(o.acceptedAt))) {
      const due = p.dueAt.getTime();
      if (p.kind !== 'preauth' && (o.status !== 'completed' && o.status !== 'accepted')) continue;
      payments.push({ orderId: o.id, kind: p.kind, amountCents: p.amountCents, dueAt: iso(due), doneAt: due <= now && due <= stop ? iso(due) : null });
    }
  }
  return {
    id: o.id,
    reference,
    clientId: o.client.id,
    partnerId: o.partner?.id ?? null,
    serviceCode: o.service.id,
    startsAt: iso(o.start),
    endsAt: iso(o.end),
    status: o.status,
    priceCents: o.service.priceCents,
    partnerPayCents: o.service.partnerPayCents,
    address: o.client.address,
    postcode: o.client.postcode,
    city: o.client.city,
    lat: o.client.lat,
    lng: o.client.lng,
    immediateAdvance: care && o.client.immediateAdvance,
    createdAt: iso(o.createdAt),
    acceptedAt: iso(o.acceptedAt),
    cancelledAt: iso(o.cancelledAt),
    completedAt: iso(o.completedAt),
    sheetSignedAt: o.status === 'completed' && o.id % 5 === 0 ? iso(o.end + DAY) : null,
    version: 1,
    searchText: searchTextOf([reference, o.client.city, o.client.postcode]),
  };
}

function proposalRow(p: ProposalState): Row {
  return {
    id: p.id,
    orderId: p.order.id,
    partnerId: p.partner.id,
    rank: p.rank,
    sentAt: p.sentAt.toISOString(),
    deadlineAt: p.deadlineAt.toISOString(),
    answer: p.answer,
    answeredAt: p.answeredAt?.toISOString() ?? null,
    proposedStartsAt: p.proposedStartsAt?.toISOString() ?? null,
    score: p.score,
    distanceKm: p.distanceKm,
    clientAnswer: p.clientAnswer,
    clientAnsweredAt: p.clientAnsweredAt?.toISOString() ?? null,
  };
}

function limitationRow(l: LimitationState): Row {
  return {
    id: l.id,
    partnerId: (l as LimitationState & { partnerId: number }).partnerId,
    kind: l.kind,
    reason: l.reason,
    modality: l.modality,
    startsAt: iso(l.startsAt),
    endsAt: iso(l.endsAt),
    status: l.status,
    note: l.note,
    evidence: JSON.stringify(l.evidence),
    createdBy: l.createdBy,
    terminationRequestedBy: l.terminationRequestedBy,
    liftedAt: iso(l.liftedAt),
    liftedBy: l.liftedBy,
    createdAt: iso(l.startsAt),
    updatedAt: iso(l.updatedAt),
    version: 1,
  };
}
