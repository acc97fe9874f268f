/**
 * The numeric id of a URL or form field, checked before any query. PostgreSQL's `integer`
 * stops at 2^31 − 1 and refuses a larger value outright where SQLite would simply find no
 * row, so an id that cannot exist answers 404 on both databases instead of a database error.
 */
import { AppError } from '../http/errors';

/** The largest value of an `increments` column on PostgreSQL (integer: 2^31 − 1). */
export const MAX_ROW_ID = 2_147_483_647;

/** True when `raw` is the decimal id of a row that could exist on both databases. */
export function isRowId(raw: string): boolean {
  return /^\d{1,10}$/.test(raw) && Number(raw) <= MAX_ROW_ID;
}

/** The id as a number, or 404 naming `what` (the resource) and the id as given. */
export function parseRowId(raw: string, what: string): number {
  if (!isRowId(raw)) throw AppError.notFound(what, raw);
  return Number(raw);
}
