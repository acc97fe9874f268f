/**
 * Instants as the staff read them in an export: `dd/mm/yyyy HH:mm`, Paris time — the same text
 * as the case files (server/mediation/parisStamp.ts). The Paris calendar itself
 * (shared/calendar/paris.ts) caches its offsets, so 74,000 rows of several dates each stay fast.
 */
import { parisOffsetMs } from '../../shared/calendar/paris';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An ISO instant → `dd/mm/yyyy HH:mm` in Paris time; anything unparsable is returned as it came. */
export function parisDateTime(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const local = new Date(at.getTime() + parisOffsetMs(at));
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A business date `2026-03-07` → `07/03/2026` (a calendar day: no time-zone shift); an instant
 * → its Paris day; a mask (`••••-••-••`) stays as it is.
 */
export function frenchDate(value: string): string {
  const m = BUSINESS_DATE.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? parisDateTime(value).slice(0, 10) : value;
}
