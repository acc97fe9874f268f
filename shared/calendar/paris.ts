/**
 * The Europe/Paris calendar, the one place it is written (DOMAIN.md "Time"): instants are
 * UTC, but business dates — a day of sheets, a payout Monday, "183 days", "3 months", a
 * mediation deadline — are counted in the Paris calendar. Built on Intl only, so the
 * engine, the server and the browser share it without a time-zone library; every helper
 * is correct across the DST changes (the 23 h and 25 h days).
 */

/** A Paris calendar date, 'YYYY-MM-DD'. */
export type ParisDate = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// One formatter, reused: building Intl formatters is the expensive part.
const parisFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function intlWallClock(instant: Date): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of parisFormat.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  return out;
}

// Paris changes its UTC offset only on whole UTC hours (01:00 UTC, both ways), so the
// offset is constant within a UTC hour: ask Intl once per hour and cache it. Intl is
// by far the slowest step, and the engine converts instants in hot loops (eligibility
// of every candidate, the simulator's hundreds of thousands of orders).
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const w = intlWallClock(new Date(start));
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - start;
    if (offsetByHour.size > 200_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function wallClock(instant: Date): WallClock {
  const local = new Date(toParisLocalMs(instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/**
 * The Paris wall clock of `instant` as a "local epoch": the UTC epoch that would
 * show the same digits.
 */
function toParisLocalMs(instant: Date): number {
  return instant.getTime() + offsetAt(instant.getTime());
}

/** Paris's offset from UTC at `instant`, in ms (+1 h in winter, +2 h in summer). */
export function parisOffsetMs(instant: Date): number {
  return toParisLocalMs(instant) - instant.getTime();
}

/**
 * The instant at which Paris wall clocks show `localMs` (a local epoch). A wall
 * time inside the spring-forward gap (02:00–03:00) maps one hour later; an
 * ambiguous autumn time (02:00–03:00 twice) maps to its first (summer) occurrence.
 */
function fromParisLocalMs(localMs: number): Date {
  // Paris offsets are +1 h or +2 h: try the summer offset first, so that an
  // ambiguous autumn wall time resolves to its first occurrence.
  for (const offset of [2 * 3_600_000, 3_600_000]) {
    const candidate = new Date(localMs - offset);
    if (toParisLocalMs(candidate) === localMs) return candidate;
  }
  // In the spring gap no instant shows that wall time: keep the winter offset.
  return new Date(localMs - 3_600_000);
}

function parseDate(date: ParisDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function formatUtcDate(ms: number): ParisDate {
  // By hand rather than toISOString().slice(): this runs for every eligibility check.
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/** The Paris calendar date of `instant` (a Date or an ISO string). */
export function parisDate(instant: Date | string): ParisDate {
  return formatUtcDate(toParisLocalMs(typeof instant === 'string' ? new Date(instant) : instant));
}

/** The UTC instant of 00:00 in Paris on `date` (midnight always exists in Paris). */
export function parisMidnight(date: ParisDate): Date {
  const { y, m, d } = parseDate(date);
  return fromParisLocalMs(Date.UTC(y, m - 1, d));
}

/** The last instant of the Paris day `date` (23:59:59.999 Paris): a deadline on that date ends then. */
export function parisEndOfDay(date: ParisDate): Date {
  return new Date(parisMidnight(addParisDays(date, 1)).getTime() - 1);
}

/** The instants a Paris day spans: from its midnight (included) to the next one (excluded). */
export function parisDayBounds(date: ParisDate): { start: Date; end: Date } {
  return { start: parisMidnight(date), end: parisMidnight(addParisDays(date, 1)) };
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' (not 2026-02-30). */
export function isIsoDate(value: unknown): value is ParisDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Whole calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: ParisDate, b: ParisDate): number {
  const x = parseDate(a);
  const y = parseDate(b);
  return Math.round((Date.UTC(y.y, y.m - 1, y.d) - Date.UTC(x.y, x.m - 1, x.d)) / DAY_MS);
}

/** The earlier of two dates, either possibly absent. */
export function minDate(a: ParisDate | null, b: ParisDate | null): ParisDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Calendar arithmetic on a date: a Paris day is a date, whatever its length in hours. */
export function addParisDays(date: ParisDate, n: number): ParisDate {
  const { y, m, d } = parseDate(date);
  return formatUtcDate(Date.UTC(y, m - 1, d + n));
}

/** Calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addParisMonths(date: ParisDate, n: number): ParisDate {
  const { y, m, d } = parseDate(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return formatUtcDate(Date.UTC(y, m - 1 + n, Math.min(d, lastDay)));
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOfDate(date: ParisDate): number {
  const { y, m, d } = parseDate(date);
  const utcDay = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return utcDay === 0 ? 7 : utcDay;
}

/** The Paris weekday of `instant`: 1 = Monday … 7 = Sunday (CONTRACT weeklyHours). */
export function parisWeekday(instant: Date): number {
  return weekdayOfDate(parisDate(instant));
}

/** Minutes since Paris midnight on the wall clock (0..1439), seconds dropped. */
export function parisMinutesOfDay(instant: Date): number {
  const w = wallClock(instant);
  return w.hour * 60 + w.minute;
}

/**
 * The same Paris wall-clock time `n` calendar days later (or earlier when n < 0):
 * "7 days after 10:00" is 10:00 seven days later even when a DST change makes that
 * 167 or 169 hours.
 */
export function addParisCalendarDays(instant: Date, n: number): Date {
  return fromParisLocalMs(toParisLocalMs(instant) + n * DAY_MS);
}

/** The instant of a Paris wall-clock time on a date (minutes since midnight). */
export function parisInstant(date: ParisDate, minutesOfDay: number): Date {
  const { y, m, d } = parseDate(date);
  return fromParisLocalMs(Date.UTC(y, m - 1, d) + minutesOfDay * MINUTE_MS);
}

/** 'HH:MM' → minutes since midnight; '24:00' is the end of the day (1440). */
const minutesCache = new Map<string, number>();

export function hhmmToMinutes(hhmm: string): number {
  const cached = minutesCache.get(hhmm);
  if (cached !== undefined) return cached;
  const minutes = parseHhmm(hhmm);
  minutesCache.set(hhmm, minutes);
  return minutes;
}

function parseHhmm(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 1440) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  return minutes;
}
