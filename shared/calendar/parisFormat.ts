/**
 * The Paris calendar as people read it: `dd/mm/yyyy HH:mm` stamps (case files, exports, notes),
 * `07/03/2026` days, "samedi 20 juin 2026" in letters, `18:42` clock times. Offsets come from
 * the one Paris calendar (paris.ts, which caches them per hour), so 74,000 export rows of
 * several dates each stay fast; the words (weekday, month) from Intl's French.
 */
import { parisOffsetMs } from './paris';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The instant's wall-clock fields in Paris, read from a shifted UTC date. */
function parisWall(instant: Date): Date {
  return new Date(instant.getTime() + parisOffsetMs(instant));
}

/** An instant → `dd/mm/yyyy HH:mm`, Paris time. */
export function parisStamp(instant: Date): string {
  const local = parisWall(instant);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** An instant → `HH:mm`, Paris time. */
export function parisClock(instant: Date): string {
  const local = parisWall(instant);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** An ISO instant → `dd/mm/yyyy HH:mm` in Paris time; anything unparsable is returned as it came. */
export function parisDateTime(instant: string): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? instant : parisStamp(at);
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

const IN_LETTERS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
const IN_LETTERS_WITH_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** An instant's Paris day in letters: "20 juin 2026", or "samedi 20 juin 2026" with `weekday`. */
export function parisDayInLetters(instant: Date, options: { weekday?: boolean } = {}): string {
  return (options.weekday ? IN_LETTERS_WITH_DAY : IN_LETTERS).format(instant);
}
