/**
 * Indexes for the list screens (issue 2, list p95 target): the trigram search index for `q`
 * on the large tables, and active partners by score.
 *
 * `q` matches folded tokens anywhere in `searchText` (`LIKE '%token%'`), which no B-tree
 * index serves: on the demo data a search over 22,000 clients scanned the table twice
 * (page + count, ~20 ms). SQLite's FTS5 trigram tokenizer indexes every 3-character
 * sequence, so `LIKE '%token%'` on the index finds the rows directly (~1 ms).
 * External-content tables hold no copy of the text, only the index; triggers keep them
 * in step with every write path (CRUD, engine, seeds, raw SQL alike).
 *
 * PostgreSQL: nothing here; migration 010 gives it GIN trigram indexes (pg_trgm). pg_trgm
 * is a trusted extension since PostgreSQL 13 — the database owner creates it, no superuser
 * needed — so "it needs a privileged role" was never a reason to leave PostgreSQL scanning.
 * server/http/searchIndex.ts lists the same tables: keep them in step (a new table gets
 * a new migration and a new entry there).
 */
import type { Knex } from 'knex';

const TABLES = ['clients', 'orders', 'reviews'] as const;

/** The trigger that indexes each new row (also re-created by db/seeds/bulkLoad.ts after a bulk load without it). */
export async function createSearchInsertTrigger(knex: Knex, t: string): Promise<void> {
  const fts = `${t}_search`;
  await knex.raw(`CREATE TRIGGER "${fts}_ai" AFTER INSERT ON "${t}" BEGIN
      INSERT INTO "${fts}"(rowid, "searchText") VALUES (new.id, new."searchText"); END`);
}

export async function up(knex: Knex): Promise<void> {
  // The partners list's default view: active partners by score (both databases).
  await knex.schema.alterTable('partners', (t) => t.index(['status', 'score'], 'partners_status_score_index'));
  if (knex.client.config.client === 'pg') return;
  for (const t of TABLES) {
    const fts = `${t}_search`;
    await knex.raw(`CREATE VIRTUAL TABLE "${fts}" USING fts5("searchText", content='${t}', content_rowid='id', tokenize='trigram')`);
    await createSearchInsertTrigger(knex, t);
    await knex.raw(`CREATE TRIGGER "${fts}_ad" AFTER DELETE ON "${t}" BEGIN
      INSERT INTO "${fts}"("${fts}", rowid, "searchText") VALUES ('delete', old.id, old."searchText"); END`);
    await knex.raw(`CREATE TRIGGER "${fts}_au" AFTER UPDATE OF "searchText" ON "${t}" BEGIN
      INSERT INTO "${fts}"("${fts}", rowid, "searchText") VALUES ('delete', old.id, old."searchText");
      INSERT INTO "${fts}"(rowid, "searchText") VALUES (new.id, new."searchText"); END`);
    // Rows written before this migration.
    await knex.raw(`INSERT INTO "${fts}"("${fts}") VALUES ('rebuild')`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partners', (t) => t.dropIndex(['status', 'score'], 'partners_status_score_index'));
  if (knex.client.config.client === 'pg') return;
  for (const t of TABLES) {
    for (const suffix of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS "${t}_search_${suffix}"`);
    await knex.raw(`DROP TABLE IF EXISTS "${t}_search"`);
  }
}
