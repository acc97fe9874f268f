/**
 * Generic insert/update of one record in its own transaction, with the audit row
 * written in that same transaction and the derived columns (searchText, version,
 * updatedAt) kept up to date. Capability operations call these; none of them
 * writes a state change without its audit row.
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/recordAudit';
import type { Ctx } from '../context';
import { AppError } from './errors';
import { getOne, parseId } from './listQuery';
import { fieldOf, mapRow, type ResourceSpec } from './resource';

type Row = Record<string, unknown>;

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

async function hasColumn(db: Knex, table: string, column: string): Promise<boolean> {
  const key = `${table}.${column}`;
  const cached = columnCache.get(key);
  if (cached !== undefined) return cached;
  const has = await db.schema.hasColumn(table, column);
  columnCache.set(key, has);
  return has;
}
const columnCache = new Map<string, boolean>();

export async function insertRecord(
  ctx: Ctx,
  spec: ResourceSpec,
  values: Row,
  options: { action: string; trx?: Knex.Transaction; extraColumns?: Row },
): Promise<Row> {
  const run = async (trx: Knex.Transaction) => {
    const now = ctx.clock.now().toISOString();
    const columns: Row = { ...toColumns(spec, values), ...(options.extraColumns ?? {}) };
    if (spec.fields.createdAt && columns.createdAt === undefined) columns.createdAt = now;
    if (await hasColumn(trx, spec.table, 'updatedAt')) columns.updatedAt = now;
    if (spec.searchable && spec.searchOf) columns.searchText = spec.searchOf({ ...values, ...columns });
    const [inserted] = await trx(spec.table).insert(columns).returning('id');
    const id = typeof inserted === 'object' ? (inserted as { id: number | string }).id : inserted;
    const after = await getOne(trx, spec, String(id));
    await recordAudit(trx, { actor: ctx.actor, action: options.action, resource: spec.name, resourceId: id as string | number, after, at: new Date(now) });
    return after;
  };
  return options.trx ? run(options.trx) : ctx.db.transaction(run);
}

export async function updateRecord(
  ctx: Ctx,
  spec: ResourceSpec,
  id: string,
  changes: Row,
  options: { action: string; trx?: Knex.Transaction; afterWrite?: (trx: Knex.Transaction, before: Row) => Promise<void> },
): Promise<Row> {
  const idValue = parseId(spec, id);
  const run = async (trx: Knex.Transaction) => {
    const beforeRow = await trx(spec.table).where('id', idValue).first();
    if (!beforeRow) throw AppError.notFound(spec.name, id);
    const before = mapRow(spec, beforeRow);
    const columns = toColumns(spec, changes);
    const now = ctx.clock.now().toISOString();
    if ('updatedAt' in beforeRow) columns.updatedAt = now;
    if (spec.searchable && spec.searchOf) columns.searchText = spec.searchOf({ ...beforeRow, ...columns });
    if ('version' in beforeRow) columns.version = Number(beforeRow.version) + 1;
    await trx(spec.table).where('id', idValue).update(columns);
    if (options.afterWrite) await options.afterWrite(trx, before);
    const after = await getOne(trx, spec, id);
    await recordAudit(trx, { actor: ctx.actor, action: options.action, resource: spec.name, resourceId: idValue, before, after, at: new Date(now) });
    return after;
  };
  return options.trx ? run(options.trx) : ctx.db.transaction(run);
}
