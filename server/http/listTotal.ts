/**
 * The total of a list page (`Content-Range: … /total`).
 *
 * Counting is the costly half of a page on a big table: PostgreSQL visits every matching row
 * (850,000 completed orders: ~65 ms on an idle 2-core machine, a city in `q` ~100 ms) where the
 * page itself walks an index for 25 rows. Nobody reads "sur 852 317" to the unit, and a set
 * that large is never paged to its end — staff filter it down. So on PostgreSQL:
 * - up to `LIST_EXACT_TOTAL_MAX` matching rows (10,000 by default) the total is exact: the
 *   count stops one row past the bound, so its cost is bounded too;
 * - beyond, the total is the planner's estimate of the matching rows (its statistics, refreshed
 *   by ANALYZE/autovacuum), never below the bound, and the answer says so: `X-Total-Estimated:
 *   true` (CONTRACT.md "HTTP"), which the console shows as "environ …".
 * SQLite counts exactly every time. Either way the total is kept while the tables it reads are
 * unwritten (readCache.ts), so paging through a list counts once.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';
import { listExactTotalMaxFromEnv } from '../config';
import { cachedBySql, cachedCount } from './readCache';

export interface ListTotal {
  total: number;
  /** The total is the planner's estimate (PostgreSQL, above the exact bound). */
  estimated: boolean;
}

/** `filtered`: the list's query with its filters and scope, before any select, order or limit. */
export async function countTotal(db: Knex, filtered: Knex.QueryBuilder): Promise<ListTotal> {
  if (!isPostgres(db)) return { total: await cachedCount(db, filtered.clone().count({ total: '*' })), estimated: false };
  const bound = listExactTotalMaxFromEnv();
  const capped = db.from(filtered.clone().select(db.raw('1')).limit(bound + 1).as('matching')).count({ total: '*' });
  return cachedBySql(db, 'total', capped, async () => {
    const counted = Number(((await capped) as { total: number | string }[])[0].total);
    if (counted <= bound) return { total: counted, estimated: false };
    return { total: Math.max(bound + 1, await plannerEstimate(db, filtered)), estimated: true };
  });
}

/** The planner's row estimate for the query (EXPLAIN plans it without running it). */
async function plannerEstimate(db: Knex, filtered: Knex.QueryBuilder): Promise<number> {
  const { sql, bindings } = filtered.clone().select(db.raw('1')).toSQL();
  const result = (await db.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings)) as { rows: { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[] };
  return Math.round(result.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
}
