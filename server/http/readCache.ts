/**
 * Reads kept while nothing they read has been written, on both databases.
 *
 * A list page's rows and its total (`Content-Range: … /total`, the costly half of a page on
 * big tables), a search plan's counts, the verification answers: each is reused only if the
 * same SQL with the same bindings ran less than `READ_TTL_MS` ago and no table it reads has
 * been written since (server/data/tableChanges.ts). On SQLite the one server process sees every
 * write; on PostgreSQL every instance also hears the others' commits (pgTableWriteListener.ts)
 * and makes sure, before using a kept value, that it has heard every commit made before the read
 * began — so a page read on one instance right after a write on another shows it (staleness
 * zero); while that listener is down nothing is kept at all.
 * The TTL only bounds what a tool writing from outside the server (the SQLite file opened by
 * another process) could leave stale.
 * Cached rows are frozen: callers mask or reshape them into new objects, never in place.
 */
import type { Knex } from 'knex';
import { tableChanges } from '../data/tableChanges';

const READ_TTL_MS = 60_000;
/** cachedAnswer: what depends on the clock ("expires in 30 days") moves at most this late. */
const ANSWER_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/** How long cachedRead/cachedCount keep a value while the stamps are unchanged (0: never kept). */
export function readTtlMs(db: Knex): number {
  return tableChanges(db).live ? READ_TTL_MS : 0;
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

/** The query's rows, decoded: kept while the tables its SQL names are unwritten. */
export function cachedRead<T>(db: Knex, query: Knex.QueryBuilder, decode: (rows: unknown[]) => T, now: () => number = Date.now): Promise<T> {
  return cachedBySql(db, '', query, async () => decode((await query) as unknown[]), now);
}

export function cachedCount(db: Knex, countQuery: Knex.QueryBuilder, now?: () => number): Promise<number> {
  return cachedRead(db, countQuery, (rows) => Number((rows[0] as { total: number | string }).total), now);
}

/**
 * What `compute` derives from `query` (its rows, or a bounded count and an estimate of them),
 * kept like `cachedRead` under `kind` and the query's SQL and bindings.
 */
export async function cachedBySql<T>(db: Knex, kind: string, query: Knex.QueryBuilder, compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const changes = tableChanges(db);
  if (!(await changes.sync())) return compute();
  const compiled = query.toSQL();
  const key = `${kind}\u0000${compiled.sql}\u0000${JSON.stringify(compiled.bindings)}`;
  return remember(db, key, changes.stampOf(compiled.sql), READ_TTL_MS, now, compute);
}

/**
 * A whole answer computed from several queries (the verification checklist and queue, a search
 * plan's counts), kept while none of `tables` — every table `compute` reads — has been written,
 * and `ANSWER_TTL_MS` at most. `key` must hold everything else the answer depends on (URL,
 * caller).
 */
export async function cachedAnswer<T>(db: Knex, key: string, tables: readonly string[], compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const changes = tableChanges(db);
  if (!(await changes.sync())) return compute();
  return remember(db, `answer\u0000${key}`, changes.stampOfTables(tables), ANSWER_TTL_MS, now, compute);
}
