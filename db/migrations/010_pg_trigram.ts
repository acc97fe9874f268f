/**
 * PostgreSQL's trigram indexes for `q`: a GIN `gin_trgm_ops` index on every `searchText`
 * column the `q` filter reads, so that `searchText LIKE '%token%'` (server/http/searchIndex.ts)
 * is a bitmap index scan instead of a scan of the table. SQLite: nothing (its FTS5 trigram
 * tables, migration 008, serve the same query).
 *
 * pg_trgm ships with PostgreSQL and is a trusted extension since PostgreSQL 13: a role with
 * CREATE on the database (its owner has it) creates it without being a superuser. It is
 * created in `public` when this role may create objects there, else in this role's current
 * schema; the operator class is then qualified with the extension's schema, so the indexes
 * build whatever the connection's search_path (the tests use one schema per file). The
 * extension is per database: concurrent migrations of several schemas of one database take
 * an advisory lock around the check-then-create (CREATE EXTENSION IF NOT EXISTS alone can
 * still fail with a duplicate key when two transactions race).
 *
 * Where the role cannot create it, the migration — and so the server's start — fails with
 * the one statement an administrator must run; it never falls back to a silent scan.
 *
 * Runs without statement_timeout (server/db.ts sets one per connection): building the
 * indexes of a million orders takes longer than a request may.
 */
import type { Knex } from 'knex';

/** Tables whose `searchText` the `q` filter reads (the resource specs marked `searchable`). */
const TABLES = ['users', 'partners', 'clients', 'services', 'orders', 'reviews', 'cases'] as const;

/** pg_advisory_xact_lock key for "create pg_trgm" (any constant the app uses nowhere else). */
const EXTENSION_LOCK = 7_010_001;

async function extensionSchema(knex: Knex): Promise<string | null> {
  const { rows } = (await knex.raw(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
  )) as { rows: { schema: string }[] };
  return rows[0]?.schema ?? null;
}

/** The message an operator sees at start when pg_trgm cannot be created by this role. */
export function trigramMissingMessage(database: string, role: string, cause: string): string {
  return (
    `The pg_trgm extension (trigram indexes for list search) is not installed in database "${database}" ` +
    `and role "${role}" cannot create it (${cause}). An administrator must run, as a superuser ` +
    `connected to database "${database}": CREATE EXTENSION pg_trgm; — then start the server again.`
  );
}

async function ensureTrigramExtension(knex: Knex): Promise<string> {
  await knex.raw('SELECT pg_advisory_xact_lock(?)', [EXTENSION_LOCK]);
  const existing = await extensionSchema(knex);
  if (existing) return existing;
  const { rows } = (await knex.raw(
    `SELECT current_database() AS db, current_user AS role,
            (SELECT CASE WHEN has_schema_privilege(oid, 'CREATE') THEN nspname END FROM pg_namespace WHERE nspname = 'public') AS public,
            current_schema() AS current`,
  )) as { rows: { db: string; role: string; public: string | null; current: string | null }[] };
  const { db, role } = rows[0];
  const target = rows[0].public ?? rows[0].current;
  try {
    if (!target) throw new Error('no schema this role may create objects in');
    // A savepoint: a refusal must leave the migration's transaction usable for the message.
    await knex.transaction((trx) => trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ??', [target]));
  } catch (err) {
    // Created meanwhile by a session that does not take the lock (another tool): use it.
    const code = (err as { code?: string }).code;
    const created = code === '23505' || code === '42710' ? await extensionSchema(knex) : null;
    if (created) return created;
    throw new Error(trigramMissingMessage(db, role, (err as Error).message));
  }
  return (await extensionSchema(knex)) ?? target;
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('SET LOCAL statement_timeout = 0');
  const schema = await ensureTrigramExtension(knex);
  for (const t of TABLES) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin (?? ??.gin_trgm_ops)`, [`${t}_searchtext_trgm`, t, 'searchText', schema]);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  // The extension stays: it belongs to the database, which other schemas may share.
  for (const t of TABLES) await knex.raw('DROP INDEX IF EXISTS ??', [`${t}_searchtext_trgm`]);
}
