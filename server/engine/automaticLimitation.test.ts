import { describe, expect, it } from 'vitest';
import type { ProposalAnswer } from '../../shared/domain';
import { countedProposals, limitingProposals, proposalOutcome, shouldLift, shouldLimit, type ProposalRecord } from './automaticLimitation';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/**
 * An answer as the history writes it: the partner's, and for another slot the client's —
 * 'slot_declined' (declined, or let expire: recorded as declined), 'slot_accepted', or
 * 'other_slot' (still awaiting the client).
 */
type Answer = ProposalAnswer | 'slot_declined' | 'slot_accepted' | null;

/** Proposals sent one hour apart, oldest first; answered 10 minutes after sending, the client 10 minutes later. */
function history(answers: Answer[], startHour = 0): ProposalRecord[] {
  return answers.map((a, i) => {
    const sent = T0 + (startHour + i) * HOUR;
    const slot = a === 'slot_declined' || a === 'slot_accepted';
    return {
      sentAt: new Date(sent),
      answer: slot ? 'other_slot' : a,
      answeredAt: a === null ? null : new Date(sent + 600_000),
      clientAnswer: a === 'slot_declined' ? 'declined' : a === 'slot_accepted' ? 'accepted' : null,
      clientAnsweredAt: slot ? new Date(sent + 1_200_000) : null,
    };
  });
}
/** n refusals of every kind: declined, timed out, another slot the client declined. */
const declined = (n: number): Answer[] => Array.from({ length: n }, (_, i) => (['declined', 'timeout', 'slot_declined'] as const)[i % 3]);

describe('automatic limitation', () => {
  it.each([
    [49, false],
    [50, true],
    [51, true],
  ])('LIM-1: with %i answered proposals and no acceptance, shouldLimit is %s', (n, limit) => {
    expect(shouldLimit(history(declined(n)), null)).toBe(limit);
  });

  it('LIM-7: a pending proposal does not count towards the 50', () => {
    const answers: Answer[] = [...declined(25), null, ...declined(24)];
    expect(shouldLimit(history(answers), null)).toBe(false);
    expect(shouldLimit(history([...answers, 'declined']), null)).toBe(true);
  });

  it('LIM-7: only timeouts and other slots the client declined (no acceptance) still limit', () => {
    const answers: Answer[] = Array.from({ length: 50 }, (_, i) => (i % 2 ? 'timeout' : 'slot_declined'));
    expect(shouldLimit(history(answers), null)).toBe(true);
  });

  it('LIM-7: 50 other slots the client accepted are 50 acceptances — no limitation; 50 the client declined limit', () => {
    const accepted = history(Array.from({ length: 50 }, () => 'slot_accepted' as const));
    expect(accepted.map(proposalOutcome)).toEqual(Array.from({ length: 50 }, () => 'acceptance'));
    expect(shouldLimit(accepted, null)).toBe(false);
    const refused = history(Array.from({ length: 50 }, () => 'slot_declined' as const));
    expect(shouldLimit(refused, null)).toBe(true);
    expect(limitingProposals(refused, null)).toHaveLength(50);
  });

  it.each([
    ['as the last one sent', 49],
    ['as the oldest of the last 50', 0],
  ])('LIM-7: an other slot the client accepted protects like an acceptance, %s', (_name, at) => {
    const answers = declined(50);
    answers[at] = 'slot_accepted';
    expect(shouldLimit(history(answers), null)).toBe(false);
    // One more refusal pushes the oldest out of the last 50.
    expect(shouldLimit(history([...answers, 'declined']), null)).toBe(at === 0);
  });

  it('LIM-7: an other slot still awaiting the client is undecided — the partner is not limited while it is among the last 50; once declined it counts', () => {
    const waiting = history([...declined(49), 'other_slot', 'declined']);
    expect(proposalOutcome(waiting[49])).toBe('undecided');
    expect(shouldLimit(waiting, null)).toBe(false);
    expect(countedProposals(waiting, null)).toHaveLength(50); // the undecided one is not counted
    // 50 refusals sent after it: it is no longer among the last 50.
    expect(shouldLimit([...waiting, ...history(declined(49), 60)], null)).toBe(true);
    // The client declines (or lets it expire): 51 refusals.
    const decided = waiting.map((p, i) => (i === 49 ? { ...p, clientAnswer: 'declined' as const, clientAnsweredAt: new Date(p.sentAt.getTime() + HOUR) } : p));
    expect(shouldLimit(decided, null)).toBe(true);
  });

  it('ENG-4: an other slot withdrawn with its cancelled order does not count and does not protect', () => {
    const answers = history([...declined(49), 'other_slot', 'declined']);
    answers[49] = { ...answers[49], withdrawn: true };
    expect(proposalOutcome(answers[49])).toBe('not_counted');
    expect(shouldLimit(answers, null)).toBe(true);
    expect(limitingProposals(answers, null)).not.toContain(answers[49]);
  });

  it.each([
    // 51 answered; position counted from the most recent (1 = last sent).
    ['at position 50 (the oldest of the last 50)', 50, false],
    ['at position 51 (just outside the last 50)', 51, true],
    ['at position 1 (the last one)', 1, false],
  ])('LIM-1: with an acceptance %s, shouldLimit is %s', (_name, position, limit) => {
    const answers: Answer[] = declined(51);
    answers[51 - position] = 'accepted';
    expect(shouldLimit(history(answers), null)).toBe(limit);
  });

  it('LIM-1: the last 50 are the last sent, whatever the input order', () => {
    const answers: Answer[] = declined(51);
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
    ['another slot the client accepted after the start', 'slot_accepted', 2, true],
    ['another slot the client accepted before the start', 'slot_accepted', -2, false],
    ['another slot still awaiting the client', 'other_slot', 2, false],
    ['another slot the client declined', 'slot_declined', 2, false],
    ['a decline after the start', 'declined', 2, false],
    ['a timeout after the start', 'timeout', 2, false],
  ] as const)('LIM-3 / LIM-7: %s lifts the automatic limitation: %s', (_name, answer, hoursAfterStart, lift) => {
    const startedAt = new Date(T0 + 100 * HOUR);
    // Sent and answered by the partner before the start; the client (for another slot) or the partner answers at `hoursAfterStart`.
    const at = new Date(startedAt.getTime() + hoursAfterStart * HOUR);
    const [p] = history([answer]).map((h) => ({
      ...h,
      sentAt: new Date(at.getTime() - 3 * HOUR),
      answeredAt: answer === 'accepted' || answer === 'declined' || answer === 'timeout' ? at : new Date(at.getTime() - 2 * HOUR),
      clientAnsweredAt: h.clientAnswer ? at : null,
    }));
    expect(shouldLift([...history(declined(50)), p], startedAt)).toBe(lift);
  });

  it('LIM-3: a proposal sent before the limitation but accepted after it lifts it', () => {
    const startedAt = new Date(T0 + 100 * HOUR);
    const p: ProposalRecord = { sentAt: new Date(startedAt.getTime() - 60_000), answer: 'accepted', answeredAt: new Date(startedAt.getTime() + 60_000), clientAnswer: null, clientAnsweredAt: null };
    expect(shouldLift([p], startedAt)).toBe(true);
  });
});

