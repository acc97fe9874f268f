/**
 * The few Europe/Paris calendar helpers the verification rules need (DOMAIN.md "Time":
 * "3 months", "30 days" and expiry dates are counted in the Paris calendar). shared/
 * cannot import server/engine/time.ts, so this is the minimal, Intl-only subset the
 * browser and the server both run.
 */

/** 'YYYY-MM-DD' */
export type IsoDate = string;

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const parisHour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

function intlDate(instant: Date): IsoDate {
  const parts: Record<string, string> = {};
  for (const p of parisDay.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// Paris changes its UTC offset only on whole UTC hours, so the date is asked of Intl (slow)
// once per UTC hour and derived by arithmetic within it.
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

/** The Paris calendar date of an instant. */
export function parisToday(instant: Date): IsoDate {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const localHour = Number(parisHour.formatToParts(new Date(start)).find((p) => p.type === 'hour')?.value ?? 0);
    // Paris is UTC+1 or UTC+2: the difference of the hours, modulo a day.
    offset = ((localHour - new Date(start).getUTCHours() + 24) % 24) * HOUR_MS;
    if (offsetByHour.size > 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return new Date(ms + offset).toISOString().slice(0, 10);
}

/** Reference implementation (Intl on every call), for the tests. */
export const parisTodayIntl = intlDate;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function parts(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

const fmt = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(date);
  return fmt(Date.UTC(y, m - 1, d + n));
}

/** Calendar months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(date);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fmt(Date.UTC(y, m - 1 + n, Math.min(d, last)));
}

/** Whole calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function minDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
