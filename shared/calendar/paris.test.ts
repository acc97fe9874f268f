import { describe, expect, it } from 'vitest';
import {
  addParisCalendarDays,
  addParisDays,
  addParisMonths,
  daysBetween,
  hhmmToMinutes,
  isIsoDate,
  minDate,
  parisDate,
  parisDayBounds,
  parisEndOfDay,
  parisInstant,
  parisMidnight,
  parisMinutesOfDay,
  parisOffsetMs,
  parisWeekday,
} from './paris';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('Europe/Paris calendar (DOMAIN "Time")', () => {
  it.each([
    // [instant, Paris date, minutes of day, weekday]
    ['2026-01-15T12:00:00Z', '2026-01-15', 13 * 60, 4],
    ['2026-01-15T23:00:00Z', '2026-01-16', 0, 5], // midnight Paris in winter is 23:00 UTC
    ['2026-07-14T21:59:59Z', '2026-07-14', 23 * 60 + 59, 2],
    ['2026-07-14T22:00:00Z', '2026-07-15', 0, 3], // midnight Paris in summer is 22:00 UTC
    ['2026-03-29T00:59:59Z', '2026-03-29', 1 * 60 + 59, 7], // just before spring forward
    ['2026-03-29T01:00:00Z', '2026-03-29', 3 * 60, 7], // 02:00 CET becomes 03:00 CEST
    ['2026-10-25T00:30:00Z', '2026-10-25', 2 * 60 + 30, 7], // first 02:30 (CEST)
    ['2026-10-25T01:30:00Z', '2026-10-25', 2 * 60 + 30, 7], // second 02:30 (CET)
    ['2026-12-31T23:30:00Z', '2027-01-01', 30, 5], // new year arrives in Paris first
  ])('when the instant is %s, then Paris shows %s, minute %i, weekday %i', (iso, date, minutes, weekday) => {
    expect(parisDate(at(iso))).toBe(date);
    expect(parisMinutesOfDay(at(iso))).toBe(minutes);
    expect(parisWeekday(at(iso))).toBe(weekday);
  });

  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-03-28', '2026-03-27T23:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // spring-forward day starts in CET
    ['2026-03-30', '2026-03-29T22:00:00.000Z'], // … and the next starts in CEST: a 23 h day
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // fall-back day starts in CEST
    ['2026-10-26', '2026-10-25T23:00:00.000Z'], // … and the next starts in CET: a 25 h day
  ])('when the date is %s, then Paris midnight is %s', (date, iso) => {
    expect(parisMidnight(date).toISOString()).toBe(iso);
  });

  it('when DST changes, then the day lasts 23 h in March and 25 h in October', () => {
    const length = (d: string) => parisMidnight(addParisDays(d, 1)).getTime() - parisMidnight(d).getTime();
    expect(length('2026-03-29')).toBe(23 * HOUR);
    expect(length('2026-10-25')).toBe(25 * HOUR);
    expect(length('2026-06-01')).toBe(24 * HOUR);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-10-25', 0, '2026-10-25'],
  ])('when adding days to %s (%i), then the date is %s', (date, n, expected) => {
    expect(addParisDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-01', 1, '2027-01-01'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('when adding months to %s (%i), then the date is %s (clamped)', (date, n, expected) => {
    expect(addParisMonths(date, n)).toBe(expected);
  });

  it('when offsets are asked, then winter is +1 h and summer +2 h', () => {
    expect(parisOffsetMs(at('2026-01-01T00:00:00Z'))).toBe(HOUR);
    expect(parisOffsetMs(at('2026-07-01T00:00:00Z'))).toBe(2 * HOUR);
  });

  it.each([
    // 10:00 Paris seven calendar days later: 167 h across spring forward, 169 h across fall back.
    ['2026-03-25T09:00:00.000Z', 7, '2026-04-01T08:00:00.000Z'],
    ['2026-10-20T08:00:00.000Z', 7, '2026-10-27T09:00:00.000Z'],
    ['2026-10-27T09:00:00.000Z', -7, '2026-10-20T08:00:00.000Z'],
    ['2026-01-10T10:15:30.250Z', 1, '2026-01-11T10:15:30.250Z'], // ms kept
  ])('when moving %s by %i Paris days, then the instant is %s', (iso, n, expected) => {
    expect(addParisCalendarDays(at(iso), n).toISOString()).toBe(expected);
  });

  it('when a wall time falls in the spring gap, then it maps one hour later', () => {
    expect(parisInstant('2026-03-29', 2 * 60 + 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('when a wall time is ambiguous in autumn, then its first (summer) occurrence is used', () => {
    expect(parisInstant('2026-10-25', 2 * 60 + 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
  ])('when parsing %s, then it is minute %i', (hhmm, minutes) => {
    expect(hhmmToMinutes(hhmm)).toBe(minutes);
  });

  it.each(['9:30', '24:01', '12:60', 'noon'])('when parsing %s, then it is refused', (hhmm) => {
    expect(() => hhmmToMinutes(hhmm)).toThrow(RangeError);
  });
});

describe('Paris calendar dates (DOMAIN "Time"; REF-8, VER-2, MED-5..7 count in it)', () => {
  // The reference: Intl asked on every call, which the module avoids in hot loops.
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

  it('when instants around both 2026 DST changes and midnights are converted, then the cached date equals Intl’s on every quarter hour', () => {
    for (const [from, to] of [
      ['2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
      ['2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z'],
      ['2026-12-30T20:00:00Z', '2027-01-01T04:00:00Z'],
    ]) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 15 * 60_000) {
        expect(parisDate(new Date(ms)), new Date(ms).toISOString()).toBe(intl.format(new Date(ms)));
      }
    }
  });

  it('when it is 23:30 UTC, then Paris is already on the next day (UTC+1 in winter, UTC+2 in summer), from a Date or an ISO string', () => {
    expect(parisDate(new Date('2026-11-19T23:30:00Z'))).toBe('2026-11-20');
    expect(parisDate('2026-07-14T21:59:00Z')).toBe('2026-07-14');
    expect(parisDate('2026-07-14T22:00:00Z')).toBe('2026-07-15');
  });

  it('when days are counted, then calendar arithmetic holds (leap years, DST days count as one)', () => {
    expect(addParisDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addParisMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(daysBetween('2026-11-20', '2026-12-20')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
    expect(minDate(null, '2026-01-02')).toBe('2026-01-02');
    expect(minDate('2026-01-03', '2026-01-02')).toBe('2026-01-02');
  });

  it('when a Paris day is turned into instants, then it spans midnight to midnight, 23 h on the spring DST day', () => {
    const { start, end } = parisDayBounds('2026-03-29');
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(parisEndOfDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('when a string is checked as a date, then only real YYYY-MM-DD dates pass', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });
});