describe('LIM-1: the in-sent-order scan agrees with the reference decision', () => {
  it('LIM-1: on 2,000 random histories (pending, lifts, acceptances), shouldLimitInSentOrder === shouldLimit', async () => {
    const { mulberry32 } = await import('./random');
    const { limitingProposalsInSentOrder, shouldLimit, shouldLimitInSentOrder } = await import('./automaticLimitation');
    const rng = mulberry32(7);
    let limited = 0;
    for (let run = 0; run < 2000; run++) {
      const n = rng.int(0, 120);
      const proposals: ProposalRecord[] = Array.from({ length: n }, (_, i) => {
        const answer = rng.chance(0.05) ? null : rng.weighted(['accepted', 'declined', 'timeout', 'other_slot'] as const, [rng.chance(0.5) ? 0 : 1, 5, 4, 1]);
        // Another slot: mostly answered by the client (accepted or declined), sometimes awaited or withdrawn.
        const client = answer === 'other_slot' ? rng.weighted(['accepted', 'declined', null] as const, [rng.chance(0.5) ? 0 : 1, 12, 1]) : null;
        const sentAt = new Date(1_000_000 + i * 60_000);
        return {
          sentAt,
          answer,
          answeredAt: answer ? new Date(sentAt.getTime() + 30_000) : null,
          clientAnswer: client,
          clientAnsweredAt: client ? new Date(sentAt.getTime() + 45_000) : null,
          withdrawn: answer === 'other_slot' && client === null && rng.chance(0.5),
        };
      });
      const lift = rng.chance(0.3) && n > 0 ? proposals[rng.int(0, n - 1)].sentAt : null;
      const expected = shouldLimit(proposals, lift);
      if (expected) limited++;
      expect(shouldLimitInSentOrder(proposals, lift)).toBe(expected);
      expect(limitingProposalsInSentOrder(proposals, lift)).toEqual(limitingProposals(proposals, lift));
    }
    // The generator must reach both verdicts, or the comparison proves nothing.
    expect(limited).toBeGreaterThan(50);
    expect(limited).toBeLessThan(1950);
  });
});
