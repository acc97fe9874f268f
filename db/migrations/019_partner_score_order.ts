/**
 * The partners list's default view on PostgreSQL: active partners by score, best first, the
 * partners without a score last (`ORDER BY score DESC NULLS LAST, id DESC`, as
 * server/http/listQuery.ts writes it there). An index in that very order gives the first page
 * by walking 25 entries; the (status, score) index cannot, as PostgreSQL puts NULL first in a
 * descending scan — at 20,000 partners the page was a sort of the whole table (~60–90 ms).
 * SQLite sorts NULL as the smallest value, so its descending scan of (status, score) already
 * ends with them: nothing to add there.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('CREATE INDEX "partners_status_score_desc_index" ON "partners" ("status", "score" DESC NULLS LAST, "id" DESC)');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP INDEX IF EXISTS "partners_status_score_desc_index"');
}
