/**
 * List reads kept while nothing they read has been written — on SQLite only.
 *
 * SQLite is one server process by design: that process is the only writer, so it sees every
 * write (server/http/tableWrites.ts) and can keep a page's rows and its total (`Content-Range:
 * … /total`, the costly half of a list page on big tables) until a table they read changes.
 * A value is reused only if the same SQL with the same bindings ran less than `SQLITE_TTL_MS`
 * ago and no table it reads has been written by this process since; the TTL only bounds what a
 * tool writing the file from another process could leave stale.
 *
 * PostgreSQL: nothing is kept across requests — every list read is fresh, so a page read on one
 * instance right after a write on another already shows it (staleness zero). Several instances
 * share the database and a process cannot see the others' writes; rather than invalidating
 * across instances (LISTEN/NOTIFY), the reads are made cheap enough to run every time: trigram
 * indexes for `q` (db/migrations/010_pg_trigram.ts) and B-tree indexes for the filters and sorts.
 * Cached rows are frozen: callers mask or reshape them into new objects, never in place.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';
import { tableWrites } from './tableWrites';

const SQLITE_TTL_MS = 60_000;
/** cachedAnswer: what depends on the clock ("expires in 30 days") moves at most this late. */
const ANSWER_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/** How long cachedRead/cachedCount keep a value while the stamps are unchanged (0: never kept). */
export function readTtlMs(db: Knex): number {
  return isPostgres(db) ? 0 : SQLITE_TTL_MS;
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

/** The query's rows, decoded: kept on SQLite while its tables are unwritten, read every time on PostgreSQL. */
export async function cachedRead<T>(db: Knex, query: Knex.QueryBuilder, decode: (rows: unknown[]) => T, now: () => number = Date.now): Promise<T> {
  if (isPostgres(db)) return decode((await query) as unknown[]);
  const compiled = query.toSQL();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.bindings)}`;
  return remember(db, key, tableWrites(db).stampOf(compiled.sql), SQLITE_TTL_MS, now, async () => decode((await query) as unknown[]));
}

export function cachedCount(db: Knex, countQuery: Knex.QueryBuilder, now?: () => number): Promise<number> {
  return cachedRead(db, countQuery, (rows) => Number((rows[0] as { total: number | string }).total), now);
}

/**
 * A whole answer computed from several queries (the verification checklist and queue, a search
 * plan's counts), kept on SQLite while none of `tables` — every table `compute` reads — has
 * been written, and `ANSWER_TTL_MS` at most. `key` must hold everything else the answer
 * depends on (URL, caller). On PostgreSQL it is computed every time.
 */
export async function cachedAnswer<T>(db: Knex, key: string, tables: readonly string[], compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  if (isPostgres(db)) return compute();
  return remember(db, `answer\u0000${key}`, tableWrites(db).stampOfTables(tables), ANSWER_TTL_MS, now, compute);
}
