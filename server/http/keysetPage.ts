/**
 * Walking a whole list in batches (the CSV export: every matching row, no page cap) by keyset
 * rather than by offset: each batch starts after the last row of the previous one in the
 * list's own order — sort column, then id, nulls last (server/http/listQuery.ts) — so a batch
 * costs the same at row 70,000 as at row 0, a row written meanwhile never makes another one
 * repeat or vanish, and no batch is kept in the read cache (an export would fill it).
 */
import type { Row } from '../data/rows';
import type { Knex } from 'knex';
import { columnOf, type ResourceSpec } from './resource';

/** Where the previous batch stopped: the raw values of its last row's sort column and id. */
export interface KeysetCursor {
  value: unknown;
  id: unknown;
}

export interface KeysetRequest {
  /** null: the first batch. */
  after: KeysetCursor | null;
  size: number;
}

export interface KeysetParts {
  spec: ResourceSpec;
  /** The filtered (and scoped) query, without columns nor order. */
  base: Knex.QueryBuilder;
  field: string;
  direction: 'asc' | 'desc';
  /** Adds the list's ORDER BY (nulls last, id tie-breaker) — the very one of a list page. */
  ordered(qb: Knex.QueryBuilder): Knex.QueryBuilder;
  columns: string[];
}

export interface KeysetBatch {
  raw: Row[];
  /** null when this batch was the last. */
  next: KeysetCursor | null;
}

/** Keeps the rows that come after `after` in the order `ordered` gives. */
function whereAfter(qb: Knex.QueryBuilder, parts: KeysetParts, after: KeysetCursor): void {
  const { spec, field, direction } = parts;
  const op = direction === 'asc' ? '>' : '<';
  const id = columnOf(spec, 'id');
  if (field === 'id') {
    qb.where(id, op, after.id as Knex.Value);
    return;
  }
  const col = columnOf(spec, field);
  if (after.value === null || after.value === undefined) {
    // Nulls come last in both directions: after a null, only the other nulls, by id.
    qb.whereNull(col).where(id, op, after.id as Knex.Value);
    return;
  }
  const value = after.value as Knex.Value;
  qb.where((w) => {
    // The bound on the column alone lets an index on it start at the cursor; the row value
    // then settles the ties on id.
    w.where((rest) => rest.where(col, `${op}=`, value).whereRaw(`(??, ??) ${op} (?, ?)`, [col, id, value, after.id as Knex.Value]));
    if (spec.fields[field].nullable) w.orWhereNull(col);
  });
}

export async function keysetBatch(parts: KeysetParts, request: KeysetRequest): Promise<KeysetBatch> {
  const qb = parts.ordered(parts.base.clone().select(parts.columns));
  if (request.after) whereAfter(qb, parts, request.after);
  const raw = (await qb.limit(request.size)) as Row[];
  const last = raw.length === request.size ? raw[raw.length - 1] : undefined;
  const sortColumn = parts.spec.fields[parts.field].column ?? parts.field;
  const idColumn = parts.spec.fields.id.column ?? 'id';
  return { raw, next: last ? { value: last[sortColumn], id: last[idColumn] } : null };
}
