/**
 * PostgreSQL: the indexes and constraints of a connection's schema, as their definitions,
 * with the schema's own name replaced (each test file has its own schema) — what a bulk load
 * must leave as the migrations made it.
 */
import type { Knex } from 'knex';

export interface PgCatalogue {
  /** `table index: definition`, sorted. */
  indexes: string[];
  /** `table constraint (type): definition`, sorted. */
  constraints: string[];
}

export async function pgCatalogue(db: Knex): Promise<PgCatalogue> {
  const schema = ((await db.raw('SELECT current_schema() AS s')) as { rows: { s: string }[] }).rows[0].s;
  const plain = (text: string) => text.split(`${schema}.`).join('');
  const indexes = (await db.raw(
    `SELECT c.relname || ' ' || i.relname || ': ' || pg_get_indexdef(i.oid) AS line
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace`,
  )) as { rows: { line: string }[] };
  const constraints = (await db.raw(
    `SELECT c.relname || ' ' || k.conname || ' (' || k.contype::text || '): ' || pg_get_constraintdef(k.oid) AS line
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = current_schema()::regnamespace`,
  )) as { rows: { line: string }[] };
  return {
    indexes: indexes.rows.map((r) => plain(r.line)).sort(),
    constraints: constraints.rows.map((r) => plain(r.line)).sort(),
  };
}
