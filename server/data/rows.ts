/**
 * Row values as both databases hand them back, made alike: PostgreSQL returns instants as
 * Date and bigint counts as strings, SQLite returns ISO text and booleans as 0/1.
 */
export type Row = Record<string, unknown>;

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return d;
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function iso(d: Date): string {
  return d.toISOString();
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** Boolean columns of the tables the engine writes (SQLite returns 0/1). */
const BOOL_COLUMNS = new Set(['immediateAdvance', 'recommended', 'surveyAnswered']);

/** A row as the audit trail stores it: instants as ISO strings and booleans as booleans on both databases. */
export function plain(row: Row | null | undefined): Row | null {
  if (!row) return null;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'searchText') continue;
    if (v instanceof Date) out[k] = v.toISOString();
    else if (BOOL_COLUMNS.has(k) && v !== null && v !== undefined) out[k] = toBool(v);
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) out[k] = new Date(v).toISOString();
    else out[k] = v;
  }
  return out;
}
