/**
 * The data provider's case methods (CONTRACT.md "Actions → Cases"): the mediation commands
 * that are not REST verbs, each resolving to the answer's JSON. A refusal rejects with the
 * server's sentence (httpClient: 409 the state changed, 422 MED-5's inadmissible referral).
 */
import type { Identifier } from 'react-admin';
import { getJson, postForm, postJson, segment } from '../httpClient';
import type { CaseEvent, CaseRecord, CloseBody, IntakeAttachment, IntakeResult, NewCaseEvent, NoteBody, ReferBody } from './caseTypes';

export interface CaseMethods {
  /** `GET /api/cases/{id}/events`: the timeline, oldest first. */
  getCaseEvents(id: Identifier): Promise<CaseEvent[]>;
  /** `POST /api/cases/{id}/amicable` (MED-1). */
  startAmicable(id: Identifier, body: NoteBody): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/resolve`. */
  resolveCase(id: Identifier, body: NoteBody): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/refer` (MED-3, MED-5, MED-8). */
  referCase(id: Identifier, body: ReferBody): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/close` with the outcome. */
  closeCase(id: Identifier, body: CloseBody): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/assign`: no `assignedTo` = take it myself (409 if someone else holds it). */
  assignCase(id: Identifier, assignedTo?: Identifier | null): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/extend` `{days, reason}`: MED-6's extension of the outcome deadline. */
  extendCaseOutcome(id: Identifier, days: number, reason: string): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/events`: a note, a message, a proposal or a decision written by hand. */
  addCaseEvent(id: Identifier, event: NewCaseEvent): Promise<CaseEvent>;
  /** `POST /api/cases/{id}/evidence`, multipart `file` (PDF, JPEG, PNG: the hardened upload path). */
  uploadCaseEvidence(id: Identifier, file: File, note?: string): Promise<CaseEvent>;
  /**
   * `POST /api/cases/intake`, multipart `file` (an .eml) and, from a case page, `caseId`: the
   * message goes on that case. The answer `{created, placement, suggested, case, attachments}`.
   */
  importEml(file: File, caseId?: Identifier): Promise<IntakeResult>;
  /** `POST /api/cases/{id}/attach`: the e-mail of a case "à rattacher" moves to the suggested case; this one closes as its duplicate. */
  attachSuggestedCase(id: Identifier, note?: string): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/dismiss-suggestion`: the case stays a case of its own. */
  dismissSuggestedCase(id: Identifier, note?: string): Promise<CaseRecord>;
  /** `POST /api/cases/{id}/close-duplicate` `{duplicateOfId, note?}`: closed with no outcome, linked to the original. */
  closeCaseAsDuplicate(id: Identifier, duplicateOfId: Identifier, note?: string): Promise<CaseRecord>;
}

interface IntakeAnswer {
  created: boolean;
  placement?: IntakeResult['placement'];
  suggested?: IntakeResult['suggested'];
  case: CaseRecord;
  attachments?: IntakeAttachment[];
}

export function caseMethods(apiUrl: string): CaseMethods {
  const caseUrl = (id: Identifier) => `${apiUrl}/cases/${segment(id)}`;
  const optionalNote = (note?: string) => (note ? { note } : {});
  return {
    getCaseEvents: async (id) => {
      const json = await getJson<CaseEvent[] | { data: CaseEvent[] }>(`${caseUrl(id)}/events`);
      return Array.isArray(json) ? json : json.data;
    },
    startAmicable: (id, body) => postJson(`${caseUrl(id)}/amicable`, body),
    resolveCase: (id, body) => postJson(`${caseUrl(id)}/resolve`, body),
    referCase: (id, body) => postJson(`${caseUrl(id)}/refer`, body),
    closeCase: (id, body) => postJson(`${caseUrl(id)}/close`, body),
    assignCase: (id, assignedTo) => postJson(`${caseUrl(id)}/assign`, assignedTo === undefined ? {} : { assignedTo }),
    extendCaseOutcome: (id, days, reason) => postJson(`${caseUrl(id)}/extend`, { days, reason }),
    addCaseEvent: (id, event) => postJson(`${caseUrl(id)}/events`, event),
    uploadCaseEvidence: (id, file, note) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (note?.trim()) form.append('note', note.trim());
      return postForm(`${caseUrl(id)}/evidence`, form);
    },
    importEml: async (file, caseId) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (caseId !== undefined) form.append('caseId', String(caseId));
      const json = await postForm<IntakeAnswer>(`${apiUrl}/cases/intake`, form);
      return {
        id: json.case.id,
        reference: json.case.reference,
        created: json.created,
        placement: json.placement ?? (json.created ? 'new' : 'reference'),
        suggested: json.suggested ?? null,
        attachments: json.attachments ?? [],
      };
    },
    attachSuggestedCase: (id, note) => postJson(`${caseUrl(id)}/attach`, optionalNote(note)),
    dismissSuggestedCase: (id, note) => postJson(`${caseUrl(id)}/dismiss-suggestion`, optionalNote(note)),
    closeCaseAsDuplicate: (id, duplicateOfId, note) =>
      postJson(`${caseUrl(id)}/close-duplicate`, { duplicateOfId: Number(duplicateOfId), ...optionalNote(note) }),
  };
}
