import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeFrequency, closedPeriods, frequencyForRun, isPayable, nextPayoutBoundary, periodEndInstant, planPayoutRun, type PartnerFrequency, type PayableSession } from './payoutRun';
import { addParisDays, parisInstant, parisMidnight } from '../../shared/calendar/paris';

describe('payout runs, pure (PAY-4, PAY-6, PAY-7, PAY-8)', () => {
  it.each([
    // [now, next boundary]
    ['2026-11-20T10:00:00Z', '2026-11-23'], // Friday → Monday
    ['2026-11-29T22:59:00Z', '2026-11-30'], // Sunday 23:59 Paris → Monday
    ['2026-11-30T10:00:00Z', '2026-12-01'], // Monday → Tuesday 1st
    ['2027-02-26T10:00:00Z', '2027-03-01'], // the 1st is a Monday
  ])('PAY-6: after %s the next payout boundary is %s, 00:00 Paris', (now, day) => {
    expect(nextPayoutBoundary(new Date(now))).toEqual(parisMidnight(day));
  });

  it('PAY-6: on a Tuesday 1st, the closed periods are the week before the last Monday and the month before', () => {
    expect(closedPeriods(parisMidnight('2026-12-01'))).toEqual([
      { frequency: 'weekly', start: '2026-11-23', end: '2026-11-29' },
      { frequency: 'monthly', start: '2026-11-01', end: '2026-11-30' },
    ]);
  });

  it('PAY-6: a run made on time pays on the day after the period, arriving 8 days later; a late run pays on its own day', () => {
    const period = { frequency: 'weekly', start: '2026-11-16', end: '2026-11-22' } as const;
    const onTime = planPayoutRun(period, [], parisMidnight('2026-11-23'));
    expect([onTime.payoutDate, onTime.expectedArrivalAt]).toEqual(['2026-11-23', parisMidnight('2026-12-01')]);
    const late = planPayoutRun(period, [], parisInstant('2026-11-25', 600));
    expect([late.payoutDate, late.expectedArrivalAt]).toEqual(['2026-11-25', parisMidnight('2026-12-03')]);
  });

  it('PAY-8: a session with the immediate advance is payable once URSSAF’s debit is collected, not before', () => {
    const at = new Date('2026-11-23T00:00:00Z');
    expect(isPayable({ immediateAdvance: false, debitCollectedAt: null }, at)).toBe(true);
    expect(isPayable({ immediateAdvance: true, debitCollectedAt: null }, at)).toBe(false);
    expect(isPayable({ immediateAdvance: true, debitCollectedAt: new Date('2026-11-23T00:00:01Z') }, at)).toBe(false);
    expect(isPayable({ immediateAdvance: true, debitCollectedAt: new Date('2026-11-22T12:00:00Z') }, at)).toBe(true);
  });

  it('PAY-7: a change waits for the boundary of the frequency in force; asking back cancels it; asking again changes nothing', () => {
    const weekly: PartnerFrequency = { payoutFrequency: 'weekly', previousPayoutFrequency: null, payoutFrequencyFrom: null };
    const wed = parisInstant('2027-02-17', 600);
    const toMonthly = changeFrequency(weekly, 'monthly', wed);
    expect(toMonthly).toEqual({ payoutFrequency: 'monthly', previousPayoutFrequency: 'weekly', payoutFrequencyFrom: '2027-02-22' });
    expect(frequencyForRun(toMonthly, '2027-02-22')).toBe('weekly');
    expect(frequencyForRun(toMonthly, '2027-03-01')).toBe('monthly');
    expect(changeFrequency(toMonthly, 'monthly', wed)).toEqual(toMonthly);
    expect(changeFrequency(toMonthly, 'weekly', wed)).toEqual(weekly);
    const monthly: PartnerFrequency = { payoutFrequency: 'monthly', previousPayoutFrequency: null, payoutFrequencyFrom: null };
    expect(changeFrequency(monthly, 'weekly', wed)).toEqual({ payoutFrequency: 'weekly', previousPayoutFrequency: 'monthly', payoutFrequencyFrom: '2027-03-01' });
  });

  it('PAY-7 (property): whatever the sessions, the advance debits and the frequency changes over two months, every payable session ends up in exactly one run, never before its end or its debit', () => {
    const start = parisMidnight('2027-01-01').getTime();
    const span = 59 * 24 * 3_600_000;
    const arb = fc.record({
      first: fc.constantFrom('weekly' as const, 'monthly' as const),
      changes: fc.array(fc.record({ at: fc.integer({ min: 0, max: span }), to: fc.constantFrom('weekly' as const, 'monthly' as const) }), { maxLength: 4 }),
      sessions: fc.array(fc.record({ end: fc.integer({ min: 0, max: span }), advance: fc.boolean(), debitAfter: fc.option(fc.integer({ min: 0, max: 20 * 24 * 3_600_000 })) }), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(arb, ({ first, changes, sessions }) => {
        let partner: PartnerFrequency = { payoutFrequency: first, previousPayoutFrequency: null, payoutFrequencyFrom: null };
        const all: PayableSession[] = sessions.map((s, i) => ({
          orderId: i + 1,
          partnerId: 1,
          partnerPayCents: 1000,
          endsAt: new Date(start + s.end),
          immediateAdvance: s.advance,
          debitCollectedAt: s.advance && s.debitAfter !== null ? new Date(start + s.end + s.debitAfter) : null,
        }));
        const paidBy = new Map<number, number[]>();
        const pendingChanges = [...changes].sort((a, b) => a.at - b.at);
        // Every boundary through the end of March, in time order, as the job makes them.
        for (let day = '2027-01-02'; day <= '2027-04-05'; day = addParisDays(day, 1)) {
          const at = parisMidnight(day);
          while (pendingChanges.length && start + pendingChanges[0].at < at.getTime()) {
            const change = pendingChanges.shift()!;
            partner = changeFrequency(partner, change.to, new Date(start + change.at));
          }
          for (const period of closedPeriods(at)) {
            if (periodEndInstant(period).getTime() !== at.getTime()) continue; // only on its own boundary
            const plan = planPayoutRun(period, [], at);
            if (frequencyForRun(partner, plan.payoutDate) !== period.frequency) continue;
            const payable = all.filter((s) => !paidBy.has(s.orderId) && s.endsAt < periodEndInstant(period) && isPayable(s, at));
            for (const line of planPayoutRun(period, payable, at).payouts.flatMap((p) => p.lines)) paidBy.set(line.orderId, [...(paidBy.get(line.orderId) ?? []), at.getTime()]);
          }
        }
        for (const s of all) {
          const payableBy = s.immediateAdvance ? s.debitCollectedAt : s.endsAt;
          if (payableBy === null || payableBy.getTime() >= parisMidnight('2027-03-29').getTime()) continue;
          const runs = paidBy.get(s.orderId) ?? [];
          expect(runs).toHaveLength(1);
          expect(runs[0]).toBeGreaterThan(s.endsAt.getTime());
          expect(runs[0]).toBeGreaterThanOrEqual(payableBy.getTime());
        }
        for (const runs of paidBy.values()) expect(runs).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});
