/**
 * One record as the API shows it, and the id of a URL checked before any query: an id that
 * cannot exist answers 404 on both databases instead of reaching PostgreSQL's integer range.
 */
import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import { columnOf, mapRow, type ApiRecord, type ResourceSpec } from '../http/resource';
import { parseRowId } from './parseRowId';

export async function getOne(db: Knex, spec: ResourceSpec, id: string): Promise<ApiRecord> {
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
  return parseRowId(id, spec.name);
}
