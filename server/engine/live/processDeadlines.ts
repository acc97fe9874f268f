/**
 * The live discrete-event loop: due timers are claimed from `engineDeadlines` and handled
 * in the engine's event order — (time, kind priority, sequence), the same EventQueue and
 * ENGINE_EVENT_KINDS priorities the simulator's loop uses (a timeout before the expiry at
 * the same instant, DSP-11/DSP-12).
 *
 * Exactly once, across processes:
 * - claim: a lease (`leasedBy`, `leaseUntil`) taken by a conditional UPDATE — on PostgreSQL
 *   on rows picked with FOR UPDATE SKIP LOCKED, so two workers never block on or take the
 *   same rows; on SQLite the conditional update alone (one writer at a time);
 * - handle: ONE transaction whose first statement marks the row done only if it is still
 *   pending and leased by this worker, followed by the handler's effects. If the lease was
 *   lost (expired and taken by another worker) nothing happens; if the handler fails the
 *   whole transaction rolls back and the timer is retried later with a back-off.
 *
 * Periodic jobs (periodicJobs.ts) are rows of the same table, claimed the same way: a
 * process claims only the kinds it knows (the engine's timers, the engine's own jobs and the
 * jobs it registered), so an instance never takes a row it cannot handle.
 */
import type { EngineDeadlinesRow, ProposalsRow } from '../../data/tables';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../clock';
import { engineEventQueue, type EngineEventKind } from '../eventQueue';
import { DEADLINE_KINDS, type DeadlineKind } from './deadlines';
import { engineJobs } from './dailyRecompute';
import { proposeNextIn, stopDispatchIn } from './dispatch';
import { checkAutomaticLimitation, endLimitationPeriod } from './limitations';
import { settlePayment } from './payments';
import { loadOrder, orderView, proposalView } from './repository';
import { rawRow } from '../../data/rawRow';
import { publishReviewIn } from './reviews';
import { JobRegistry, nextRunRow, type PeriodicJob } from './periodicJobs';
import { audit } from '../../data/audit';
import { iso, num, toDate } from '../../data/rows';
import { isPg, type Tx } from '../../data/transaction';

/** How long a claim holds a timer before another worker may take it over. */
export const LEASE_MS = 60_000;
/** After this many failed attempts a timer is parked as `failed` (visible, never retried). */
export const MAX_ATTEMPTS = 5;

/** The event kind (and so the priority at equal times) of each timer kind. */
const EVENT_KIND: Record<DeadlineKind, EngineEventKind> = {
  proposal_timeout: 'proposal_timeout',
  slot_answer_timeout: 'client_slot_answer',
  order_expiry: 'order_expiry',
  review_publish: 'review',
  payment_due: 'payment_capture',
  limitation_end: 'daily',
};

export interface DeadlineRow {
  id: number;
  /** A timer kind, or a periodic job's name. */
  kind: DeadlineKind | (string & {});
  refId: number;
  dueAt: Date;
  attempts: number;
}

function deadlineRow(r: EngineDeadlinesRow): DeadlineRow {
  return { id: num(r.id), kind: String(r.kind), refId: num(r.refId), dueAt: toDate(r.dueAt), attempts: num(r.attempts ?? 0) };
}

