/**
 * Builds the console (vite build) when it is missing or older than its sources.
 * Used by `npm start` and by the browser suite's global set-up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';

const SOURCES = ['admin', 'shared', 'vite.config.ts', 'package-lock.json'];
export const SPA_DIR = path.join(PROJECT_ROOT, 'admin', 'dist');
const BUILT = path.join(SPA_DIR, 'index.html');

function newestMtime(p: string): number {
  const full = path.join(PROJECT_ROOT, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    // Tests and build output do not change what the browser gets.
    if (['dist', 'node_modules', 'test', 'e2e'].includes(entry.name) || entry.name.startsWith('.')) continue;
    if (/\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function spaIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

const VITE_BUILD = [path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'];

/**
 * Always the production bundle: the build would otherwise inherit its caller's NODE_ENV (the
 * browser suite runs under vitest, NODE_ENV=test) and ship react-admin's development paths,
 * which log every refused request to the console as an error.
 */
const BUILD_OPTIONS = { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'production' } };

/** Returns the seconds the build took, or null when it was up to date. */
export function ensureSpaBuilt(log: (line: string) => void = console.log): number | null {
  if (!spaIsStale()) return null;
  log('[start] building the console (vite build)…');
  const t0 = Date.now();
  const result = spawnSync(process.execPath, VITE_BUILD, {
    ...BUILD_OPTIONS,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The console build failed: see the errors above.');
  const seconds = (Date.now() - t0) / 1000;
  log(`[start] console built in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Starts the build in a child process when needed; resolves with the seconds it took, or null when up to date. */
export function buildSpaInBackground(log: (line: string) => void = console.log): Promise<number | null> {
  if (!spaIsStale()) return Promise.resolve(null);
  log('[start] building the console (vite build) in the background…');
  const t0 = Date.now();
  const child = spawn(process.execPath, VITE_BUILD, {
    ...BUILD_OPTIONS,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error('The console build failed: see the errors above.'));
      const seconds = (Date.now() - t0) / 1000;
      log(`[start] console built in ${seconds.toFixed(1)} s`);
      resolve(seconds);
    });
  });
}
