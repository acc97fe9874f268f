/**
 * Health endpoints, public, for a load balancer or an orchestrator:
 * - `GET /api/health`: the process answers → 200 `{status: 'ok'}` (liveness; touches nothing);
 * - `GET /api/health/ready`: the instance can serve → 200, or 503 naming the failing checks:
 *   `database` (a query answers within 3 s), `migrations` (every known migration applied —
 *   an instance of newer code on an older schema must not take traffic), `uploads` (the
 *   uploads folder takes a file: written, then removed), `pool` (the database pool is not
 *   saturated: failing while every connection is busy and more than DATABASE_POOL_QUEUE_LIMIT
 *   queries wait for one — an instance that would make each new request queue behind them).
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { DATABASE_DEFAULTS } from '../config';
import { migrationsCurrent } from '../../db/migrate';
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { liveAnswer, readyAnswer } from './answers';

export type CheckName = 'database' | 'migrations' | 'uploads' | 'pool';
export interface CheckResult {
  ok: boolean;
  /** Why it failed (an operator's hint; never personal data). */
  error?: string;
}

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(fn: () => Promise<unknown>): Promise<CheckResult> {
  try {
    const ok = await fn();
    return ok === false ? { ok: false, error: 'pending migrations' } : { ok: true };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, error: e.code ? `${e.code}` : (e.message ?? String(err)).slice(0, 200) };
  }
}

/** The parts of knex's pool (tarn.js) the pool check reads. */
interface PoolStats {
  max: number;
  numUsed(): number;
  numPendingAcquires(): number;
}

/** Every connection busy and more than `queueLimit` queries waiting: the instance is saturated. */
export function poolCheck(db: Knex, queueLimit: number): CheckResult {
  const pool = (db.client as { pool?: PoolStats }).pool;
  if (!pool) return { ok: true };
  const used = pool.numUsed();
  const waiting = pool.numPendingAcquires();
  if (used >= pool.max && waiting > queueLimit) {
    return { ok: false, error: `pool saturated: all ${pool.max} connections busy, ${waiting} queries waiting (limit ${queueLimit})` };
  }
  return { ok: true };
}

export async function readiness(db: Knex, uploadsDir: string, poolQueueLimit: number = DATABASE_DEFAULTS.poolQueueLimit): Promise<Record<CheckName, CheckResult>> {
  // Read first: the database check below takes a connection of its own.
  const pool = poolCheck(db, poolQueueLimit);
  const database = await check(() => withTimeout(db.raw('select 1'), 'the database'));
  // Migrations can only be read from a reachable database.
  const migrations = database.ok ? await check(() => withTimeout(migrationsCurrent(db), 'the migration table')) : { ok: false, error: 'database unreachable' };
  const uploads = await check(async () => {
    const probe = path.join(uploadsDir, `.ready-${randomBytes(6).toString('hex')}`);
    await writeFile(probe, 'ok', { flag: 'wx' });
    await rm(probe, { force: true });
  });
  return { database, migrations, uploads, pool };
}

export function registerHealthRoutes(api: ApiRouter, deps: RouteDeps): void {
  api.add({ method: 'get', path: '/health', access: { kind: 'public' }, summary: 'Liveness: the process answers', tag: 'meta', status: 200, answer: liveAnswer }, (_req, res) => {
    res.json({ status: 'ok' });
  });
  api.add(
    {
      method: 'get',
      path: '/health/ready',
      access: { kind: 'public' },
      summary: 'Readiness: database reachable, migrations current, uploads folder writable, database pool not saturated',
      tag: 'meta',
      status: 200,
      answer: readyAnswer,
      response: 'A failing check answers 503 `{status: "unavailable", failing: [names], checks}`.',
    },
    async (_req, res) => {
      const checks = await readiness(deps.db, deps.config.uploadsDir, deps.config.databasePoolQueueLimit);
      const failing = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name].ok);
      const body = {
        status: failing.length ? 'unavailable' : 'ok',
        ...(failing.length ? { failing } : {}),
        checks: Object.fromEntries(Object.entries(checks).map(([name, r]) => [name, r.ok ? 'ok' : `failing: ${r.error}`])),
      };
      res.status(failing.length ? 503 : 200).json(body);
    },
  );
}
