/**
 * How a folded `q` token becomes a WHERE condition (../shared/CONTRACT.md: `q` searches
 * text case- and accent-insensitively, the same on both databases).
 *
 * The meaning is always "`searchText` contains the token". A trigram index serves it on both
 * databases, for a token of 3 characters or more (shorter tokens hold no trigram: those are a
 * plain scan, with the same results).
 *
 * SQLite — FTS5 trigram tables (db/migrations/008_search_index.ts) for clients, orders and
 * reviews. A token can be looked up two ways, chosen per list request by `planSearch`:
 * - `index`: the row ids the index holds for the token, as a phrase of trigrams (`MATCH`):
 *   consecutive trigrams are exactly a substring, and MATCH answers from the index alone,
 *   where `LIKE` on the index re-reads every candidate's text (a token in 7 % of a million
 *   orders: 10 ms instead of 370 ms to count them). Best when few rows match.
 * - `scan`: `searchText LIKE '%token%'` on the table itself, walking the sort column's
 *   index until the page is full. When many rows match (a city name: one order in 14), the
 *   page fills after a few hundred rows (under a millisecond), where the index form has to
 *   fetch and sort every match (~100 ms).
 *
 * PostgreSQL — a GIN `gin_trgm_ops` index on every searchable table's `searchText`
 * (db/migrations/010_pg_trigram.ts) serves `searchText LIKE '%token%'` itself (a bitmap index
 * scan), so the condition is always that LIKE. What the page does is chosen by
 * `postgresSearchPage`: PostgreSQL's own planner assumes the matches are spread evenly along
 * the sort order, and walks the sort index for a frequent word even when the matches all sit
 * far down it (clients named Martin, sorted by last name: 600 ms at 300,000 clients). So the
 * walk (`scan`) is bounded — it reads at most a few thousand rows in sort order — and when that
 * does not fill the page, the matches are found through the trigram index first (a
 * materialized CTE, planned on its own) and then sorted.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';
import { cachedAnswer } from './readCache';

/**
 * Tables with a `<table>_search` FTS5 trigram index on SQLite (migration 008 created them;
 * a table indexed by a later migration joins this list). Seeds read it too (db/seeds/bulkLoad.ts).
 * On PostgreSQL every searchable table has its GIN trigram index (migration 010).
 */
export const TRIGRAM_INDEXED_TABLES: readonly string[] = ['clients', 'orders', 'reviews'];
const TRIGRAM_INDEXED = new Set(TRIGRAM_INDEXED_TABLES);

/** Rows a `scan` may expect to read to fill the page (~2 µs each: ~10 ms). */
const SCAN_BUDGET_ROWS = 5_000;

export type SearchForm = 'index' | 'scan';

/** Escapes LIKE wildcards so that `%` and `_` typed by a user match themselves. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An FTS5 phrase: the token between double quotes, its own double quotes doubled (every other character is literal there). */
function phrase(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function hasTrigramIndex(db: Knex, table: string): boolean {
  return !isPostgres(db) && TRIGRAM_INDEXED.has(table);
}

/** The trigram index can answer for this token (3 characters or more). */
function indexable(db: Knex, table: string, token: string): boolean {
  return hasTrigramIndex(db, table) && [...token].length >= 3;
}

export function whereContainsToken(qb: Knex.QueryBuilder, db: Knex, table: string, token: string, form: SearchForm = 'index'): void {
  if (form === 'index' && indexable(db, table, token)) {
    const fts = `${table}_search`;
    qb.whereRaw(`?? IN (SELECT rowid FROM ?? WHERE ?? MATCH ?)`, [`${table}.id`, fts, fts, phrase(token)]);
  } else {
    qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [`${table}.searchText`, `%${likeEscape(token)}%`]);
  }
}

export interface SearchPlan {
  form: SearchForm;
  /** How many rows contain every token, from the index alone (only when the index can answer for all of them). */
  matches: number | null;
}

/** Columns that lead a B-tree index of the table (the schema only changes at start, through migrations). */
const leadingColumns = new WeakMap<Knex, Map<string, Set<string>>>();

async function readIndexLeads(db: Knex, table: string): Promise<Set<string>> {
  if (isPostgres(db)) {
    // Whole-table B-tree indexes only: a GIN index gives no order, a partial one not every row.
    const { rows } = (await db.raw(
      `SELECT a.attname AS name FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_am am ON am.oid = ic.relam
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = to_regclass(?) AND am.amname = 'btree' AND i.indpred IS NULL`,
      [`"${table}"`],
    )) as { rows: { name: string }[] };
    return new Set(rows.map((r) => r.name));
  }
  const leads = new Set(['id']); // the rowid order
  for (const index of (await db.raw('SELECT name FROM pragma_index_list(?)', [table])) as { name: string }[]) {
    const first = ((await db.raw('SELECT name FROM pragma_index_info(?) WHERE seqno = 0', [index.name])) as { name: string | null }[])[0];
    if (first?.name) leads.add(first.name);
  }
  return leads;
}

