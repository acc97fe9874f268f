/**
 * The live engine (issue 3): what the DB-backed dispatch loop needs beyond 002.
 * - partners: indexes for the candidate query (active partners in a bounding box around the
 *   client, never a scan of every partner, DSP-9) and for the largest radius among them;
 * - orders: per client, by status and start (SCO-8's "first completed session" of a client);
 * - engineDeadlines: retry bookkeeping, and at most one *pending* timer per (kind, refId),
 *   so that scheduling is idempotent and two processes cannot both schedule the same timer;
 * - engineState: small key/value facts of the engine (the SCO-6 platform mean of the last
 *   daily recompute).
 * Schema only.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partners', (t) => {
    t.index(['status', 'lat', 'lng'], 'partners_status_lat_lng_index');
    t.index(['status', 'radiusKm'], 'partners_status_radius_index');
  });

  await knex.schema.alterTable('orders', (t) => {
    t.index(['clientId', 'status', 'startsAt'], 'orders_client_status_starts_index');
  });

  await knex.schema.alterTable('engineDeadlines', (t) => {
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('lastError');
  });
  // Partial unique index: same syntax on PostgreSQL and SQLite.
  await knex.raw('CREATE UNIQUE INDEX "engineDeadlines_pending_unique" ON "engineDeadlines" ("kind", "refId") WHERE "status" = \'pending\'');

  await knex.schema.createTable('engineState', (t) => {
    t.string('key', 60).primary();
    t.text('value').notNullable();
    t.timestamp('updatedAt', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('engineState');
  await knex.raw('DROP INDEX IF EXISTS "engineDeadlines_pending_unique"');
  await knex.schema.alterTable('engineDeadlines', (t) => {
    t.dropColumns('attempts', 'lastError');
  });
  await knex.schema.alterTable('orders', (t) => {
    t.dropIndex(['clientId', 'status', 'startsAt'], 'orders_client_status_starts_index');
  });
  await knex.schema.alterTable('partners', (t) => {
    t.dropIndex(['status', 'lat', 'lng'], 'partners_status_lat_lng_index');
    t.dropIndex(['status', 'radiusKm'], 'partners_status_radius_index');
  });
}
