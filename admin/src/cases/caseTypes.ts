/** The shapes of a case and its timeline as the API sends them (CONTRACT.md "Actions → Cases"). */
import type { Identifier } from 'react-admin';
import type { CaseEventType, CaseOutcome } from '../../../shared/domain';
import type { DeadlineKind } from '../../../shared/mediation/deadlines';
import type { MediationCase } from '../types';
import type { WritableEventType } from './caseRules';

/** A case as the API sends it: the contract's key fields (types.ts) plus the deadline fields. */
export type CaseRecord = MediationCase & {
  description: string | null;
  writtenComplaintAt: string | null;
  answeredAt: string | null;
  /** MED-5 4°: the last Paris date `YYYY-MM-DD` on which a referral is admissible. */
  referralLastDate: string | null;
  referredAt: string | null;
  mediatorReceivedAt: string | null;
  refusalDueAt: string | null;
  mediatorNotifiedAt: string | null;
  outcomeExtensionDays: number;
  /** The nearest running deadline (the queue's order) and which one it is. */
  nextDueAt: string | null;
  nextDueKind: DeadlineKind | null;
  refundPaymentId: Identifier | null;
  insuranceClaim: boolean;
  assignedTo: Identifier | null;
  closedAt: string | null;
  /** "À rattacher": opened from an e-mail that quoted this case without coming from its parties. */
  suggestedCaseId?: Identifier | null;
  /** Closed as a duplicate of this case (which lists it back: `filter={"duplicateOfId": id}`). */
  duplicateOfId?: Identifier | null;
};

/** One line of the timeline (`GET /api/cases/{id}/events`). */
export interface CaseEvent {
  id: Identifier;
  caseId: Identifier;
  at: string;
  actorId: Identifier | null;
  actorName?: string | null;
  /** An imported e-mail's author (`Name <address>`): the event is theirs, not the importing mediator's. */
  sender?: string | null;
  type: CaseEventType;
  body: string | null;
  fileId: Identifier | null;
  fileName?: string | null;
  mimeType?: string | null;
  sizeBytes?: number | null;
  /** A proposal's refund, recorded apart from its text. */
  refundCents?: number | null;
}

/** The optional note of a transition, recorded on the timeline. */
export interface NoteBody {
  note?: string;
}

export interface CloseBody {
  outcome: CaseOutcome;
  refundCents?: number;
  note?: string;
}

/** The mediator's dates when already known: Paris days sent as the instant they start. */
export interface ReferBody {
  mediatorReceivedAt?: string | null;
  mediatorNotifiedAt?: string | null;
  note?: string;
}

/** An event a mediator writes by hand; a proposal may carry its refund. */
export interface NewCaseEvent {
  type: WritableEventType;
  body: string;
  refundCents?: number;
}

export interface IntakeAttachment {
  fileName: string;
  stored: boolean;
  reason: string | null;
}

export interface IntakeResult {
  id: Identifier;
  reference: string;
  /** true: a new case; false: a message on an existing case. */
  created: boolean;
  /** `case`: the case imported from; `reference`: the quoted case (sender is a party); `to_attach`: a new case suggesting the quoted one; `new`. */
  placement: 'case' | 'reference' | 'to_attach' | 'new';
  /** The quoted case, when the message opened a case "à rattacher" instead. */
  suggested: { id: Identifier; reference: string } | null;
  attachments: IntakeAttachment[];
}
