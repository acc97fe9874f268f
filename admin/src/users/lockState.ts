/**
 * A staff account's sign-in lock (`lockedUntil`, set by the server's throttle): in force
 * while its end is in the future; its end shown in Paris time, with the day when it is not
 * today.
 */
import { formatFrenchDateTime, TIME_ZONE } from '../common/format';

export function isLocked(lockedUntil: string | null | undefined, now: Date = new Date()): lockedUntil is string {
  if (!lockedUntil) return false;
  const end = Date.parse(lockedUntil);
  return Number.isFinite(end) && end > now.getTime();
}

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const parisTime = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "18:42" today, "21/11/2026 08:15" another day (rounded up to the minute: the account is free at the time shown). */
export function formatLockEnd(lockedUntil: string, now: Date = new Date()): string {
  const end = new Date(Math.ceil(Date.parse(lockedUntil) / 60_000) * 60_000);
  return parisDay.format(end) === parisDay.format(now) ? parisTime.format(end) : formatFrenchDateTime(end);
}
