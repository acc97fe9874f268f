/**
 * Periodic jobs (the verification sweep, the daily recompute, the uploads clean-up…) run
 * through the same claims as the engine's timers: each job has ONE pending row in
 * `engineDeadlines` (kind = the job's name, refId = 0, dueAt = its next run), so that with
 * several server processes on one database a period's run is claimed — and committed — by
 * exactly one of them (processDeadlines.ts: FOR UPDATE SKIP LOCKED on PostgreSQL, the
 * conditional-update lease on SQLite). Handling a run marks the row done and schedules the
 * next one, in the same transaction.
 *
 * Capabilities describe their jobs in their own folder and `server/jobs.ts` registers them;
 * this folder never imports a capability (the engine is below them). A new job:
 *
 *   export const payoutRunJob: TransactionalJob = {
 *     name: 'payout_run',               // the row's kind
 *     next: nextParisMidnight,          // or every(3600_000): the run after one at `now`
 *     first: nextParisMidnight,         // optional: the first run (default: at once)
 *     run: (tx) => runPayoutsIn(tx),    // in the claim's transaction; conditional updates
 *   };
 *
 * then one line in `serverJobs` (server/jobs.ts). `requestJobRun(db, name, at)` brings a run
 * forward (tests, a "run now" action).
 */
import type { Knex } from 'knex';
import { addParisDays, parisDate, parisMidnight } from '../../../shared/calendar/paris';
import { DEADLINE_KINDS } from './deadlines';
import { iso } from '../../data/rows';
import type { Tx } from '../../data/transaction';
import type { EngineDeadlinesRow } from '../../data/tables';

/** A job's row has refId 0: the partial unique index (kind, refId) WHERE pending then keeps one pending run per job. */
export const JOB_REF_ID = 0;

interface JobBase {
  /** The row's kind: lower-case letters, digits and `_`, at most 30 characters, unique. */
  name: string;
  /** When the run after one at `now` is due. */
  next(now: Date): Date;
  /** When the first run is due on a database that has none pending (default: now). */
  first?(now: Date): Date;
}

/** Database work: it runs in the claim's transaction, so its writes commit with the "done" mark — once. */
export interface TransactionalJob extends JobBase {
  run(tx: Tx): Promise<unknown>;
}

/**
 * Work outside the database (files): it runs once the claim (done mark + next run) has
 * committed, so at most once per period; a failure is logged and the next period tries again.
 */
export interface OutsideJob extends JobBase {
  runAfterClaim(now: Date): Promise<unknown>;
}

export type PeriodicJob = TransactionalJob | OutsideJob;

const JOB_NAME = /^[a-z][a-z0-9_]{0,29}$/;

/** The jobs one process handles; it claims only the rows of the kinds it knows. */
export class JobRegistry {
  private readonly jobs = new Map<string, PeriodicJob>();

  constructor(jobs: Iterable<PeriodicJob> = []) {
    for (const job of jobs) this.register(job);
  }

  /** Registering the same job object again does nothing; another job under a taken name is an error. */
  register(job: PeriodicJob): this {
    if (this.jobs.get(job.name) === job) return this;
    if (!JOB_NAME.test(job.name)) throw new Error(`periodic job name "${job.name}": lower-case letters, digits and _, at most 30 characters`);
    if ((DEADLINE_KINDS as readonly string[]).includes(job.name) || this.jobs.has(job.name)) throw new Error(`periodic job "${job.name}" is already a timer kind or a registered job`);
    this.jobs.set(job.name, job);
    return this;
  }

  get(name: string): PeriodicJob | undefined {
    return this.jobs.get(name);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  /** This registry and `other`'s jobs. */
  with(other: JobRegistry | undefined): JobRegistry {
    return new JobRegistry([...this.jobs.values(), ...(other ? other.jobs.values() : [])]);
  }
}

/** Every `ms`, on multiples of `ms` since the epoch: every process computes the same slots, and a run does not drift. */
export function every(ms: number): (now: Date) => Date {
  return (now) => new Date((Math.floor(now.getTime() / ms) + 1) * ms);
}

/** The next Paris midnight (Europe/Paris calendar: 23 h or 25 h after the last one on DST days). */
export function nextParisMidnight(now: Date): Date {
  return parisMidnight(addParisDays(parisDate(now), 1));
}

/** The next run after one at `now`, as a row to insert. */
export function nextRunRow(job: PeriodicJob, now: Date, first = false): Pick<EngineDeadlinesRow, 'kind' | 'refId' | 'dueAt' | 'status' | 'attempts'> {
  const dueAt = first ? (job.first ?? ((n: Date) => n))(now) : job.next(now);
  return { kind: job.name, refId: JOB_REF_ID, dueAt: iso(dueAt), status: 'pending', attempts: 0 };
}

/**
 * Gives every job without a pending run its first one (idempotent across processes: the
 * unique index keeps one pending row per job). A pending row of any refId counts, so a run
 * scheduled under another refId is not doubled.
 */
export async function ensureJobRuns(db: Knex, jobs: JobRegistry, now: Date): Promise<number> {
  const names = jobs.names();
  if (names.length === 0) return 0;
  const pending = new Set(((await db('engineDeadlines').distinct('kind').whereIn('kind', names).where('status', 'pending')) as { kind: string }[]).map((r) => r.kind));
  const missing = names.filter((n) => !pending.has(n));
  if (missing.length === 0) return 0;
  await db('engineDeadlines')
    .insert(missing.map((n) => nextRunRow(jobs.get(n)!, now, true)))
    .onConflict()
    .ignore();
  return missing.length;
}

/** Moves a job's pending run forward to `at` (or creates it when none is pending): the next worker step claims it. */
export async function requestJobRun(db: Knex | Knex.Transaction, name: string, at: Date): Promise<void> {
  const moved = await db('engineDeadlines').where({ kind: name, status: 'pending' }).where('dueAt', '>', iso(at)).update({ dueAt: iso(at), leaseUntil: null, leasedBy: null });
  if (moved > 0 || (await db('engineDeadlines').where({ kind: name, status: 'pending' }).first())) return;
  await db('engineDeadlines').insert({ kind: name, refId: JOB_REF_ID, dueAt: iso(at), status: 'pending', attempts: 0 }).onConflict().ignore();
}
