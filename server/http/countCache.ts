/**
 * List totals (`Content-Range: … /total`) kept for a few seconds while nothing they
 * count has been written. Counting is the costly half of a list page on big tables (all
 * completed orders: ~60,000 index entries, ~5 ms on SQLite, on every page turn), while
 * the rows themselves come from an index in well under a millisecond.
 *
 * A total is reused only if the same SQL with the same bindings ran less than
 * `COUNT_TTL_MS` ago and no table it reads has been written by this process since
 * (server/http/tableWrites.ts). The TTL bounds how stale a total can be after another
 * process wrote (a second instance on PostgreSQL): a few seconds, on a number shown
 * under a list.
 */
import type { Knex } from 'knex';
import { tableWrites } from './tableWrites';

const COUNT_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

interface Entry {
  stamp: string;
  at: number;
  total: number;
}

const caches = new WeakMap<Knex, Map<string, Entry>>();

export async function cachedCount(db: Knex, countQuery: Knex.QueryBuilder, now: () => number = Date.now): Promise<number> {
  const compiled = countQuery.toSQL();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.bindings)}`;
  const writes = tableWrites(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const stamp = writes.stampOf(compiled.sql);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && now() - hit.at < COUNT_TTL_MS) return hit.total;

  const rows = await countQuery;
  const total = Number((rows[0] as { total: number | string }).total);
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  // Stamped with the generations seen *before* counting: a write that lands meanwhile
  // makes this entry stale at once instead of hiding behind it.
  cache.set(key, { stamp, at: now(), total });
  return total;
}
