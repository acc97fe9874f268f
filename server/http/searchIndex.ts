/**
 * How one folded `q` token becomes a WHERE condition (../shared/CONTRACT.md: `q` searches
 * text case- and accent-insensitively, the same on both databases).
 *
 * The meaning is always "`searchText` contains the token". On SQLite, for the tables that
 * have a trigram index (db/migrations/008_search_index.ts), a token of 3 characters or more
 * is looked up in the index instead of scanning the table. Shorter tokens, and tokens holding
 * LIKE's own wildcards (the index cannot take an ESCAPE clause), keep the plain scan.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';

/** Tables with a `<table>_search` FTS5 trigram index on SQLite — the list in migration 008. */
const TRIGRAM_INDEXED = new Set(['clients', 'orders', 'reviews']);

/** Escapes LIKE wildcards so that `%` and `_` typed by a user match themselves. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function whereContainsToken(qb: Knex.QueryBuilder, db: Knex, table: string, token: string): void {
  const usesIndex = !isPostgres(db) && TRIGRAM_INDEXED.has(table) && [...token].length >= 3 && !/[\\%_]/.test(token);
  if (usesIndex) {
    qb.whereRaw(`?? IN (SELECT rowid FROM ?? WHERE "searchText" LIKE ?)`, [`${table}.id`, `${table}_search`, `%${token}%`]);
  } else {
    qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [`${table}.searchText`, `%${likeEscape(token)}%`]);
  }
}
