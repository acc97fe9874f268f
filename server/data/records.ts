/**
 * Insert and update of one API record inside the caller's transaction, with its audit row
 * and the derived columns (searchText, version, updatedAt) kept up to date: no capability
 * writes a record without its audit row.
 */
import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import { fieldOf, mapRow, type ResourceSpec } from '../http/resource';
import { audit } from './audit';
import { hasColumn } from './columns';
import { getOne, parseId } from './getOne';
import { iso, type Row } from './rows';
import type { Tx } from './transaction';

/** Serialises JSON fields and leaves the rest as is (instants are already ISO strings). */
export function toColumns(spec: ResourceSpec, values: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(values)) {
    const f = fieldOf(spec, key);
    if (f?.kind === 'json' && value !== null && value !== undefined && typeof value !== 'string') out[f.column ?? key] = JSON.stringify(value);
    else out[f?.column ?? key] = value;
  }
  return out;
}

export async function insertRecord(tx: Tx, spec: ResourceSpec, values: Row, options: { action: string; extraColumns?: Row }): Promise<Row> {
  const now = iso(tx.now);
  const columns: Row = { ...toColumns(spec, values), ...(options.extraColumns ?? {}) };
  if (spec.fields.createdAt && columns.createdAt === undefined) columns.createdAt = now;
  if (await hasColumn(tx.trx, spec.table, 'updatedAt')) columns.updatedAt = now;
  if (spec.searchable && spec.searchOf) columns.searchText = spec.searchOf({ ...values, ...columns });
  const [inserted] = await tx.trx(spec.table).insert(columns).returning('id');
  const id = (typeof inserted === 'object' ? (inserted as { id: number | string }).id : inserted) as number | string;
  const after = await getOne(tx.trx, spec, String(id));
  await audit(tx, options.action, spec.name, id, null, after);
  return after;
}

export async function updateRecord(
  tx: Tx,
  spec: ResourceSpec,
  id: string,
  changes: Row,
  options: { action: string; afterWrite?: (trx: Knex.Transaction, before: Row) => Promise<void> },
): Promise<Row> {
  const idValue = parseId(spec, id);
  const beforeRow = (await tx.trx(spec.table).where('id', idValue).first()) as Row | undefined;
  if (!beforeRow) throw AppError.notFound(spec.name, id);
  const before = mapRow(spec, beforeRow);
  const columns = toColumns(spec, changes);
  if ('updatedAt' in beforeRow) columns.updatedAt = iso(tx.now);
  if (spec.searchable && spec.searchOf) columns.searchText = spec.searchOf({ ...beforeRow, ...columns });
  if ('version' in beforeRow) columns.version = Number(beforeRow.version) + 1;
  await tx.trx(spec.table).where('id', idValue).update(columns);
  if (options.afterWrite) await options.afterWrite(tx.trx, before);
  const after = await getOne(tx.trx, spec, id);
  await audit(tx, options.action, spec.name, idValue, before, after);
  return after;
}
