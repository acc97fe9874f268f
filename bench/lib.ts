/** Small helpers shared by the benchmark scripts: a server child process, percentiles, a login. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export interface ServerProcess {
  url: string;
  /** The server's DATABASE_URL and UPLOADS_DIR (for a backup taken beside it). */
  env: { DATABASE_URL: string; UPLOADS_DIR: string };
  child: ChildProcess;
  startedMs: number;
  stop(): Promise<void>;
}

/** Starts `npm start`'s entry point in a child process on a fresh database; resolves when `/` answers. */
export async function startServer(options: { port: number; env?: Record<string, string>; command?: string[] }): Promise<ServerProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-bench-'));
  const t0 = Date.now();
  const command = options.command ?? [path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), 'scripts/start.ts'];
  const env = {
    ...process.env,
    PORT: String(options.port),
    DATABASE_URL: path.join(dir, 'bench.sqlite'),
    UPLOADS_DIR: path.join(dir, 'uploads'),
    SESSION_SECRET: 'bench',
    NODE_ENV: 'production',
    // The demo accounts the benches sign in with are not enrolled in two-step sign-in.
    TOTP_REQUIRED_ROLES: 'none',
    ...options.env,
  };
  const child = spawn(command[0], command.slice(1), {
    cwd: PROJECT_ROOT,
    env,
    // The server's request log (one JSON line per request) goes to /dev/null unless
    // BENCH_VERBOSE=1: copying it through this process would cost the measuring side CPU.
    stdio: ['ignore', process.env.BENCH_VERBOSE === '1' ? 'pipe' : 'ignore', 'pipe'],
  });
  child.stdout?.on('data', (d) => process.stderr.write(`  | ${d}`));
  child.stderr?.on('data', (d) => process.stderr.write(`  | ${d}`));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not answer within 10 min');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    env: { DATABASE_URL: env.DATABASE_URL, UPLOADS_DIR: env.UPLOADS_DIR },
    child,
    startedMs: Date.now() - t0,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function login(url: string, email: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

/**
 * `--database <file>`: reuse an already seeded SQLite file (copied first, never changed)
 * instead of generating the demo marketplace again (~1 min). Returns the server's env.
 */
export function databaseFromArgs(args: readonly string[]): Record<string, string> | undefined {
  const i = args.indexOf('--database');
  if (i < 0) return undefined;
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'console-bench-db-')), 'demo.sqlite');
  copyFileSync(path.resolve(args[i + 1]), copy);
  return { DATABASE_URL: copy };
}


/** The value after `--name` in a script's arguments, if given. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** A figure for a report: `digits` decimals. */
export function round(x: number, digits = 2): number {
  return Number(x.toFixed(digits));
}
/** Resident memory of the server's process tree (tsx runs the server in a child of its own). */
export function rssMiB(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const child of children) kb += rssMiB(Number(child)) * 1024;
  } catch {
    // the process ended between two reads
  }
  return kb / 1024;
}
