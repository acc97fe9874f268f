import type { Knex } from 'knex';

const known = new Map<string, boolean>();

/** Whether `table` has `column` (asked once per process: migrations run before the app serves). */
export async function hasColumn(db: Knex, table: string, column: string): Promise<boolean> {
  const key = `${table}.${column}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const has = await db.schema.hasColumn(table, column);
  known.set(key, has);
  return has;
}
