/**
 * `npm run backup -- <dir>` and `npm run restore -- <dir>` (server/ops/backup.ts), on the
 * database and uploads folder of the environment (DATABASE_URL, UPLOADS_DIR — the server's
 * own settings). A backup may run while the server runs; a restore needs an empty database
 * and an empty uploads folder (stop the server first).
 */
import { pathToFileURL } from 'node:url';
import { databaseUrlFromEnv, uploadsDirFromEnv } from '../config';
import { backup, restore } from './backup';

const USAGE = 'usage: npm run backup -- <backup folder>   |   npm run restore -- <backup folder>';

export async function cli(argv: string[]): Promise<number> {
  const [command, dir, ...rest] = argv;
  if ((command !== 'backup' && command !== 'restore') || !dir || rest.length) {
    console.error(USAGE);
    return 2;
  }
  const log = (msg: string) => console.log(`[${command}] ${msg}`);
  const databaseUrl = databaseUrlFromEnv();
  const uploadsDir = uploadsDirFromEnv();
  // Never print a PostgreSQL URL's password.
  const where = databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    if (command === 'backup') {
      log(`${where} + ${uploadsDir} → ${dir}`);
      const m = await backup({ databaseUrl, uploadsDir, target: dir, log });
      const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
      log(`done in ${(m.durationMs / 1000).toFixed(1)} s: ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.files.length} files (manifest.json)`);
    } else {
      log(`${dir} → ${where} + ${uploadsDir}`);
      const t0 = Date.now();
      const m = await restore({ source: dir, databaseUrl, uploadsDir, log });
      log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${Object.keys(m.tables).length} tables and ${m.files.length} files restored and verified against the manifest`);
    }
    return 0;
  } catch (err) {
    console.error(`[${command}] failed: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await cli(process.argv.slice(2));
}
