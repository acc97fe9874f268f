/**
 * Instants as the staff read them in an export: `dd/mm/yyyy HH:mm`, Paris time — the same text
 * as the case files (server/mediation/parisStamp.ts), computed fast enough for 74,000 rows of
 * several dates each. Paris changes its UTC offset only on whole UTC hours, so Intl (slow) is
 * asked once per UTC hour met, and the rest is arithmetic.
 */
const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const HOUR = 3_600_000;
const MAX_KEPT_HOURS = 50_000;
const offsets = new Map<number, number>();

function parisOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p: Record<string, string> = {};
    for (const part of PARTS.formatToParts(new Date(hour * HOUR))) p[part.type] = part.value;
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - hour * HOUR;
    if (offsets.size >= MAX_KEPT_HOURS) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An ISO instant → `dd/mm/yyyy HH:mm` in Paris time; anything unparsable is returned as it came. */
export function parisDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const local = new Date(ms + parisOffsetMs(ms));
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

/** Today's Paris calendar day, `YYYY-MM-DD` (the export's file name). */
export function parisDay(now: Date): string {
  const local = new Date(now.getTime() + parisOffsetMs(now.getTime()));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}
