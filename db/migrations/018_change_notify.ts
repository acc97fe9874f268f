/**
 * Live updates across server instances (server/events/): on PostgreSQL, every new audit row
 * is announced on the `console_changes` channel, and each instance's one listening connection
 * reads the rows it is told about. The payload stays small — the row's schema and id,
 * `<schema>:<id>` — because the audit row itself may be large and is read by id anyway; the
 * schema is there because a channel is per database, not per schema (the tests run one schema
 * per file on one database). The notification is sent at commit, so a listener never reads a
 * row before it is visible. SQLite has no such channel: its single process polls the table.
 */
import type { Knex } from 'knex';

function onPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  if (!onPostgres(knex)) return;
  await knex.raw(`
    CREATE OR REPLACE FUNCTION "auditLogNotify"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('console_changes', TG_TABLE_SCHEMA || ':' || NEW.id::text);
      RETURN NULL;
    END
    $$`);
  await knex.raw(`CREATE TRIGGER "auditLogNotify" AFTER INSERT ON "auditLog" FOR EACH ROW EXECUTE FUNCTION "auditLogNotify"()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!onPostgres(knex)) return;
  await knex.raw(`DROP TRIGGER IF EXISTS "auditLogNotify" ON "auditLog"`);
  await knex.raw(`DROP FUNCTION IF EXISTS "auditLogNotify"()`);
}
