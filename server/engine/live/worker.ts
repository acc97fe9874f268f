/**
 * The live engine's worker: every few seconds it runs the discrete-event loop's step
 * (`processDueDeadlines`) on the real clock. Never overlaps itself (the next tick is
 * scheduled when the current one has finished; a manual `runOnce` joins a running one),
 * stoppable (`stop` waits for the tick in progress), and safe with several server processes
 * on one PostgreSQL (claims with SKIP LOCKED and leases, see processDeadlines.ts).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock';
import { newWorkerId, processDueDeadlines, scheduleDailyRecompute, type ProcessSummary } from './processDeadlines';
import { reconcileTimers } from './reconcile';
import { recomputeAllScores } from './scores';

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
  /** Default 5 s. */
  intervalMs?: number;
  workerId?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Start ticking at once (default true); false gives a worker driven by runOnce only (tests). */
  autoStart?: boolean;
}

export function startEngineWorker(options: EngineWorkerOptions): EngineWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  const workerId = options.workerId ?? newWorkerId();
  const log = options.log ?? ((msg, extra) => console.error(JSON.stringify({ level: 'error', msg, ...extra })));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<ProcessSummary> | null = null;
  let started = false;

  const step = async (): Promise<ProcessSummary> => {
    if (!started) {
      // Rows left without their timers (a seed, another writer) are adopted; and SCO-6: one
      // pending daily recompute at the next Paris midnight. Both idempotent across processes.
      await reconcileTimers({ db: options.db, clock: options.clock });
      // SCO-6: the live engine's first start computes every breakdown and the platform mean
      // (later, the daily recompute keeps them current).
      if (!(await options.db('engineState').where('key', 'platformMean').first())) await recomputeAllScores({ db: options.db, clock: options.clock });
      await scheduleDailyRecompute(options.db, options.clock.now());
      started = true;
    }
    return processDueDeadlines(
      { db: options.db, clock: options.clock },
      { workerId, onError: (err, d) => log(`engine deadline ${d.kind} #${d.id} failed: ${(err as Error)?.message}`, { deadlineId: d.id, kind: d.kind }) },
    );
  };

  const runOnce = (): Promise<ProcessSummary> => {
    if (running) return running;
    running = step().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = async () => {
    timer = null;
    if (stopped) return;
    try {
      await runOnce();
    } catch (err) {
      log(`engine worker step failed: ${(err as Error)?.message}`);
    }
    if (!stopped) {
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    }
  };

  if (options.autoStart !== false) {
    timer = setTimeout(tick, 0);
    timer.unref();
  }

  return {
    workerId,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
  };
}
