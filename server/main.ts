/**
 * The server process: reads the configuration, migrates, loads the demo data on an
 * empty database, listens, and shuts down cleanly on SIGTERM/SIGINT.
 */
import { mkdirSync } from 'node:fs';
import { createApp } from './app';
import { loadConfig } from './config';
import { createDb, isPostgresUrl } from './db';
import { migrateLatest } from '../db/migrate';
import { isEmpty } from '../db/seeds/demo';
import { seedMarketplace } from '../db/seeds/marketplace';
import { progressReporter } from './startupProgress';
import { SCALES, type ScaleName } from './engine/sim/population';
import { systemClock } from './clock';
import { startVerificationSweeper } from './verification/fileStatus';
import { startEngineWorker } from './engine/live/worker';

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
  const built = createApp({ db, config });
  // REF-8: expired documents and incomplete active files are swept hourly (issue 4).
  const stopSweeper = startVerificationSweeper({ db, clock: systemClock });
  // The live engine's timers (DSP-5/11/12, REV-2, PAY-3, LIM-6, SCO-6), every 5 s (issue 3).
  const engineWorker = startEngineWorker({ db, clock: systemClock, intervalMs: 5_000 });
  const server = built.app.listen(config.port, () => {
    console.log(`[start] console ready on http://localhost:${config.port} (demo accounts: admin@demo.test … / demo1234)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[stop] ${signal}: closing…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      stopSweeper();
      await engineWorker.stop();
      built.close();
      await db.destroy();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
