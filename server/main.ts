/**
 * The server process: reads the configuration, migrates, loads the demo data on an
 * empty database (one process at a time: db/prepare.ts), removes the temp files a killed
 * process left, listens, runs the engine worker with the server's periodic jobs, and shuts
 * down cleanly on SIGTERM/SIGINT. Several processes may share one PostgreSQL database and
 * one uploads folder.
 */
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { loadConfig } from './config';
import { createDb, isPostgresUrl } from './db';
import { prepareDatabase } from '../db/prepare';
import { seedMarketplace } from '../db/seeds/marketplace';
import { pgLoaderFromEnv } from '../db/seeds/bulkLoad';
import { progressReporter } from './startupProgress';
import { SCALES, type ScaleName } from './engine/sim/population';
import { systemClock } from './clock';
import { startEngineWorker } from './engine/live/worker';
import { serverJobs } from './jobs';
import { createLogger, scrubText } from './ops/logging';
import { gracefulShutdown } from './ops/shutdown';
import { REQUEST_TIMEOUT_MS, removeStaleParts } from './uploads/removeStaleParts';

const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface MainOptions {
  /** Work that must finish before the server listens (npm start builds the console meanwhile, on the other core). */
  beforeListen?: Promise<unknown>;
}

/** DEMO_SCALE: `default` (~1,500 partners), `large` (~20,000, for benchmarks) or `test`. */
function demoScale(): ScaleName {
  const raw = process.env.DEMO_SCALE || 'default';
  if (!(raw in SCALES)) throw new Error(`DEMO_SCALE must be one of ${Object.keys(SCALES).join(', ')}, got "${raw}"`);
  return raw as ScaleName;
}

export async function main(options: MainOptions = {}): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.uploadsDir, { recursive: true });
  const db = createDb(config.databaseUrl);
  const where = isPostgresUrl(config.databaseUrl) ? 'PostgreSQL' : `SQLite (${config.databaseUrl})`;

  const { applied } = await prepareDatabase(db, {
    onWait: () => console.log('[start] another instance is preparing the database: waiting for it'),
    seed: async () => {
      const t0 = Date.now();
      const scale = demoScale();
      console.log(`[start] empty database: generating the demo marketplace (scale ${scale}) with the engine's simulator…`);
      const stats = await seedMarketplace(db, { now: new Date(), scale, pgLoader: pgLoaderFromEnv(), uploadsDir: config.uploadsDir, onProgress: progressReporter() });
      console.log(`[start] demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`);
      return stats;
    },
  });
  console.log(`[start] database: ${where}; ${applied.length} migration(s) applied`);
  const debris = await removeStaleParts(config.uploadsDir, { now: new Date() });
  if (debris.length) console.log(`[start] ${debris.length} temp file(s) left by an interrupted upload removed`);

  await options.beforeListen;
  const logger = createLogger();
  const built = createApp({ db, config, logger });
  // Every 5 s: the live engine's timers (DSP-5/11/12, REV-2, PAY-3, LIM-6) and the periodic
  // jobs (SCO-6 daily recompute, REF-8 sweep, LIM-10 signals, uploads clean-up), each run
  // claimed by one process.
  const engineWorker = startEngineWorker({
    db,
    clock: systemClock,
    jobs: serverJobs({ uploadsDir: config.uploadsDir }),
    intervalMs: 5_000,
    log: (msg, extra) => logger.error({ ...extra, job: 'engine worker' }, scrubText(msg)),
  });
  const server = built.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port }, 'listening');
    console.log(`[start] console ready on http://localhost:${port} (demo accounts: admin@demo.test … / demo1234)`);
  });
  // The uploads clean-up's age bound is derived from it (server/uploads/removeStaleParts.ts).
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Behind a load balancer, its pooled connections must outlive its own idle timeout (60 s on
  // the common ones): with Node's 5 s default this process closes a connection the balancer is
  // just reusing, and that request fails there with a 502.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  // Stop accepting, finish requests in flight, stop the worker (its step in progress ends), close the database, exit 0 (server/ops/shutdown.ts).
  const stop = gracefulShutdown({
    server,
    logger,
    // Live-update streams never end by themselves: they are ended first, with the worker.
    stopJobs: [() => engineWorker.stop(), () => built.endStreams()],
    release: [() => built.close(), () => db.destroy()],
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// `tsx server/main.ts`: the server alone, without npm start's console build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
