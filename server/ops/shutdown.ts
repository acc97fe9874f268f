/**
 * Graceful shutdown. On SIGTERM/SIGINT the process:
 * 1. stops accepting connections (`server.close()`), and keeps closing keep-alive
 *    connections as soon as they fall idle, so that a browser's open socket does not hold
 *    the process;
 * 2. lets the requests in flight finish — an upload in progress completes (its file and its
 *    row are written together, server/uploads) — while the background jobs stop: their
 *    timers are cleared and a run in progress is awaited (never cut mid-transaction);
 * 3. closes the session store and the database pool, flushes the log, exits 0.
 * A request still running after `graceMs` (default 8 s) has its connection cut (its
 * transaction never commits, so it leaves nothing half-done); the process exits 1 at
 * `hardLimitMs` (10 s) whatever happens.
 */
import type { Server } from 'node:http';
import type { Logger } from './logging';

/**
 * A process-local ticker: `run` now, then `intervalMs` after each run ends (never overlapping
 * itself); `stop` clears the timer and waits for a run in progress. It drives the engine
 * worker. Periodic *work* is not started here: a ticker runs in every process, so work that
 * must happen once per period whatever the number of processes is a registered job, claimed
 * by one of them (server/engine/live/periodicJobs.ts, wired in server/jobs.ts).
 */
export interface Periodic {
  stop(): Promise<void>;
}

export function startPeriodic(name: string, run: () => Promise<unknown>, intervalMs: number, onError: (err: unknown, name: string) => void): Periodic {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = null;
    if (stopped) return;
    running = run()
      .then(
        () => undefined,
        (err) => onError(err, name),
      )
      .finally(() => {
        running = null;
        if (!stopped) {
          timer = setTimeout(tick, intervalMs);
          timer.unref();
        }
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Stopped in parallel with the requests draining (background jobs). */
  stopJobs: Array<() => Promise<void> | void>;
  /** Run once the server is closed and the jobs stopped, in order (session store, database). */
  release: Array<() => Promise<void> | void>;
  graceMs?: number;
  hardLimitMs?: number;
  exit?: (code: number) => void;
}

/** Returns the signal handler; calling it twice does nothing more. */
export function gracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { server, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | null = null;

  const run = async (signal: string) => {
    const t0 = Date.now();
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const hard = setTimeout(() => {
      logger.error({ signal, afterMs: Date.now() - t0 }, 'shutdown did not finish in time: exiting');
      logger.flush?.();
      exit(1);
    }, options.hardLimitMs ?? 10_000);
    hard.unref();
    const cut = setTimeout(() => {
      logger.warn({ signal }, 'requests still running after the grace period: closing their connections');
      server.closeAllConnections();
    }, options.graceMs ?? 8_000);
    cut.unref();
    // Keep-alive sockets that finish their request while we wait are closed as soon as they are idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const jobs = Promise.all(
      options.stopJobs.map(async (stop) => {
        try {
          await stop();
        } catch (err) {
          logger.error({ err }, 'a background job failed while stopping');
        }
      }),
    );
    await Promise.all([closed, jobs]);
    clearInterval(idle);
    clearTimeout(cut);
    let code = 0;
    for (const release of options.release) {
      try {
        await release();
      } catch (err) {
        code = 1;
        logger.error({ err }, 'releasing a resource failed during shutdown');
      }
    }
    clearTimeout(hard);
    logger.info({ signal, durationMs: Date.now() - t0, exitCode: code }, 'shutdown complete');
    logger.flush?.();
    exit(code);
  };

  return (signal: string) => {
    stopping ??= run(signal);
    return stopping;
  };
}
