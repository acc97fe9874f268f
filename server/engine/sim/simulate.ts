/**
 * The marketplace simulator: six months of activity ending at `now`, produced by the
 * engine's own rules on a simulated clock — the discrete-event queue (time, kind,
 * sequence), eligibility and ranking (DSP-1..12), scores (SCO-1..8), automatic
 * limitations (LIM-1..3, LIM-7), review publication (REV-1..8) and money (PAY-1..6).
 * People's behaviour (who orders, who answers, who cancels) comes from the seeded PRNG;
 * every decision the platform takes comes from the engine. Same seed + same `now` →
 * the same rows.
 *
 * The phases, one file each, share the simulation's state (state.ts): the people
 * (population.ts), their order requests (demand.ts), dispatch (dispatch.ts), the sessions
 * (sessions.ts), reviews (reviews.ts), limitations (limitations.ts), scores (scores.ts),
 * mediation cases (cases.ts), and the rows (tableRows.ts, output.ts, payoutRows.ts).
 *
 * `simulateBatches` yields the rows as the simulated clock advances — an order, its
 * proposals and payments once the order is over (in id order), reviews and messages once
 * their order is out, clients and partners first — and keeps only what the rules still
 * read (the score window's orders, the proposals LIM-1 counts, pending timers); db/seeds/
 * loads each batch as it comes. `simulateMarketplace` collects them into arrays.
 */
import { mulberry32 } from '../random';
import { scoreWindowStart } from '../score';
import { parisDate, weekdayOfDate } from '../../../shared/calendar/paris';
import { eventSource, planOrders } from './demand';
import { onAnswer, onClientSlot, onCreate, onExpiry, onTimeout } from './dispatch';
import { considerManual, reviewPeriods } from './limitations';
import { BATCH_ROWS, chunked, drain, finalBatches, flushOrders } from './output';
import { SimPayouts } from './payoutRows';
import { makeClients, makePartners, SCALES, type ScaleName, type SimScale } from './population';
import { onReview } from './reviews';
import type { Row, SimOutput, SimStats } from './rows';
import { dailyPlatformMean, finalScores } from './scores';
import { onCancel, onEnd } from './sessions';
import { newSim, partnerStates, type Sim, type SimEvent } from './state';
import { clientRow, partnerRow } from './tableRows';

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
 * rows yielded before, by id (the partners' score, status and limitation at `now`); it comes
 * once every other table yielded before it is complete, so that a loader may index them then.
 */
export interface SimBatch {
  table: SimTable;
  rows: Row[];
  update?: boolean;
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
  const partners = partnerStates(simPartners);
  const frequencyById = new Map(partners.map((s) => [s.id, s.p.payoutFrequency] as const));
  const sim = newSim(rng, now, windowStart, partners, clients, new SimPayouts((partnerId) => frequencyById.get(partnerId) ?? 'weekly'));
  const events = eventSource(sim, plans);

  // Clients and partners first (the other rows point to them); partners' final state comes at the end.
  yield* chunked('partners', partners.map((s) => partnerRow(s, sim.platformMean, now)));
  yield* chunked('partnerServices', partners.flatMap((s) => s.p.services.map((serviceCode) => ({ partnerId: s.id, serviceCode }))));
  for (let i = 0; i < clients.length; i += BATCH_ROWS) yield { table: 'clients', rows: clients.slice(i, i + BATCH_ROWS).map((c) => clientRow(c, now)) };

  let processed = 0;
  for (let ev = events.next(); ev && ev.at <= now; ev = events.next()) {
    // The work follows the orders: the share of order requests handled so far.
    if (++processed % 20000 === 0) progress('simulation', Math.min(0.99, events.done()));
    if (processed % 1000 === 0) {
      flushOrders(sim, false);
      yield* drain(sim, false);
    }
    handle(sim, ev.payload, ev.at);
  }

  progress('scores', 0.99);
  finalScores(sim);
  yield* finalBatches(sim);

  const scored = partners.filter((s) => s.status === 'active' && s.p.activeFrom !== null).map((s) => s.score).sort((a, b) => a - b);
  progress('simulation', 1);
  return {
    orders: sim.orderCount,
    proposals: sim.proposalCount,
    accepted: sim.out.stats.accepted,
    completed: sim.out.stats.completed,
    expired: sim.out.stats.expired,
    automaticLimitations: sim.limitations.filter((l) => l.kind === 'automatic').length,
    manualLimitations: sim.limitations.filter((l) => l.kind === 'manual').length,
    platformMean: sim.platformMean,
    medianScore: scored.length ? scored[Math.floor(scored.length / 2)] : 0,
    shareAbove90: scored.length ? scored.filter((x) => x > 90).length / scored.length : 0,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
}

/** One event of the queue, to the phase it belongs to. */
function handle(sim: Sim, e: SimEvent, at: number): void {
  switch (e.type) {
    case 'create':
      onCreate(sim, e.plan, at);
      break;
    case 'answer':
      onAnswer(sim, e.proposal, e.answer, at);
      break;
    case 'client_slot':
      onClientSlot(sim, e.proposal, e.accept, at);
      break;
    case 'timeout':
      onTimeout(sim, e.proposal, at);
      break;
    case 'expiry':
      onExpiry(sim, e.order, at);
      break;
    case 'cancel':
      onCancel(sim, e.order, e.by, at);
      break;
    case 'end':
      onEnd(sim, e.order, e.noShow, at);
      break;
    case 'review':
      onReview(sim, e.order, e.rating, at);
      break;
    case 'daily':
      onDaily(sim, at);
      break;
  }
}

/**
 * The daily recompute at Paris midnight: the platform mean (SCO-6), ops' look at the signals
 * and at the limitations whose period ended (LIM-4, LIM-6), and on Mondays each active
 * partner's score into its history.
 */
function onDaily(sim: Sim, at: number): void {
  dailyPlatformMean(sim);
  const day = parisDate(new Date(at));
  const monday = weekdayOfDate(day) === 1;
  for (const s of sim.partners) {
    if (s.status === 'active' || s.status === 'terminated') {
      considerManual(sim, s, at);
      reviewPeriods(sim, s, at);
    }
    if (monday && s.p.activeFrom !== null && s.p.activeFrom <= at && s.status === 'active') {
      sim.scoreHistory.push({ partnerId: s.id, day, score: s.score, real: s.breakdown?.real ?? null });
    }
  }
}
