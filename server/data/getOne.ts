/**
 * One record as the API shows it, and the id of a URL checked before any query: an id that
 * cannot exist answers 404 on both databases instead of reaching PostgreSQL's integer range.
 */
import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import { columnOf, mapRow, type ResourceSpec } from '../http/resource';

/** The largest value of an `increments` column on PostgreSQL (integer: 2^31 − 1). */
export const MAX_ROW_ID = 2_147_483_647;

export async function getOne(db: Knex, spec: ResourceSpec, id: string): Promise<Record<string, unknown>> {
  const idValue = parseId(spec, id);
  const columns = Object.entries(spec.fields).map(([name, f]) => `${spec.table}.${f.column ?? name}`);
  const row = await db(spec.table).select(columns).where(columnOf(spec, 'id'), idValue).first();
  if (!row) throw AppError.notFound(spec.name, id);
  return mapRow(spec, row);
}

export function parseId(spec: ResourceSpec, id: string): string | number {
  if (spec.stringId) {
    if (!/^[a-z0-9_-]{1,64}$/i.test(id)) throw AppError.notFound(spec.name, id);
    return id;
  }
  // PostgreSQL's integer stops at 2^31 − 1 and refuses a larger value outright, where SQLite
  // would simply find no row — so both answer 404 here.
  if (!/^\d{1,10}$/.test(id) || Number(id) > MAX_ROW_ID) throw AppError.notFound(spec.name, id);
  return Number(id);
}
