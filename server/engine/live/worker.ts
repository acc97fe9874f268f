/**
 * The live engine's worker: every few seconds it runs the discrete-event loop's step
 * (`processDueDeadlines`) on the real clock — the engine's timers and every periodic job
 * (periodicJobs.ts) the process registered. Never overlaps itself (the next tick is
 * scheduled when the current one has finished; a manual `runOnce` joins a running one),
 * stoppable (`stop` waits for the tick in progress), and safe with several server processes
 * on one database: every row, timer or job run, is claimed by one of them (SKIP LOCKED and
 * leases, see processDeadlines.ts).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock';
import { startPeriodic, type Periodic } from '../../ops/shutdown';
import { dailyRecomputeJob, engineJobs } from './dailyRecompute';
import { ensureJobRuns, requestJobRun, type JobRegistry } from './periodicJobs';
import { newWorkerId, processDueDeadlines, type ProcessSummary } from './processDeadlines';
import { reconcileTimers } from './reconcile';
import type { JsonObject } from '../../../shared/json';

export interface EngineWorker {
  readonly workerId: string;
  /** One step now (or the step already running). */
  runOnce(): Promise<ProcessSummary>;
  /** Stops the timer and waits for a step in progress. */
  stop(): Promise<void>;
}

export interface EngineWorkerOptions {
  db: Knex;
  clock: Clock;
  /** The periodic jobs of the process's capabilities (server/jobs.ts); the engine's own are always handled. */
  jobs?: JobRegistry;
  /** Default 5 s. */
  intervalMs?: number;
  workerId?: string;
  /** Where a failed step goes, with its log fields (the deadline's id and kind). */
  log?: (msg: string, extra?: JsonObject) => void;
  /** Start ticking at once (default true); false gives a worker driven by runOnce only (tests). */
  autoStart?: boolean;
}

export function startEngineWorker(options: EngineWorkerOptions): EngineWorker {
  const workerId = options.workerId ?? newWorkerId();
  const jobs = engineJobs().with(options.jobs);
  const log = options.log ?? ((msg, extra) => console.error(JSON.stringify({ level: 'error', msg, ...extra })));
  const deps = { db: options.db, clock: options.clock };
  let running: Promise<ProcessSummary> | null = null;
  let started = false;

  const step = async (): Promise<ProcessSummary> => {
    if (!started) {
      // Rows left without their timers (a seed, another writer) are adopted: idempotent and
      // conditional (one pending timer per row, a review published once), so every process may.
      await reconcileTimers(deps);
      await ensureJobRuns(options.db, jobs, options.clock.now());
      // SCO-6: a database the live engine never scored gets its daily recompute now — claimed
      // like any run, so two processes starting at once compute it once.
      if (!(await options.db('engineState').where('key', 'platformMean').first())) await requestJobRun(options.db, dailyRecomputeJob.name, options.clock.now());
      started = true;
    } else {
      // A job whose row was removed (or never made by an older version) gets its run back.
      await ensureJobRuns(options.db, jobs, options.clock.now());
    }
    return processDueDeadlines(deps, {
      workerId,
      jobs,
      onError: (err, d) => log(`engine deadline ${d.kind} #${d.id} failed: ${(err as Error)?.message}`, { deadlineId: d.id, kind: d.kind }),
    });
  };

  const runOnce = (): Promise<ProcessSummary> => {
    if (running) return running;
    running = step().finally(() => {
      running = null;
    });
    return running;
  };

  const ticker: Periodic | null =
    options.autoStart === false ? null : startPeriodic('engine worker', runOnce, options.intervalMs ?? 5_000, (err) => log(`engine worker step failed: ${(err as Error)?.message}`));

  return {
    workerId,
    runOnce,
    async stop() {
      await ticker?.stop();
      if (running) await running.catch(() => undefined);
    },
  };
}
