import { describe, expect, it } from 'vitest';
import { answerWindowMinutes, canBook, expiryAt, proposalDeadline } from './dispatch';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const start = new Date('2026-05-20T14:00:00Z');

describe('dispatch timing', () => {
  it.each([
    ['2 h + 1 min ahead', 2 * H + MIN, true],
    ['exactly 2 h ahead', 2 * H, true],
    ['2 h − 1 s ahead', 2 * H - S, false],
    ['30 min ahead', 30 * MIN, false],
    ['after the start', -MIN, false],
  ])('DSP-2: booking %s is allowed: %s', (_name, lead, allowed) => {
    expect(canBook(new Date(start.getTime() - lead), start)).toBe(allowed);
  });

  it.each([
    ['0 (booked at the start)', 0, 5],
    ['2 h', 2 * H, 5],
    ['3h59m59s', 4 * H - S, 5],
    ['4 h exactly', 4 * H, 15],
    ['23h59', 23 * H + 59 * MIN, 15],
    ['23h59m59.999s', 24 * H - 1, 15],
    ['24 h exactly', 24 * H, 30],
    ['71h59', 71 * H + 59 * MIN, 30],
    ['72 h exactly', 72 * H, 60],
    ['30 days', 30 * 24 * H, 60],
  ])('DSP-11: a lead time of %s gives a %i-minute answer window', (_name, lead, minutes) => {
    expect(answerWindowMinutes(lead)).toBe(minutes);
  });

  it('DSP-12: an unfilled order expires 1 h before its start', () => {
    expect(expiryAt(start).toISOString()).toBe('2026-05-20T13:00:00.000Z');
  });

  it.each([
    // [case, lead time of the order, sent this long before the start, deadline this long before the start]
    ['DSP-11: a 3-day-ahead order gives 60 min', 80 * H, 10 * H, 9 * H],
    ['DSP-11: a same-day order gives 15 min', 6 * H, 5 * H, 5 * H - 15 * MIN],
    ['DSP-12: the window is cut at the expiry', 3 * H, 1 * H + 2 * MIN, 1 * H],
    ['DSP-12: a window ending exactly at the expiry is kept', 3 * H, 1 * H + 5 * MIN, 1 * H],
  ])('%s', (_name, lead, sentBefore, deadlineBefore) => {
    const order = { createdAt: new Date(start.getTime() - lead), startsAt: start };
    const deadline = proposalDeadline(order, new Date(start.getTime() - sentBefore));
    expect(start.getTime() - deadline.getTime()).toBe(deadlineBefore);
  });
});
