/**
 * A bulk load without the structures a row-by-row insert keeps up to date, built once
 * from the loaded rows instead — PostgreSQL's own advice for populating a database
 * ("Remove Indexes", "Remove Foreign Key Constraints").
 *
 * SQLite (db/migrations/008_search_index.ts): row by row through its insert trigger, the
 * FTS5 search index cost 4–7× the rows themselves (320,000 clients: 22 s instead of 3 s), as
 * FTS5 merges its segments at every batch; built once from the loaded rows ('rebuild') it
 * takes 5 s for them, ~1 s per 300,000 orders. The insert triggers are dropped here and
 * re-created by `restore`, which rebuilds each index.
 *
 * PostgreSQL (deferPgIndexes.ts): the secondary indexes and the foreign keys of the schema's
 * tables are dropped here and created again by `restore`.
 *
 * Call `restore` for every table, also when the load fails (try/finally), or the table's
 * `q` misses new rows (SQLite) or the table lacks its indexes and foreign keys (PostgreSQL).
 */
import type { Knex } from 'knex';
import { isPostgres } from '../../server/db';
import { TRIGRAM_INDEXED_TABLES } from '../../server/http/searchIndex';
import { createSearchInsertTrigger } from '../migrations/008_search_index';
import { deferPgIndexes } from './deferPgIndexes';
import { named, oneAtATime, type DeferredIndexes } from './restoreQueue';

export async function deferIndexes(db: Knex): Promise<DeferredIndexes> {
  if (isPostgres(db)) return deferPgIndexes(db);
  const deferred = TRIGRAM_INDEXED_TABLES.map((table) => ({ table }));
  for (const { table } of deferred) await db.raw(`DROP TRIGGER IF EXISTS "${table}_search_ai"`);
  return oneAtATime(async (tables) => {
    for (const entry of named(deferred, tables)) {
      await createSearchInsertTrigger(db, entry.table);
      await db.raw(`INSERT INTO "${entry.table}_search"("${entry.table}_search") VALUES ('rebuild')`);
      deferred.splice(deferred.indexOf(entry), 1);
    }
  });
}
