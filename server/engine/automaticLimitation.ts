/**
 * The automatic limitation (rules LIM-1, LIM-3, LIM-7): when it starts and when an
 * acceptance lifts it, from the partner's proposals alone.
 */
import type { ProposalAnswer } from '../../shared/domain';

/** rule LIM-1: the number of last answered proposals looked at. */
export const AUTOMATIC_LIMITATION_WINDOW = 50;

export interface ProposalRecord {
  sentAt: Date;
  /** null while pending. */
  answer: ProposalAnswer | null;
  answeredAt: Date | null;
}

/**
 * rule LIM-7: the answered proposals that count, most recently sent first — every answer
 * (accepted, declined, other slot, timeout) counts, pending ones do not, and after a
 * lift only proposals sent strictly after it.
 */
export function countedProposals<P extends ProposalRecord>(proposals: readonly P[], lastLiftAt: Date | null): P[] {
  const since = lastLiftAt?.getTime() ?? -Infinity;
  return proposals
    .filter((p) => p.answer !== null && p.sentAt.getTime() > since)
    .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
}

/**
 * rule LIM-1: limit when none of the last 50 answered proposals (LIM-7 counting) was
 * accepted — which needs at least 50 of them. "Other slot" and timeouts are not
 * acceptances (LIM-7, DSP-11).
 */
export function shouldLimit(proposals: readonly ProposalRecord[], lastLiftAt: Date | null): boolean {
  const counted = countedProposals(proposals, lastLiftAt);
  if (counted.length < AUTOMATIC_LIMITATION_WINDOW) return false;
  return counted.slice(0, AUTOMATIC_LIMITATION_WINDOW).every((p) => p.answer !== 'accepted');
}

/**
 * rule LIM-1 / LIM-7, the same decision as `shouldLimit` for proposals already kept in
 * the order they were sent (as the engine and the simulator keep them): scans back from
 * the newest, so it costs at most the window plus the pending ones, whatever the history.
 */
export function shouldLimitInSentOrder(proposals: readonly ProposalRecord[], lastLiftAt: Date | null): boolean {
  const since = lastLiftAt?.getTime() ?? -Infinity;
  let counted = 0;
  for (let i = proposals.length - 1; i >= 0; i--) {
    const p = proposals[i];
    if (p.sentAt.getTime() <= since) break;
    if (p.answer === null) continue;
    if (p.answer === 'accepted') return false;
    if (++counted === AUTOMATIC_LIMITATION_WINDOW) return true;
  }
  return false;
}

/**
 * rule LIM-3 *(assumed)*: accepting a proposal lifts an automatic limitation by itself —
 * an acceptance answered after the limitation started (a limited partner still gets
 * proposals from existing clients, LIM-2).
 */
export function shouldLift(proposals: readonly ProposalRecord[], limitationStartedAt: Date): boolean {
  const since = limitationStartedAt.getTime();
  return proposals.some((p) => p.answer === 'accepted' && (p.answeredAt ?? p.sentAt).getTime() > since);
}
