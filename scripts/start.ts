/**
 * `npm start`: builds the console when it is missing or older than its sources,
 * then starts the server (which migrates and loads the demo data on an empty database).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';

const SOURCES = ['admin', 'shared', 'vite.config.ts', 'package-lock.json'];
const BUILT = path.join(PROJECT_ROOT, 'admin', 'dist', 'index.html');

function newestMtime(p: string): number {
  const full = path.join(PROJECT_ROOT, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function spaIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

if (spaIsStale()) {
  console.log('[start] building the console (vite build)…');
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('[start] the console build failed: see the errors above.');
    process.exit(result.status ?? 1);
  }
  console.log(`[start] console built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} else {
  console.log('[start] console build is up to date');
}

const { main } = await import('../server/main');
await main();
