/**
 * List reads kept for a few seconds while nothing they read has been written (issue 2,
 * list p95 target):
 * - totals (`Content-Range: … /total`) on both databases — counting is the costly half of a
 *   list page on big tables (all completed orders: ~60,000 index entries, ~5 ms on SQLite,
 *   on every page turn);
 * - the page's rows on SQLite, where this process is the only writer (SQLite is one process
 *   by design), so it sees every write. On PostgreSQL another instance may write: rows are
 *   always read fresh there, and only a total may lag, by `TTL_MS` at most.
 *
 * A value is reused only if the same SQL with the same bindings ran less than its TTL ago
 * and no table it reads has been written by this process since (server/http/tableWrites.ts).
 * The TTL is short where another writer may exist (PostgreSQL: `TTL_MS`) and long on
 * SQLite (`SQLITE_TTL_MS`), where the stamps already see every write: it only bounds what a
 * tool writing the file from another process could leave stale. At a million orders a
 * total costs ~60 ms and a search's ~30 ms — re-counted every 5 s, they held every other
 * request behind them (issue 3 list target).
 * Cached rows are frozen: callers mask or reshape them into new objects, never in place.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';
import { tableWrites } from './tableWrites';

const TTL_MS = 5_000;
const SQLITE_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

/** How long cachedRead/cachedCount keep a value while the stamps are unchanged. */
export function readTtlMs(db: Knex): number {
  return isPostgres(db) ? TTL_MS : SQLITE_TTL_MS;
}

interface Entry {
  stamp: string;
  at: number;
  value: unknown;
}

const caches = new WeakMap<Knex, Map<string, Entry>>();

/** The value kept under `key` if its stamp is unchanged and it is younger than `ttlMs`; else computed and kept. */
async function remember<T>(db: Knex, key: string, stamp: string, ttlMs: number, now: () => number, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && now() - hit.at < ttlMs) return hit.value as T;
  const value = await compute();
  cache.delete(key); // re-inserted below: the Map's order is the recency order
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  // Stamped with the generations seen *before* reading: a write that lands meanwhile
  // makes this entry stale at once instead of hiding behind it.
  cache.set(key, { stamp, at: now(), value });
  return value;
}

export async function cachedRead<T>(db: Knex, query: Knex.QueryBuilder, decode: (rows: unknown[]) => T, now: () => number = Date.now): Promise<T> {
  const compiled = query.toSQL();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.bindings)}`;
  return remember(db, key, tableWrites(db).stampOf(compiled.sql), readTtlMs(db), now, async () => decode((await query) as unknown[]));
}

export function cachedCount(db: Knex, countQuery: Knex.QueryBuilder, now?: () => number): Promise<number> {
  return cachedRead(db, countQuery, (rows) => Number((rows[0] as { total: number | string }).total), now);
}

/**
 * A whole answer computed from several queries (the verification checklist and queue), kept
 * on SQLite while none of `tables` — every table `compute` reads — has been written, and
 * `TTL_MS` at most (what depends on the clock, like "expires in 30 days", moves that late at
 * worst). `key` must hold everything else the answer depends on (URL, caller). On PostgreSQL
 * it is computed every time.
 */
export async function cachedAnswer<T>(db: Knex, key: string, tables: readonly string[], compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  if (isPostgres(db)) return compute();
  return remember(db, `answer\u0000${key}`, tableWrites(db).stampOfTables(tables), TTL_MS, now, compute);
}
