/**
 * How a folded `q` token becomes a WHERE condition (../shared/CONTRACT.md: `q` searches
 * text case- and accent-insensitively, the same on both databases).
 *
 * The meaning is always "`searchText` contains the token". On SQLite, for the tables that
 * have a trigram index (db/migrations/008_search_index.ts), a token of 3 characters or more
 * can be looked up two ways, chosen per list request by `planSearch`:
 * - `index`: the row ids the index holds for the token, as a phrase of trigrams (`MATCH`):
 *   consecutive trigrams are exactly a substring, and MATCH answers from the index alone,
 *   where `LIKE` on the index re-reads every candidate's text (a token in 7 % of a million
 *   orders: 10 ms instead of 370 ms to count them). Best when few rows match.
 * - `scan`: `searchText LIKE '%token%'` on the table itself, walking the sort column's
 *   index until the page is full. When many rows match (a city name: one order in 14), the
 *   page fills after a few hundred rows (under a millisecond), where the index form has to
 *   fetch and sort every match (~100 ms).
 * Shorter tokens always scan. PostgreSQL has no trigram index here and always scans.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';
import { cachedAnswer } from './readCache';

/**
 * Tables with a `<table>_search` FTS5 trigram index on SQLite (migration 008 created them;
 * a table indexed by a later migration joins this list). Seeds read it too (db/seeds/bulkLoad.ts).
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

/** Columns that lead an index of the table (SQLite; the schema only changes at start, through migrations). */
const leadingColumns = new WeakMap<Knex, Map<string, Set<string>>>();

async function indexLeads(db: Knex, table: string): Promise<Set<string>> {
  let byTable = leadingColumns.get(db);
  if (!byTable) leadingColumns.set(db, (byTable = new Map()));
  let leads = byTable.get(table);
  if (!leads) {
    leads = new Set(['id']); // the rowid order
    for (const index of (await db.raw('SELECT name FROM pragma_index_list(?)', [table])) as { name: string }[]) {
      const first = ((await db.raw('SELECT name FROM pragma_index_info(?) WHERE seqno = 0', [index.name])) as { name: string | null }[])[0];
      if (first?.name) leads.add(first.name);
    }
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
 */
export async function planSearch(db: Knex, table: string, tokens: readonly string[], sort: { column: string | null; rowsWanted: number }): Promise<SearchPlan> {
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
