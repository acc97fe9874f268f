/**
 * French formatting of the contract's values: money in integer cents, instants in UTC
 * shown in Paris time, business dates `YYYY-MM-DD`. Used by the screens.
 */
export const DISPLAY_LOCALE = 'fr-FR';
export const TIME_ZONE = 'Europe/Paris';

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A business date `2025-03-07` → `07/03/2025`, with no time-zone shift (it is a calendar day). */
export function formatBusinessDate(value: string): string {
  const m = BUSINESS_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

const dateOnly = new Intl.DateTimeFormat(DISPLAY_LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * A day: a business date keeps its calendar day; an ISO instant gives its Paris day;
 * anything else (a mask such as `••••-••-••`) is returned unchanged.
 */
export function formatFrenchDate(value: string): string {
  if (BUSINESS_DATE.test(value)) return formatBusinessDate(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

const dateTime = new Intl.DateTimeFormat(DISPLAY_LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An ISO instant → `dd/mm/yyyy hh:mm` in Paris time; a business date keeps its day. */
export function formatFrenchDateTime(value: string | Date): string {
  if (typeof value === 'string' && BUSINESS_DATE.test(value)) return formatBusinessDate(value);
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  // Intl puts a plain space (sometimes U+202F in future ICU data) between date and time.
  return dateTime.format(date).replace(/[\u00a0\u202f]/g, ' ').replace(',', '');
}

/** A day `YYYY-MM-DD` → the ISO instant it starts (or ends) in the user's time zone. */
export function dayBoundaryIso(day: string, edge: 'start' | 'end'): string {
  return new Date(`${day}T${edge === 'start' ? '00:00:00' : '23:59:59.999'}`).toISOString();
}

/** The user's calendar day of an instant, as `YYYY-MM-DD`. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
