import { describe, expect, it } from 'vitest';
import type { ProposalAnswer } from '../../shared/domain';
import { countedProposals, shouldLift, shouldLimit, type ProposalRecord } from './automaticLimitation';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** Proposals sent one hour apart, oldest first; answered 10 minutes after sending. */
function history(answers: (ProposalAnswer | null)[], startHour = 0): ProposalRecord[] {
  return answers.map((answer, i) => ({
    sentAt: new Date(T0 + (startHour + i) * HOUR),
    answer,
    answeredAt: answer === null ? null : new Date(T0 + (startHour + i) * HOUR + 600_000),
  }));
}
const declined = (n: number): ProposalAnswer[] => Array.from({ length: n }, (_, i) => (['declined', 'timeout', 'other_slot'] as const)[i % 3]);

describe('automatic limitation', () => {
  it.each([
    [49, false],
    [50, true],
    [51, true],
  ])('LIM-1: with %i answered proposals and no acceptance, shouldLimit is %s', (n, limit) => {
    expect(shouldLimit(history(declined(n)), null)).toBe(limit);
  });

  it('LIM-7: a pending proposal does not count towards the 50', () => {
    const answers: (ProposalAnswer | null)[] = [...declined(25), null, ...declined(24)];
    expect(shouldLimit(history(answers), null)).toBe(false);
    expect(shouldLimit(history([...answers, 'declined']), null)).toBe(true);
  });

  it('LIM-7: only timeouts and other slots (no acceptance) still limit', () => {
    const answers: ProposalAnswer[] = Array.from({ length: 50 }, (_, i) => (i % 2 ? 'timeout' : 'other_slot'));
    expect(shouldLimit(history(answers), null)).toBe(true);
  });

  it.each([
    // 51 answered; position counted from the most recent (1 = last sent).
    ['at position 50 (the oldest of the last 50)', 50, false],
    ['at position 51 (just outside the last 50)', 51, true],
    ['at position 1 (the last one)', 1, false],
  ])('LIM-1: with an acceptance %s, shouldLimit is %s', (_name, position, limit) => {
    const answers: ProposalAnswer[] = declined(51);
    answers[51 - position] = 'accepted';
    expect(shouldLimit(history(answers), null)).toBe(limit);
  });

  it('LIM-1: the last 50 are the last sent, whatever the input order', () => {
    const answers: ProposalAnswer[] = declined(51);
    answers[0] = 'accepted'; // the oldest, outside the last 50
    expect(shouldLimit(history(answers).reverse(), null)).toBe(true);
  });

  it('LIM-7: a lift in the middle restarts the count from proposals sent after it', () => {
    const before = history(declined(40));
    const liftAt = new Date(T0 + 40 * HOUR); // the 41st proposal is sent exactly at the lift
    const after = history(declined(50), 40);
    expect(shouldLimit([...before, ...after], null)).toBe(true);
    // Sent exactly at the lift does not count ("after" the lift): 49 counted.
    expect(countedProposals([...before, ...after], liftAt)).toHaveLength(49);
    expect(shouldLimit([...before, ...after], liftAt)).toBe(false);
    expect(shouldLimit([...before, ...after, ...history(['declined'], 90)], liftAt)).toBe(true);
  });

  it('LIM-7: an acceptance before the lift does not protect the partner afterwards', () => {
    const before = history(['accepted', ...declined(10)]);
    const after = history(declined(50), 20);
    expect(shouldLimit([...before, ...after], new Date(T0 + 15 * HOUR))).toBe(true);
  });

  it.each([
    ['an acceptance answered after the start', 'accepted', 2, true],
    ['an acceptance answered before the start', 'accepted', -2, false],
    ['another slot after the start', 'other_slot', 2, false],
    ['a decline after the start', 'declined', 2, false],
    ['a timeout after the start', 'timeout', 2, false],
  ] as const)('LIM-3: %s lifts the automatic limitation: %s', (_name, answer, hoursAfterStart, lift) => {
    const startedAt = new Date(T0 + 100 * HOUR);
    const p: ProposalRecord = {
      sentAt: new Date(startedAt.getTime() + hoursAfterStart * HOUR - 600_000),
      answer,
      answeredAt: new Date(startedAt.getTime() + hoursAfterStart * HOUR),
    };
    expect(shouldLift([...history(declined(50)), p], startedAt)).toBe(lift);
  });

  it('LIM-3: a proposal sent before the limitation but accepted after it lifts it', () => {
    const startedAt = new Date(T0 + 100 * HOUR);
    const p: ProposalRecord = { sentAt: new Date(startedAt.getTime() - 60_000), answer: 'accepted', answeredAt: new Date(startedAt.getTime() + 60_000) };
    expect(shouldLift([p], startedAt)).toBe(true);
  });
});

describe('LIM-1: the in-sent-order scan agrees with the reference decision', () => {
  it('LIM-1: on 2,000 random histories (pending, lifts, acceptances), shouldLimitInSentOrder === shouldLimit', async () => {
    const { mulberry32 } = await import('./random');
    const { shouldLimit, shouldLimitInSentOrder } = await import('./automaticLimitation');
    const rng = mulberry32(7);
    let limited = 0;
    for (let run = 0; run < 2000; run++) {
      const n = rng.int(0, 120);
      const proposals = Array.from({ length: n }, (_, i) => {
        const answer = rng.chance(0.05) ? null : rng.weighted(['accepted', 'declined', 'timeout', 'other_slot'] as const, [rng.chance(0.5) ? 0 : 1, 5, 4, 1]);
        return { sentAt: new Date(1_000_000 + i * 60_000), answer, answeredAt: answer ? new Date(1_000_000 + i * 60_000 + 30_000) : null };
      });
      const lift = rng.chance(0.3) && n > 0 ? proposals[rng.int(0, n - 1)].sentAt : null;
      const expected = shouldLimit(proposals, lift);
      if (expected) limited++;
      expect(shouldLimitInSentOrder(proposals, lift)).toBe(expected);
    }
    // The generator must reach both verdicts, or the comparison proves nothing.
    expect(limited).toBeGreaterThan(50);
    expect(limited).toBeLessThan(1950);
  });
});
