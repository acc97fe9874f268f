/**
 * The automatic limitation (rules LIM-1, LIM-3, LIM-7): when it starts and when an
 * acceptance lifts it, from the partner's proposals alone.
 *
 * What a proposal counts as (LIM-7): an acceptance — the partner accepted it, or proposed
 * another slot that the client accepted (the partner took the work); a refusal — declined,
 * timed out, or another slot the client declined or let expire; undecided — another slot
 * still awaiting the client's answer: it may yet be an acceptance, so it does not count
 * yet, and while it is among the last 50 the partner is not limited; not counted — pending,
 * or withdrawn with its order (ENG-4).
 */
import type { ProposalAnswer } from '../../shared/domain';

/** rule LIM-1: the number of last answered proposals looked at. */
export const AUTOMATIC_LIMITATION_WINDOW = 50;

export interface ProposalRecord {
  sentAt: Date;
  /** The partner's answer; null while pending. */
  answer: ProposalAnswer | null;
  answeredAt: Date | null;
  /** For another slot: the client's answer (an expired wait is recorded as declined); null while awaited. */
  clientAnswer: 'accepted' | 'declined' | null;
  clientAnsweredAt: Date | null;
  /** rule ENG-4: the order left dispatch while this proposal awaited an answer (the partner's or the client's): it does not count. */
  withdrawn?: boolean;
}

export type ProposalOutcome = 'acceptance' | 'refusal' | 'undecided' | 'not_counted';

/** rule LIM-7: what one proposal counts as for LIM-1 (see the file's comment). */
export function proposalOutcome(p: ProposalRecord): ProposalOutcome {
  if (p.answer === null || p.withdrawn) return 'not_counted';
  if (p.answer === 'accepted') return 'acceptance';
  if (p.answer !== 'other_slot') return 'refusal'; // declined, timeout (DSP-11)
  if (p.clientAnswer === 'accepted') return 'acceptance';
  return p.clientAnswer === 'declined' ? 'refusal' : 'undecided';
}

/** rule LIM-3 / LIM-7: when an acceptance became one (the client's answer for another slot); null if it is none. */
export function acceptedAt(p: ProposalRecord): Date | null {
  if (proposalOutcome(p) !== 'acceptance') return null;
  return p.answer === 'accepted' ? (p.answeredAt ?? p.sentAt) : (p.clientAnsweredAt ?? p.answeredAt ?? p.sentAt);
}

/**
 * rule LIM-7: the decided proposals that count (acceptances and refusals), most recently
 * sent first — after a lift only those sent strictly after it.
 */
export function countedProposals<P extends ProposalRecord>(proposals: readonly P[], lastLiftAt: Date | null): P[] {
  const since = lastLiftAt?.getTime() ?? -Infinity;
  return proposals
    .filter((p) => p.sentAt.getTime() > since && isDecided(proposalOutcome(p)))
    .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
}

function isDecided(o: ProposalOutcome): boolean {
  return o === 'acceptance' || o === 'refusal';
}

/**
 * rule LIM-1 / LIM-7: scans proposals from the newest sent (`at(0)`), stopping at the first
 * sent at or before `since` (the last lift). Returns how many were looked at to find 50
 * refusals with no acceptance and no undecided other slot among them, or -1 when the
 * partner is not to be limited. Indexes, not an iterator: the simulator runs it at every answer.
 */
function scanNewestFirst(count: number, at: (i: number) => ProposalRecord, since: number): number {
  let refusals = 0;
  for (let i = 0; i < count; i++) {
    const p = at(i);
    if (p.sentAt.getTime() <= since) return -1;
    const outcome = proposalOutcome(p);
    if (outcome === 'not_counted') continue;
    // An acceptance among the last 50 protects; an undecided other slot might be one.
    if (outcome !== 'refusal') return -1;
    if (++refusals === AUTOMATIC_LIMITATION_WINDOW) return i + 1;
  }
  return -1;
}

function refusalsAmong<P extends ProposalRecord>(looked: number, at: (i: number) => P): P[] | null {
  if (looked < 0) return null;
  const out: P[] = [];
  for (let i = 0; i < looked; i++) if (proposalOutcome(at(i)) === 'refusal') out.push(at(i));
  return out;
}

/**
 * rule LIM-1 / LIM-7: the last 50 counted proposals that justify an automatic limitation —
 * 50 refusals, the most recently sent first, with no acceptance and no other slot still
 * awaiting the client sent among them — or null when the partner is not to be limited.
 */
export function limitingProposals<P extends ProposalRecord>(proposals: readonly P[], lastLiftAt: Date | null): P[] | null {
  const newestFirst = [...proposals].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
  const at = (i: number) => newestFirst[i];
  return refusalsAmong(scanNewestFirst(newestFirst.length, at, lastLiftAt?.getTime() ?? -Infinity), at);
}

/**
 * rule LIM-1: limit when none of the last 50 counted proposals (LIM-7) was an acceptance —
 * which needs at least 50 of them, and no other slot still awaiting the client among them.
 */
export function shouldLimit(proposals: readonly ProposalRecord[], lastLiftAt: Date | null): boolean {
  return limitingProposals(proposals, lastLiftAt) !== null;
}

/**
 * rule LIM-1 / LIM-7, the same decision as `limitingProposals` for proposals already kept in
 * the order they were sent (as the engine and the simulator keep them): scans back from
 * the newest, so it costs at most the window plus the uncounted ones, whatever the history.
 */
export function limitingProposalsInSentOrder<P extends ProposalRecord>(proposals: readonly P[], lastLiftAt: Date | null): P[] | null {
  const at = (i: number) => proposals[proposals.length - 1 - i];
  return refusalsAmong(scanNewestFirst(proposals.length, at, lastLiftAt?.getTime() ?? -Infinity), at);
}

/** rule LIM-1 / LIM-7: `shouldLimit` for proposals kept in the order they were sent. */
export function shouldLimitInSentOrder(proposals: readonly ProposalRecord[], lastLiftAt: Date | null): boolean {
  return scanNewestFirst(proposals.length, (i) => proposals[proposals.length - 1 - i], lastLiftAt?.getTime() ?? -Infinity) >= 0;
}

/**
 * rule LIM-3 *(assumed)*: accepting a proposal lifts an automatic limitation by itself —
 * an acceptance (the partner's own, or another slot of theirs the client accepted, LIM-7)
 * that became one after the limitation started (a limited partner still gets proposals
 * from existing clients, LIM-2).
 */
export function shouldLift(proposals: readonly ProposalRecord[], limitationStartedAt: Date): boolean {
  const since = limitationStartedAt.getTime();
  return proposals.some((p) => (acceptedAt(p)?.getTime() ?? -Infinity) > since);
}
