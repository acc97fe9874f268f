/**
 * The server process: reads the configuration, migrates, loads the demo data on an
 * empty database, listens, and shuts down cleanly on SIGTERM/SIGINT.
 */
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { loadConfig } from './config';
import { createDb, isPostgresUrl } from './db';
import { migrateLatest } from '../db/migrate';
import { isEmpty } from '../db/seeds/demo';
import { seedMarketplace } from '../db/seeds/marketplace';
import { progressReporter } from './startupProgress';
import { SCALES, type ScaleName } from './engine/sim/population';
import { systemClock } from './clock';
import { sweepVerification } from './verification/fileStatus';
import { startEngineWorker } from './engine/live/worker';
import { createLogger, scrubText } from './ops/logging';
import { gracefulShutdown, startPeriodic } from './ops/shutdown';

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

  const applied = await migrateLatest(db);
  console.log(`[start] database: ${where}; ${applied.length} migration(s) applied`);
  if (await isEmpty(db)) {
    const t0 = Date.now();
    const scale = demoScale();
    console.log(`[start] empty database: generating the demo marketplace (scale ${scale}) with the engine's simulator…`);
    const stats = await seedMarketplace(db, { now: new Date(), scale, uploadsDir: config.uploadsDir, onProgress: progressReporter() });
    console.log(`[start] demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`);
  }

  await options.beforeListen;
  const logger = createLogger();
  const built = createApp({ db, config, logger });
  // REF-8: expired documents and incomplete active files are swept hourly (issue 4).
  const sweeper = startPeriodic('verification sweep', () => sweepVerification({ db, clock: systemClock }), 3600_000, (err, name) =>
    logger.error({ err, job: name }, 'background job failed'),
  );
  // The live engine's timers (DSP-5/11/12, REV-2, PAY-3, LIM-6, SCO-6), every 5 s (issue 3).
  const engineWorker = startEngineWorker({ db, clock: systemClock, intervalMs: 5_000, log: (msg, extra) => logger.error({ ...extra, job: 'engine worker' }, scrubText(msg)) });
  const server = built.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port }, 'listening');
    console.log(`[start] console ready on http://localhost:${port} (demo accounts: admin@demo.test … / demo1234)`);
  });

  // Issue 8: stop accepting, finish requests in flight, stop the timers, close the database, exit 0 (server/ops/shutdown.ts).
  const stop = gracefulShutdown({
    server,
    logger,
    stopJobs: [() => sweeper.stop(), () => engineWorker.stop()],
    release: [() => built.close(), () => db.destroy()],
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// `tsx server/main.ts`: the server alone, without npm start's console build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
