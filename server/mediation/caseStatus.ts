/**
 * The cases' state machine (CONTRACT.md "Actions → Cases"): open → amicable | resolved |
 * referred | closed; amicable → resolved | referred | closed; resolved → closed;
 * referred → closed — and how each status and outcome reads in French.
 */
import type { CaseOutcome, CaseStatus } from '../../shared/domain';

export type CaseAction = 'amicable' | 'resolve' | 'refer' | 'close';

export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  amicable: { from: ['open'], to: 'amicable' },
  resolve: { from: ['open', 'amicable'], to: 'resolved' },
  refer: { from: ['open', 'amicable'], to: 'referred' },
  close: { from: ['open', 'amicable', 'resolved', 'referred'], to: 'closed' },
};

/** Every status but `closed` (final). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['open', 'amicable', 'resolved', 'referred'];

export const STATUS_FR: Record<CaseStatus, string> = {
  open: 'ouvert',
  amicable: 'règlement amiable',
  resolved: 'résolu',
  referred: 'transmis au médiateur',
  closed: 'clos',
};

export const OUTCOME_FR: Record<CaseOutcome, string> = {
  agreement: 'accord',
  no_agreement: 'pas d’accord',
  withdrawn: 'désistement',
};

/** The audit actions that change a case's status (closing as a duplicate and attaching a message close it too). */
export const TRANSITION_ACTIONS = ['cases.amicable', 'cases.resolve', 'cases.refer', 'cases.close', 'cases.closeDuplicate', 'cases.attach'];
