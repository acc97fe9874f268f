/**
 * The one conditional status change: `UPDATE … WHERE id = ? AND status IN (from)` (and the
 * version read, when given), its audit row in the same transaction, and — when zero rows
 * change because someone moved the record first — the 409 the capability words with
 * `actedFirst`. Checking the status in the UPDATE itself, not in a read before it, is what
 * settles two agents acting at once on both databases (REF-9).
 */
import { AppError } from '../http/errors';
import type { ApiRecord, ResourceSpec } from '../http/resource';
import { audit } from './audit';
import { hasColumn } from './columns';
import { getOne } from './getOne';
import { iso, type Row } from './rows';
import type { Tx } from './transaction';

export interface StatusChange {
  /** The statuses the record may be in for the change to apply. */
  from: readonly string[];
  /** The status it moves to (omitted: an edit that keeps the status, still refused once it moved). */
  to?: string;
  /** The other columns written. */
  set?: Row;
  /** The audit row's action. */
  action: string;
  /** Also require the version read, so that an edit made meanwhile is not overwritten. */
  version?: unknown;
  /** The 409 for the loser, given the status the record has now (undefined: it is gone). */
  lost: (tx: Tx, status: string | undefined) => Promise<AppError>;
}

/**
 * Applies `change` to record `id`. With a resource spec the audit row holds the record as the
 * API shows it; with a bare table name, the table's row. Throws the capability's 409 when the
 * record had already moved.
 */
export function transition(tx: Tx, target: ResourceSpec, id: number, change: StatusChange): Promise<ApiRecord>;
export function transition(tx: Tx, target: string, id: number, change: StatusChange): Promise<Row>;
export async function transition(tx: Tx, target: ResourceSpec | string, id: number, change: StatusChange): Promise<Row> {
  const after = await transitionIfStill(tx, target, id, change);
  if (after) return after;
  const now: { status: string } | undefined = await tx.trx(tableOf(target)).select('status').where('id', id).first();
  throw await change.lost(tx, now?.status);
}

/**
 * The same change for writers that give way instead of refusing (the sweep, which leaves a
 * record someone changed meanwhile to its next run): null, and no audit row, when it had moved.
 */
export async function transitionIfStill(tx: Tx, target: ResourceSpec | string, id: number, change: Omit<StatusChange, 'lost'>): Promise<Row | null> {
  const table = tableOf(target);
  const resource = typeof target === 'string' ? target : target.name;
  const read = async (): Promise<Row> => {
    if (typeof target !== 'string') return getOne(tx.trx, target, String(id));
    const row = (await tx.trx(table).where('id', id).first()) as Row | undefined;
    if (!row) throw AppError.notFound(resource, id);
    return row;
  };
  const before = await read();
  const columns: Row = { ...(change.set ?? {}) };
  if (change.to !== undefined) columns.status = change.to;
  if (await hasColumn(tx.trx, table, 'updatedAt')) columns.updatedAt = iso(tx.now);
  if (await hasColumn(tx.trx, table, 'version')) columns.version = tx.trx.raw('?? + 1', ['version']);
  const where = tx.trx(table).where('id', id).whereIn('status', [...change.from]);
  if (change.version !== undefined) where.where('version', change.version as number);
  if ((await where.update(columns)) === 0) return null;
  const after = await read();
  await audit(tx, change.action, resource, id, before, after);
  return after;
}

function tableOf(target: ResourceSpec | string): string {
  return typeof target === 'string' ? target : target.table;
}
