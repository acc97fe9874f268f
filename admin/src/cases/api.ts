/**
 * The mediation calls (CONTRACT.md "Actions → Cases"), through the console's one HTTP
 * client (session cookie, the contract's `{"error": {…}}` turned into a readable message).
 */
import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import type { CaseEventType, CaseOutcome, CaseStatus } from '../../../shared/domain';
import { amicableAttemptFailed, type DeadlineKind } from '../../../shared/mediation/deadlines';
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';
import type { MediationCase } from '../types';

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

/** Which transitions the status allows (the server decides anyway: 409 with its sentence). */
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

export interface CloseBody {
  outcome: CaseOutcome;
  refundCents?: number;
  note?: string;
}

export interface ReferBody {
  mediatorReceivedAt?: string;
  mediatorNotifiedAt?: string;
  note?: string;
}

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body ?? {}) });

const caseUrl = (id: Identifier) => `${API_URL}/cases/${encodeURIComponent(String(id))}`;

/** `POST /api/cases/{id}/{amicable|resolve|refer|close}` → the case as it now is. */
export async function caseTransition(id: Identifier, action: CaseTransition, body?: unknown): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/${action}`, post(body))).json as CaseRecord;
}

/** `POST /api/cases/{id}/assign`: no `assignedTo` = take it myself (409 if someone else holds it). */
export async function assignCase(id: Identifier, assignedTo?: Identifier | null): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/assign`, post(assignedTo === undefined ? {} : { assignedTo }))).json as CaseRecord;
}

/** `POST /api/cases/{id}/extend` `{days, reason}`: MED-6's extension of the outcome deadline, recorded with its reason. */
export async function extendOutcome(id: Identifier, days: number, reason: string): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/extend`, post({ days, reason }))).json as CaseRecord;
}

/** `PUT /api/cases/{id}`: the editable fields (assignment, the mediator's dates), the whole record as react-admin sends it. */
export async function updateCase(record: CaseRecord, changes: Partial<CaseRecord>): Promise<CaseRecord> {
  const res = await httpClient(caseUrl(record.id), { method: 'PUT', body: JSON.stringify({ ...record, ...changes }) });
  return res.json as CaseRecord;
}

export const eventsKey = (id: Identifier) => ['cases', String(id), 'events'] as const;

/** The timeline; `enabled: false` for the roles that may not read it (the server answers 403). */
export function useCaseEvents(id: Identifier | undefined, enabled = true) {
  return useQuery({
    enabled: enabled && id !== undefined,
    queryKey: eventsKey(id ?? ''),
    queryFn: async () => {
      const json = (await httpClient(`${caseUrl(id!)}/events`)).json as CaseEvent[] | { data: CaseEvent[] };
      return Array.isArray(json) ? json : json.data;
    },
  });
}

/** The event types a mediator writes by hand (the others come from actions). */
export const WRITABLE_EVENT_TYPES = ['note', 'message_in', 'message_out', 'proposal', 'decision'] as const satisfies readonly CaseEventType[];
export type WritableEventType = (typeof WRITABLE_EVENT_TYPES)[number];

export async function addCaseEvent(id: Identifier, body: { type: WritableEventType; body: string; refundCents?: number }): Promise<CaseEvent> {
  return (await httpClient(`${caseUrl(id)}/events`, post(body))).json as CaseEvent;
}

/** `POST /api/cases/{id}/evidence`, multipart `file` (PDF, JPEG, PNG: the hardened upload path). */
export async function uploadEvidence(id: Identifier, file: File, note?: string): Promise<CaseEvent> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (note?.trim()) form.append('note', note.trim());
  // No Content-Type: the browser writes the multipart boundary itself.
  return (await httpClient(`${caseUrl(id)}/evidence`, { method: 'POST', body: form })).json as CaseEvent;
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

/**
 * `POST /api/cases/intake`, multipart `file` (an .eml) and, from a case page, `caseId`: the
 * message goes on that case. Answers `{created, placement, suggested, case, event, attachments}`.
 */
export async function importEml(file: File, caseId?: Identifier): Promise<IntakeResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (caseId !== undefined) form.append('caseId', String(caseId));
  const json = (await httpClient(`${API_URL}/cases/intake`, { method: 'POST', body: form })).json as {
    created: boolean;
    placement?: IntakeResult['placement'];
    suggested?: IntakeResult['suggested'];
    case: CaseRecord;
    attachments?: IntakeAttachment[];
  };
  return {
    id: json.case.id,
    reference: json.case.reference,
    created: json.created,
    placement: json.placement ?? (json.created ? 'new' : 'reference'),
    suggested: json.suggested ?? null,
    attachments: json.attachments ?? [],
  };
}

/** `POST /api/cases/{id}/attach`: the e-mail of a case "à rattacher" moves to the suggested case; this one closes as its duplicate. */
export async function attachSuggestion(id: Identifier, note?: string): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/attach`, post(note ? { note } : {}))).json as CaseRecord;
}

/** `POST /api/cases/{id}/dismiss-suggestion`: the case stays a case of its own. */
export async function dismissSuggestion(id: Identifier, note?: string): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/dismiss-suggestion`, post(note ? { note } : {}))).json as CaseRecord;
}

/** `POST /api/cases/{id}/close-duplicate` `{duplicateOfId, note?}`: closed with no outcome, linked to the original. */
export async function closeDuplicate(id: Identifier, duplicateOfId: Identifier, note?: string): Promise<CaseRecord> {
  return (await httpClient(`${caseUrl(id)}/close-duplicate`, post({ duplicateOfId: Number(duplicateOfId), ...(note ? { note } : {}) }))).json as CaseRecord;
}

/** `POST /api/signals` with the case attached: a suggestion to ops, never a decision. */
export async function suggestLimitation(body: { partnerId: Identifier; reason: string; note: string; caseId: Identifier }) {
  return (await httpClient(`${API_URL}/signals`, post(body))).json;
}

export const referralPdfUrl = (id: Identifier) => `${caseUrl(id)}/referral.pdf`;

/** An evidence file (`GET /api/cases/{id}/evidence/{fileId}`), readable by mediators and admin only. */
export const evidenceFileUrl = (caseId: Identifier, fileId: Identifier) =>
  `${caseUrl(caseId)}/evidence/${encodeURIComponent(String(fileId))}`;
