/**
 * One process at a time prepares a database (migrations, then the demo data on an empty
 * one): knex's own migration lock does not cover it — two processes migrating a new
 * database both create `knex_migrations` and one fails, and on SQLite the second fails with
 * "database is locked" even when there is nothing to apply; and "empty? → seed" would load
 * the demo twice. The lock is held by the operating system or the server on behalf of a
 * connection of its own, so a process that dies releases it:
 * - PostgreSQL: a session advisory lock (per schema) on a dedicated connection;
 * - SQLite: a write transaction (BEGIN IMMEDIATE) on a small lock database beside the file.
 * The other processes wait, then find the work done.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import pg from 'pg';

export interface StartupLockOptions {
  /** Called once when another process holds the lock and this one starts waiting. */
  onWait?: () => void;
  /** How often SQLite retries the lock (default 200 ms). */
  pollMs?: number;
}

/** The 64-bit advisory lock key of a schema: the same in every process. */
function advisoryKey(schema: string): string {
  return createHash('sha256').update(`console-startup:${schema}`).digest().readBigInt64BE(0).toString();
}

async function withAdvisoryLock<T>(db: Knex, fn: () => Promise<T>, options: StartupLockOptions): Promise<T> {
  const config = db.client.config as { connection: string | pg.ClientConfig; searchPath?: string | string[] };
  const schema = [config.searchPath ?? 'public'].flat()[0] ?? 'public';
  const client = new pg.Client(typeof config.connection === 'string' ? { connectionString: config.connection } : config.connection);
  await client.connect();
  try {
    // The connection's statement_timeout (a request's bound) would cancel the wait of an instance
    // that starts while another loads the demo (a minute and more): this dedicated session waits as long as it takes.
    await client.query('SET statement_timeout = 0');
    const key = advisoryKey(schema);
    const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
    if (!got.rows[0]?.ok) {
      options.onWait?.();
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    }
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    }
  } finally {
    await client.end();
  }
}

async function withFileLock<T>(filename: string, fn: () => Promise<T>, options: StartupLockOptions): Promise<T> {
  // The lock lives in a file of its own: holding a write transaction on the database itself
  // would block this process's own migrations and seed.
  const lock = new Database(`${filename}-startup-lock`);
  try {
    lock.pragma('busy_timeout = 0');
    let waiting = false;
    for (;;) {
      try {
        lock.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        if (!waiting) options.onWait?.();
        waiting = true;
        await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
      }
    }
    try {
      return await fn();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

/** Runs `fn` while no other process runs it on the same database (schema, on PostgreSQL). */
export async function withStartupLock<T>(db: Knex, fn: () => Promise<T>, options: StartupLockOptions = {}): Promise<T> {
  if (db.client.config.client === 'pg') return withAdvisoryLock(db, fn, options);
  const filename = String((db.client.config.connection as { filename?: string } | undefined)?.filename ?? '');
  // An in-memory database belongs to one connection of one process: nothing to share.
  if (filename === '' || filename === ':memory:') return fn();
  return withFileLock(filename, fn, options);
}
