/**
 * A staff account's sign-in lock (`lockedUntil`, set by the server's throttle): in force
 * while its end is in the future; its end shown in Paris time, with the day when it is not
 * today.
 */
import { parisDate } from '../../../shared/calendar/paris';
import { parisClock } from '../../../shared/calendar/parisFormat';
import { formatFrenchDateTime } from '../common/format';

export function isLocked(lockedUntil: string | null | undefined, now: Date = new Date()): lockedUntil is string {
  if (!lockedUntil) return false;
  const end = Date.parse(lockedUntil);
  return Number.isFinite(end) && end > now.getTime();
}

/** "18:42" today, "21/11/2026 08:15" another day (rounded up to the minute: the account is free at the time shown). */
export function formatLockEnd(lockedUntil: string, now: Date = new Date()): string {
  const end = new Date(Math.ceil(Date.parse(lockedUntil) / 60_000) * 60_000);
  return parisDate(end) === parisDate(now) ? parisClock(end) : formatFrenchDateTime(end);
}
