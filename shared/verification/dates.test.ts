/** The Paris calendar helpers of the verification rules (DOMAIN.md "Time"; REF-8, VER-2). */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, parisToday, parisTodayIntl } from './dates';

describe('Paris calendar dates', () => {
  it('when instants around both 2026 DST changes and midnights are converted, then the cached date equals Intl’s on every quarter hour', () => {
    for (const [from, to] of [
      ['2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
      ['2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z'],
      ['2026-12-30T20:00:00Z', '2027-01-01T04:00:00Z'],
    ]) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 15 * 60_000) {
        expect(parisToday(new Date(ms)), new Date(ms).toISOString()).toBe(parisTodayIntl(new Date(ms)));
      }
    }
  });

  it('when it is 23:30 UTC, then Paris is already on the next day (UTC+1 in winter, UTC+2 in summer)', () => {
    expect(parisToday(new Date('2026-11-19T23:30:00Z'))).toBe('2026-11-20');
    expect(parisToday(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisToday(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('when dates are added, then calendar arithmetic holds (months clamp to the last day, leap years)', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(daysBetween('2026-11-20', '2026-12-20')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('when a string is checked as a date, then only real YYYY-MM-DD dates pass', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });
});
