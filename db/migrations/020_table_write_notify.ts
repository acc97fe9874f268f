/**
 * PostgreSQL: every write to an application table is announced at commit on the
 * `console_table_writes` channel as `<schema>:<table>` (a statement trigger, so a bulk
 * statement or a COPY sends one notice, and PostgreSQL folds a transaction's repeats into
 * one). Each server instance listens (server/data/pgTableWriteListener.ts) and drops the
 * cached reads of those tables, so several instances can keep read caches and still show a
 * write made on another one. The schema is in the payload because a channel is per database
 * (the tests run one schema per file). A table added by a later migration needs
 * `announceWrites(knex, table)`; server/test/tableChanges.pg.test.ts checks that none lacks it.
 * SQLite has one server process, which sees its own writes: nothing to add there.
 */
import type { Knex } from 'knex';

const FUNCTION = 'tableWriteNotify';

export async function announceWrites(knex: Knex, table: string): Promise<void> {
  await knex.raw(`CREATE TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION ??()`, [`${table}_writeNotify`, table, FUNCTION]);
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`
    CREATE OR REPLACE FUNCTION "${FUNCTION}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('console_table_writes', TG_TABLE_SCHEMA || ':' || TG_TABLE_NAME);
      RETURN NULL;
    END
    $$`);
  const { rows } = (await knex.raw(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex\\_%' ORDER BY tablename`,
  )) as { rows: { tablename: string }[] };
  for (const { tablename } of rows) await announceWrites(knex, tablename);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`DROP FUNCTION IF EXISTS "${FUNCTION}"() CASCADE`);
}
