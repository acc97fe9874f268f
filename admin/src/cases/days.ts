/**
 * Days typed in the case screens are Paris calendar days (the law counts dates, MED-5..7);
 * the API stores instants. A day is sent as the instant it starts in Paris, whatever the
 * browser's time zone, and an instant is shown as its Paris day.
 */
import { isIsoDate, parisDate, parisMidnight } from '../../../shared/calendar/paris';

/** `2026-11-20` → the ISO instant Paris clocks strike 00:00 that day; anything else → null. */
export function parisDayToInstant(day: unknown): string | null {
  return typeof day === 'string' && isIsoDate(day) ? parisMidnight(day).toISOString() : null;
}

/** An ISO instant → its Paris day `YYYY-MM-DD` (what a date input shows); empty → ''. */
export function instantToParisDay(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  if (isIsoDate(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : parisDate(new Date(time));
}

/** Today in Paris, `YYYY-MM-DD`. */
export const parisToday = (now: Date = new Date()) => parisDate(now);
