import { describe, expect, it } from 'vitest';
import { captureDueAt, orderMoney, payoutFor, payoutPeriod, paymentSchedule, type PayoutFrequency } from './money';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('money', () => {
  it.each([
    [6500, 5200, 1300],
    [3000, 3000, 0],
    [4990, 0, 4990],
  ])('PAY-2: a price of %i with a pay of %i leaves a platform fee of %i', (priceCents, partnerPayCents, fee) => {
    expect(orderMoney({ priceCents, partnerPayCents })).toEqual({ priceCents, partnerPayCents, platformFeeCents: fee });
  });

  it.each([
    [5000, 5001],
    [5000, -1],
    [50.5, 40],
    [5000, 40.1],
  ])('PAY-2: a price of %d with a pay of %d is refused', (priceCents, partnerPayCents) => {
    expect(() => orderMoney({ priceCents, partnerPayCents })).toThrow(RangeError);
  });

  const order = { priceCents: 6500, startsAt: at('2026-05-20T14:00:00Z'), endsAt: at('2026-05-20T15:00:00Z') };

  it('PAY-3: a card order booked days ahead is pre-authorised 24 h before and charged the day after', () => {
    expect(paymentSchedule(order, 'wellness', false, at('2026-05-17T09:00:00Z'))).toEqual([
      { kind: 'preauth', amountCents: 6500, dueAt: at('2026-05-19T14:00:00Z') },
      { kind: 'capture', amountCents: 6500, dueAt: at('2026-05-21T15:00:00Z') },
    ]);
  });

  it.each([
    ['accepted 23 h before the start: at acceptance', '2026-05-19T15:00:00Z', '2026-05-19T15:00:00Z'],
    ['accepted exactly 24 h before: then', '2026-05-19T14:00:00Z', '2026-05-19T14:00:00Z'],
    ['accepted 2 h before the start: at acceptance', '2026-05-20T12:00:00Z', '2026-05-20T12:00:00Z'],
    ['accepted 24 h + 1 min before: 24 h before the start', '2026-05-19T13:59:00Z', '2026-05-19T14:00:00Z'],
  ])('PAY-6: %s', (_name, acceptedAt, preauth) => {
    const [row] = paymentSchedule(order, 'wellness', false, at(acceptedAt));
    expect(row).toEqual({ kind: 'preauth', amountCents: 6500, dueAt: at(preauth) });
  });

  it('PAY-3: "24 h before" is a duration across the spring DST change (11:00 CET the day before a 12:00 CEST start)', () => {
    const o = { priceCents: 100, startsAt: at('2026-03-29T10:00:00Z'), endsAt: at('2026-03-29T11:00:00Z') };
    expect(paymentSchedule(o, 'care', false, at('2026-03-20T10:00:00Z'))[0].dueAt).toEqual(at('2026-03-28T10:00:00Z'));
  });

  it.each([
    ['an afternoon session: 24 h later', '2026-05-20T15:00:00Z', '2026-05-21T15:00:00Z'],
    ['ending 23:30 Paris before spring forward: the end of the (23 h) next day', '2026-03-28T22:30:00Z', '2026-03-29T22:00:00Z'],
    ['ending 23:30 Paris before fall back: 24 h later, still the next day', '2026-10-24T21:30:00Z', '2026-10-25T21:30:00Z'],
    ['ending on 31 December: on 1 January', '2026-12-31T18:00:00Z', '2027-01-01T18:00:00Z'],
  ])('PAY-3: the charge of %s', (_name, end, due) => {
    expect(captureDueAt(at(end))).toEqual(at(due));
  });

  it('PAY-5: Care with the immediate advance has an URSSAF debit and no card payment', () => {
    expect(paymentSchedule(order, 'care', true, at('2026-05-17T09:00:00Z'))).toEqual([
      { kind: 'urssaf_debit', amountCents: 6500, dueAt: at('2026-05-21T15:00:00Z') },
    ]);
  });

  it('PAY-5: Care without the immediate advance pays by card', () => {
    expect(paymentSchedule(order, 'care', false, at('2026-05-17T09:00:00Z')).map((r) => r.kind)).toEqual(['preauth', 'capture']);
  });

  it('PAY-5: the immediate advance does not exist on Wellness: card', () => {
    expect(paymentSchedule(order, 'wellness', true, at('2026-05-17T09:00:00Z')).map((r) => r.kind)).toEqual(['preauth', 'capture']);
  });

  it.each([
    // [case, session end, frequency, period start, period end, payout date, arrival date]
    ['a Wednesday', '2026-05-20T15:00:00Z', 'weekly', '2026-05-18', '2026-05-24', '2026-05-25', '2026-06-02'],
    ['Monday 00:00 Paris (Sunday 22:00 UTC)', '2026-05-24T22:00:00Z', 'weekly', '2026-05-25', '2026-05-31', '2026-06-01', '2026-06-09'],
    ['Sunday 23:59 Paris', '2026-05-24T21:59:00Z', 'weekly', '2026-05-18', '2026-05-24', '2026-05-25', '2026-06-02'],
    ['the spring-forward Sunday', '2026-03-29T20:00:00Z', 'weekly', '2026-03-23', '2026-03-29', '2026-03-30', '2026-04-07'],
    ['the fall-back Sunday, 23:30 Paris', '2026-10-25T22:30:00Z', 'weekly', '2026-10-19', '2026-10-25', '2026-10-26', '2026-11-03'],
    ['a week across a month end', '2026-07-01T10:00:00Z', 'weekly', '2026-06-29', '2026-07-05', '2026-07-06', '2026-07-14'],
    ['a week across a year end', '2026-12-31T10:00:00Z', 'weekly', '2026-12-28', '2027-01-03', '2027-01-04', '2027-01-12'],
    ['mid-May, monthly', '2026-05-20T15:00:00Z', 'monthly', '2026-05-01', '2026-05-31', '2026-06-01', '2026-06-09'],
    ['1 April 00:30 Paris (31 March UTC), monthly', '2026-03-31T22:30:00Z', 'monthly', '2026-04-01', '2026-04-30', '2026-05-01', '2026-05-09'],
    ['31 March 23:30 Paris, monthly', '2026-03-31T21:30:00Z', 'monthly', '2026-03-01', '2026-03-31', '2026-04-01', '2026-04-09'],
    ['February of a leap year, monthly', '2028-02-29T12:00:00Z', 'monthly', '2028-02-01', '2028-02-29', '2028-03-01', '2028-03-09'],
    ['February, monthly', '2026-02-10T12:00:00Z', 'monthly', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-09'],
    ['December, monthly', '2026-12-31T22:59:00Z', 'monthly', '2026-12-01', '2026-12-31', '2027-01-01', '2027-01-09'],
    ['October (DST), monthly', '2026-10-25T12:00:00Z', 'monthly', '2026-10-01', '2026-10-31', '2026-11-01', '2026-11-09'],
  ] as [string, string, PayoutFrequency, string, string, string, string][])(
    'PAY-4/PAY-6: a session ending %s is paid on %s …',
    (_name, end, frequency, start, periodEnd, payoutDate, arrivalDate) => {
      const period = payoutPeriod(at(end), frequency);
      expect(period).toEqual({ frequency, start, end: periodEnd });
      expect(payoutFor(period)).toMatchObject({ payoutDate, arrivalDate });
    },
  );

  it('PAY-6: payout and arrival instants are Paris midnights, across DST', () => {
    const dates = payoutFor({ frequency: 'weekly', start: '2026-03-23', end: '2026-03-29' });
    expect(dates.paidAt.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // Monday 30 March, CEST
    expect(dates.arrivesAt.toISOString()).toBe('2026-04-06T22:00:00.000Z');
    const autumn = payoutFor({ frequency: 'monthly', start: '2026-10-01', end: '2026-10-31' });
    expect(autumn.paidAt.toISOString()).toBe('2026-10-31T23:00:00.000Z'); // 1 November, CET
  });

  it.each([
    [{ frequency: 'weekly', start: '2026-05-19', end: '2026-05-25' }],
    [{ frequency: 'weekly', start: '2026-05-18', end: '2026-05-31' }],
    [{ frequency: 'monthly', start: '2026-05-02', end: '2026-05-31' }],
    [{ frequency: 'monthly', start: '2026-02-01', end: '2026-02-29' }],
  ] as const)('PAY-6: a malformed period %j is refused', (period) => {
    expect(() => payoutFor(period)).toThrow(RangeError);
  });
});
