/**
 * What the console offers for a case, from its status (CONTRACT.md's state machine) and the
 * deadlines (shared/mediation/deadlines.ts). The server decides anyway: 409 with its sentence.
 */
import type { CaseEventType, CaseStatus } from '../../../shared/domain';
import { amicableAttemptFailed } from '../../../shared/mediation/deadlines';
import type { CaseRecord } from './caseTypes';

/** The transitions, exactly CONTRACT.md's state machine. */
export const CASE_TRANSITIONS = ['amicable', 'resolve', 'refer', 'close'] as const;
export type CaseTransition = (typeof CASE_TRANSITIONS)[number];

const NEXT: Record<CaseStatus, readonly CaseTransition[]> = {
  open: ['amicable', 'resolve', 'refer', 'close'],
  amicable: ['resolve', 'refer', 'close'],
  resolved: ['close'],
  referred: ['close'],
  closed: [],
};

/** Which transitions the status allows. */
export function transitionsFor(status: string): CaseTransition[] {
  return [...(NEXT[status as CaseStatus] ?? [])];
}

/**
 * The transitions to offer: the status's, less the referral while MED-8 would refuse it (an
 * open case before MED-7's answer deadline; the deadline panel says why). MED-5's refusals
 * stay offered: the referral dialog warns and shows the server's reason.
 */
export function offeredTransitions(record: Pick<CaseRecord, 'status' | 'writtenComplaintAt' | 'answeredAt'>, now: Date): CaseTransition[] {
  const referable = amicableAttemptFailed(record, now).failed;
  return transitionsFor(record.status).filter((t) => t !== 'refer' || referable);
}

/** A case is worked on (timeline, evidence, assignment) until it is closed. */
export const isWorkable = (status: string) => status !== 'closed' && status in NEXT;

/** The statuses of a case still running: the queue and the age chart. */
export const RUNNING_STATUSES: CaseStatus[] = ['open', 'amicable', 'resolved', 'referred'];

/** The event types a mediator writes by hand (the others come from actions). */
export const WRITABLE_EVENT_TYPES = ['note', 'message_in', 'message_out', 'proposal', 'decision'] as const satisfies readonly CaseEventType[];
export type WritableEventType = (typeof WRITABLE_EVENT_TYPES)[number];