async function indexLeads(db: Knex, table: string): Promise<Set<string>> {
  let byTable = leadingColumns.get(db);
  if (!byTable) leadingColumns.set(db, (byTable = new Map()));
  let leads = byTable.get(table);
  if (!leads) {
    leads = await readIndexLeads(db, table);
    byTable.set(table, leads);
  }
  return leads;
}

/**
 * Chooses how `q`'s tokens are looked up for one list page (see the top of this file):
 * `scan` when enough rows match that walking the sort order fills the page within
 * SCAN_BUDGET_ROWS, and the sort column leads an index (otherwise a scan would read and
 * sort the whole table; `column` null: the order cannot come from an index, as with a
 * nulls-last clause). Both forms return the same rows; only the cost differs.
 * PostgreSQL: `scan` (a bounded walk, then the index: `postgresSearchPage`) whenever the sort
 * column leads an index, as the density of the matches is not known there without counting them.
 */
export async function planSearch(db: Knex, table: string, tokens: readonly string[], sort: { column: string | null; rowsWanted: number }): Promise<SearchPlan> {
  if (isPostgres(db)) {
    const walkable = sort.column !== null && (await indexLeads(db, table)).has(sort.column);
    return { form: walkable ? 'scan' : 'index', matches: null };
  }
  const usable = tokens.filter((t) => indexable(db, table, t));
  if (usable.length === 0) return { form: 'index', matches: null };
  const fts = `${table}_search`;
  const query = usable.map(phrase).join(' AND ');
  // Kept while the table is unchanged (the triggers write the index with it).
  const [matches, rows] = await cachedAnswer(db, `search\u0000${table}\u0000${query}`, [table], async () => {
    const counted = (await db(fts).count({ n: '*' }).whereRaw('?? MATCH ?', [fts, query])) as { n: number }[];
    // The largest id stands for the table's size: ids only grow, and a guess is all a plan needs.
    const top = (await db(table).max({ m: 'id' })) as { m: number | null }[];
    return [Number(counted[0].n), Number(top[0].m ?? 0)] as const;
  });
  const exact = usable.length === tokens.length ? matches : null;
  const dense = matches > 0 && (sort.rowsWanted * rows) / matches <= SCAN_BUDGET_ROWS;
  return { form: dense && sort.column !== null && (await indexLeads(db, table)).has(sort.column) ? 'scan' : 'index', matches: exact };
}

/** The parts of a list page `postgresSearchPage` assembles (server/http/listQuery.ts builds them). */
export interface SearchPageParts {
  /** The selected columns, qualified with the table's name (`orders.id`). */
  columns: string[];
  /** Every filter but `q`, with the list's scope: the rows the walk reads in sort order. */
  withoutQ: Knex.QueryBuilder;
  /** Every filter, `q` included. */
  all: Knex.QueryBuilder;
  /** Adds the list's ORDER BY (with its tie-breaker) to a query. */
  order(qb: Knex.QueryBuilder): Knex.QueryBuilder;
  start: number;
  size: number;
}

/** The most rows a walk along the sort order reads before the page is looked up through the index. */
function walkBudget(rowsWanted: number): number {
  return Math.min(50_000, Math.max(SCAN_BUDGET_ROWS, 20 * rowsWanted));
}

/**
 * PostgreSQL: one page of a `q` list (see the top of this file). Both steps select from a
 * derived table named like the table, so the columns, `q` and the order read the same there.
 * - `scan`: the first `walkBudget` rows in sort order that pass the other filters, then `q`
 *   on them. A full page from them is the true page (every earlier row in sort order was read).
 * - otherwise (or when the walk found too few): every match, through the trigram index, then
 *   sorted. MATERIALIZED keeps the planner from pushing the sort into that lookup.
 */
export async function postgresSearchPage(db: Knex, table: string, tokens: readonly string[], plan: SearchPlan, parts: SearchPageParts): Promise<unknown[]> {
  const page = (qb: Knex.QueryBuilder) => parts.order(qb.select(parts.columns)).offset(parts.start).limit(parts.size);
  // The page's columns and the searched text only: narrow rows make the walk and the sort cheap.
  const read = [...parts.columns, `${table}.searchText`];
  if (plan.form === 'scan') {
    const walked = parts.order(parts.withoutQ.clone().select(read)).limit(walkBudget(parts.start + parts.size));
    const query = page(db.from(walked.as(table)));
    for (const token of tokens) whereContainsToken(query, db, table, token, 'scan');
    const rows = (await query) as unknown[];
    if (rows.length === parts.size) return rows;
  }
  return (await page(db.withMaterialized('matches', parts.all.clone().select(read)).from({ [table]: 'matches' }))) as unknown[];
}
