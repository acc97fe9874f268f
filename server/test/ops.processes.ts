/**
 * Helpers for the tests that run the real server process (`tsx server/main.ts`): a free
 * loopback port, a migrated and seeded database of its own (SQLite file, or a PostgreSQL
 * database created and dropped when TEST_DATABASE_URL is set), a signed-in cookie.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { createDb } from '../db';
import { migrateLatest } from '../../db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../../db/seeds/demo';
import { afterAll, beforeAll } from 'vitest';
import { TEST_NOW } from './harness';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** `tsx server/main.ts` on a free loopback port, with the given environment; resolves once /api/health answers. */
export async function spawnServer(env: Record<string, string>): Promise<ServerChild> {
  const port = await freePort();
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), SESSION_SECRET: 'ops-test', NODE_ENV: 'production', LOG_LEVEL: 'info', TOTP_REQUIRED_ROLES: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { child, url, output: () => out, exited };
}

/** The server's own pid, from its JSON log: tsx runs the server in a child process, and SIGKILL cannot be relayed. */
export function serverPid(s: ServerChild): number {
  const listening = s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg?: string; pid?: number })
    .find((l) => l.msg === 'listening');
  if (!listening?.pid) throw new Error(`no "listening" log line: ${s.output()}`);
  return listening.pid;
}

/** Kills the server process itself (not only tsx's wrapper) and waits for the wrapper to go. */
export async function killServer(s: ServerChild, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  try {
    process.kill(serverPid(s), signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
  await s.exited;
}

export async function loginCookie(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

/**
 * A database of its own for a server process: an SQLite file, or (TEST_DATABASE_URL) a
 * PostgreSQL database created for the test and dropped after. Migrated and seeded, unless
 * `empty` (what a first start finds).
 */
export async function processDatabase(dir: string, uploadsDir?: string, options: { empty?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let url = path.join(dir, 'console.sqlite');
  let drop = async () => {};
  if (pgUrl) {
    const name = `ops_proc_${randomBytes(4).toString('hex')}`;
    const admin = createDb(pgUrl, { poolMax: 1 });
    await admin.raw('CREATE DATABASE ??', [name]);
    await admin.destroy();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = createDb(pgUrl, { poolMax: 1 });
      await a.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await a.destroy();
    };
  }
  if (options.empty) return { url, drop };
  const db = createDb(url, { poolMax: 2 });
  await migrateLatest(db);
  await seedDemo(db, { now: TEST_NOW, uploadsDir });
  await db.destroy();
  return { url, drop };
}


/**
 * One server process for a describe block, on a seeded database and uploads folder of its
 * own: started before its tests (`server` is read inside them), killed if still running and
 * its database dropped after.
 */
export interface SuiteServer {
  readonly server: ServerChild;
  /** Its working folder (its uploads are under `uploads/`). */
  readonly dir: string;
  readonly databaseUrl: string;
}

export function serverProcessPerSuite(prefix: string): SuiteServer {
  let dir = '';
  let server: ServerChild | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
    database = await processDatabase(dir);
    server = await spawnServer({ DATABASE_URL: database.url, UPLOADS_DIR: path.join(dir, 'uploads') });
  }, 90_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server process is not started yet (read it inside a test)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get dir() {
      return started(dir || undefined);
    },
    get databaseUrl() {
      return started(database?.url);
    },
  };
}
