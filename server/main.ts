/**
 * The server process: reads the configuration, migrates, loads the demo data on an
 * empty database, listens, and shuts down cleanly on SIGTERM/SIGINT.
 */
import { mkdirSync } from 'node:fs';
import { createApp } from './app';
import { loadConfig } from './config';
import { createDb, isPostgresUrl } from './db';
import { migrateLatest } from '../db/migrate';
import { isEmpty, seedDemo } from '../db/seeds/demo';

export async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.uploadsDir, { recursive: true });
  const db = createDb(config.databaseUrl);
  const where = isPostgresUrl(config.databaseUrl) ? 'PostgreSQL' : `SQLite (${config.databaseUrl})`;

  const applied = await migrateLatest(db);
  console.log(`[start] database: ${where}; ${applied.length} migration(s) applied`);
  if (await isEmpty(db)) {
    const t0 = Date.now();
    console.log('[start] empty database: loading the demo marketplace…');
    const summary = await seedDemo(db, { now: new Date() });
    console.log(`[start] demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  }

  const built = createApp({ db, config });
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
      built.close();
      await db.destroy();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