export function newWorkerId(): string {
  return `w-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** The kinds a worker with these jobs claims: the engine's timers and the jobs' names. */
export function claimableKinds(jobs: JobRegistry): string[] {
  return [...DEADLINE_KINDS, ...jobs.names()];
}

/**
 * Claims up to `limit` due timers for `workerId` (a lease until now + LEASE_MS). Rows leased
 * by another worker whose lease has not run out are left alone, and so are kinds not in
 * `kinds` (default: the engine's timers and its own jobs).
 */
export async function claimDueDeadlines(db: Knex, opts: { workerId: string; now: Date; limit?: number; leaseMs?: number; kinds?: readonly string[] }): Promise<DeadlineRow[]> {
  const now = iso(opts.now);
  const leaseUntil = iso(new Date(opts.now.getTime() + (opts.leaseMs ?? LEASE_MS)));
  const limit = opts.limit ?? 50;
  const kinds = [...(opts.kinds ?? claimableKinds(engineJobs()))];
  const due = (q: Knex.QueryBuilder) =>
    q
      .where('status', 'pending')
      .whereIn('kind', kinds)
      .where('dueAt', '<=', now)
      .where((w) => w.whereNull('leaseUntil').orWhere('leaseUntil', '<', now));
  if (isPg(db)) {
    return db.transaction(async (trx) => {
      const picked = (await due(trx('engineDeadlines').select('id'))
        .orderBy([{ column: 'dueAt' }, { column: 'id' }])
        .limit(limit)
        .forUpdate()
        .skipLocked()) as Pick<EngineDeadlinesRow, 'id'>[];
      if (picked.length === 0) return [];
      const ids = picked.map((r) => num(r.id));
      await trx('engineDeadlines').whereIn('id', ids).update({ leasedBy: opts.workerId, leaseUntil });
      return (await trx<EngineDeadlinesRow>('engineDeadlines').whereIn('id', ids)).map(deadlineRow);
    });
  }
  const candidates = (await due(db('engineDeadlines').select('id'))
    .orderBy([{ column: 'dueAt' }, { column: 'id' }])
    .limit(limit)) as Pick<EngineDeadlinesRow, 'id'>[];
  const claimed: DeadlineRow[] = [];
  for (const c of candidates) {
    // The conditional-update lease: only one worker's UPDATE matches a free, due, pending row.
    const n = await due(db('engineDeadlines').where('id', num(c.id))).update({ leasedBy: opts.workerId, leaseUntil });
    if (n === 1) claimed.push(deadlineRow(await rawRow(db, 'engineDeadlines', num(c.id))));
  }
  return claimed;
}

/** A claim on one timer by id (tests, and a worker that wants one specific timer). */
export async function claimDeadline(db: Knex, id: number, opts: { workerId: string; now: Date; leaseMs?: number }): Promise<DeadlineRow | null> {
  const now = iso(opts.now);
  const n = await db('engineDeadlines')
    .where({ id, status: 'pending' })
    .where('dueAt', '<=', now)
    .where((w) => w.whereNull('leaseUntil').orWhere('leaseUntil', '<', now))
    .update({ leasedBy: opts.workerId, leaseUntil: iso(new Date(opts.now.getTime() + (opts.leaseMs ?? LEASE_MS))) });
  if (n !== 1) return null;
  return deadlineRow(await rawRow(db, 'engineDeadlines', id));
}

// ---- handlers: each idempotent (it checks the state it acts on) ------------------------

/** DSP-5 / DSP-11: unanswered in its window → a timeout (it counts for LIM-1); the next partner is solicited. */
async function onProposalTimeout(tx: Tx, proposalId: number): Promise<void> {
  const raw = await tx.trx<ProposalsRow>('proposals').where('id', proposalId).first();
  if (!raw) return;
  const { order } = await loadOrder(tx, num(raw.orderId), { lock: true });
  const before = await rawRow(tx.trx, 'proposals', proposalId);
  const p = proposalView(before);
  if (p.answer !== null) return;
  if (order.status !== 'dispatching') return; // withdrawn with its order (cancelled): nothing to time out
  const n = await tx.trx('proposals').where({ id: proposalId }).whereNull('answer').update({ answer: 'timeout', answeredAt: iso(p.deadlineAt) });
  if (n !== 1) return;
  await audit(tx, 'proposals.timeout', 'proposals', proposalId, before, await rawRow(tx.trx, 'proposals', proposalId));
  await checkAutomaticLimitation(tx, p.partnerId); // LIM-7: a timeout counts
  await proposeNextIn(tx, order);
}

/** DSP-12, rule ENG-1 *(assumed)*: the client did not answer another slot in time → declined; dispatch goes on. */
async function onSlotAnswerTimeout(tx: Tx, proposalId: number): Promise<void> {
  const raw = await tx.trx<ProposalsRow>('proposals').where('id', proposalId).first();
  if (!raw) return;
  const { order } = await loadOrder(tx, num(raw.orderId), { lock: true });
  const before = await rawRow(tx.trx, 'proposals', proposalId);
  if (before.answer !== 'other_slot' || before.clientAnswer !== null || order.status !== 'dispatching') return;
  const n = await tx.trx('proposals').where({ id: proposalId }).whereNull('clientAnswer').update({ clientAnswer: 'declined', clientAnsweredAt: iso(tx.now) });
  if (n !== 1) return;
  await audit(tx, 'proposals.slot_timeout', 'proposals', proposalId, before, await rawRow(tx.trx, 'proposals', proposalId));
  // LIM-7: another slot the client let expire is a refusal, counted now rather than at the partner's next answer.
  await checkAutomaticLimitation(tx, num(before.partnerId));
  await proposeNextIn(tx, orderView(await rawRow(tx.trx, 'orders', order.id)));
}

/** DSP-12: nobody accepted 1 h before the start → the order expires unfilled. */
async function onOrderExpiry(tx: Tx, orderId: number): Promise<void> {
  const { raw: before, order } = await loadOrder(tx, orderId, { lock: true });
  if (order.status !== 'dispatching') return;
  // A proposal still awaiting an answer times out first (its deadline is never after the expiry).
  const pending = await tx.trx<ProposalsRow>('proposals').where({ orderId }).whereNull('answer');
  for (const p of pending) {
    const n = await tx.trx('proposals').where({ id: p.id }).whereNull('answer').update({ answer: 'timeout', answeredAt: iso(toDate(p.deadlineAt)) });
    if (n === 1) {
      await audit(tx, 'proposals.timeout', 'proposals', num(p.id), p, await rawRow(tx.trx, 'proposals', num(p.id)));
      await checkAutomaticLimitation(tx, num(p.partnerId));
    }
  }
  const n = await tx.trx('orders').where({ id: orderId, status: 'dispatching' }).update({ status: 'expired', version: order.version + 1 });
  if (n !== 1) return;
  await stopDispatchIn(tx, orderId);
  await audit(tx, 'orders.expire', 'orders', orderId, before, await rawRow(tx.trx, 'orders', orderId));
}

async function handleTimer(tx: Tx, d: DeadlineRow): Promise<void> {
  switch (d.kind as DeadlineKind) {
    case 'proposal_timeout':
      return onProposalTimeout(tx, d.refId);
    case 'slot_answer_timeout':
      return onSlotAnswerTimeout(tx, d.refId);
    case 'order_expiry':
      return onOrderExpiry(tx, d.refId);
    case 'review_publish':
      await publishReviewIn(tx, d.refId);
      return;
    case 'payment_due':
      await settlePayment(tx, d.refId);
      return;
    case 'limitation_end':
      await endLimitationPeriod(tx, d.refId);
      return;
    default:
      throw new Error(`unknown deadline kind ${String(d.kind)}`);
  }
}

export type ProcessOutcome = 'done' | 'lost' | 'failed';

export interface ProcessOptions {
  onError?: (err: unknown, d: DeadlineRow) => void;
  /** The periodic jobs this process handles besides the engine's own (server/jobs.ts). */
  jobs?: JobRegistry;
}

/**
 * Handles one claimed row in one transaction: first the conditional "done" mark (still
 * pending, still ours), then the timer's handler — or, for a periodic job, its run and its
 * next run's row. Returns 'lost' when another worker has it now. A job that works outside
 * the database runs once that transaction has committed.
 */
export async function processClaimedDeadline(db: Knex, clock: Clock, d: DeadlineRow, workerId: string, opts: ProcessOptions = {}): Promise<ProcessOutcome> {
  const now = clock.now();
  const job = engineJobs().with(opts.jobs).get(d.kind);
  let outcome: ProcessOutcome;
  try {
    outcome = await db.transaction(async (trx) => {
      const n = await trx('engineDeadlines').where({ id: d.id, status: 'pending', leasedBy: workerId }).update({ status: 'done', doneAt: iso(now), leaseUntil: null });
      if (n !== 1) return 'lost' as const;
      const tx: Tx = { trx, now, pg: isPg(db) };
      if (!job) {
        await handleTimer(tx, d);
      } else {
        if ('run' in job) await job.run(tx);
        await scheduleNextRun(trx, job, now);
      }
      return 'done' as const;
    });
  } catch (err) {
    opts.onError?.(err, d);
    await recordFailure(db, d, workerId, now, err, job);
    return 'failed';
  }
  if (outcome === 'done' && job && 'runAfterClaim' in job) {
    try {
      await job.runAfterClaim(now);
    } catch (err) {
      // The period's run is over (its row is done); the next period runs again.
      opts.onError?.(err, d);
      return 'failed';
    }
  }
  return outcome;
}

async function scheduleNextRun(trx: Knex.Transaction, job: PeriodicJob, now: Date): Promise<void> {
  await trx('engineDeadlines').insert(nextRunRow(job, now)).onConflict().ignore();
}

/**
 * The handler's transaction rolled back: the row is retried after 1, 2, 4, 8 minutes, then
 * parked as `failed`. A periodic job's failed run gives way to its next period's.
 */
async function recordFailure(db: Knex, d: DeadlineRow, workerId: string, now: Date, err: unknown, job: PeriodicJob | undefined): Promise<void> {
  const attempts = d.attempts + 1;
  const message = err instanceof Error ? err.message : String(err);
  const parked = attempts >= MAX_ATTEMPTS;
  await db.transaction(async (trx) => {
    const n = await trx('engineDeadlines')
      .where({ id: d.id, status: 'pending', leasedBy: workerId })
      .update({
        attempts,
        lastError: message.slice(0, 500),
        status: parked ? 'failed' : 'pending',
        leaseUntil: iso(new Date(now.getTime() + 60_000 * 2 ** (attempts - 1))),
        leasedBy: null,
      });
    if (n === 1 && parked && job) await scheduleNextRun(trx, job, now);
  });
}

export interface ProcessSummary {
  claimed: number;
  done: number;
  lost: number;
  failed: number;
  /** Rows handled, by timer kind or job name. */
  byKind: Partial<Record<string, number>>;
}

/**
 * The live loop's step: claims the due timers and handles them in event order, batch after
 * batch until a claim finds nothing (timers a handler schedules for now are handled in the same run;
 * a short batch does not end the run: another worker may have taken part of it).
 */
export async function processDueDeadlines(
  deps: { db: Knex; clock: Clock },
  opts: ProcessOptions & { workerId?: string; batchSize?: number; maxBatches?: number } = {},
): Promise<ProcessSummary> {
  const workerId = opts.workerId ?? newWorkerId();
  const jobs = engineJobs().with(opts.jobs);
  const kinds = claimableKinds(jobs);
  const summary: ProcessSummary = { claimed: 0, done: 0, lost: 0, failed: 0, byKind: {} };
  const batchSize = opts.batchSize ?? 50;
  for (let batch = 0; batch < (opts.maxBatches ?? 20); batch++) {
    const claimed = await claimDueDeadlines(deps.db, { workerId, now: deps.clock.now(), limit: batchSize, kinds });
    if (claimed.length === 0) break;
    summary.claimed += claimed.length;
    // The engine's event order: (time, kind priority, sequence = id order).
    const queue = engineEventQueue<DeadlineRow>();
    for (const d of [...claimed].sort((a, b) => a.id - b.id)) queue.push(d.dueAt, EVENT_KIND[d.kind as DeadlineKind] ?? 'daily', d);
    for (let ev = queue.pop(); ev; ev = queue.pop()) {
      const outcome = await processClaimedDeadline(deps.db, deps.clock, ev.payload, workerId, { onError: opts.onError, jobs });
      summary[outcome]++;
      if (outcome === 'done') summary.byKind[ev.payload.kind] = (summary.byKind[ev.payload.kind] ?? 0) + 1;
    }
    // No early exit on a short batch: another worker may have taken part of it while more are due.
  }
  return summary;
}
