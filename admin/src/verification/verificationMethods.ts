/**
 * The data provider's verification methods (CONTRACT.md "Actions → Partners and documents",
 * REF-5 to REF-9): the partner file's decisions, the documents' review and upload, the
 * interview and skills test. Each resolves to the answer's JSON; a refusal rejects with the
 * server's sentence (httpClient).
 */
import type { Identifier } from 'react-admin';
import type { Watch } from '../../../shared/verification/watch';
import { getJson, httpClient, postForm, postJson, segment } from '../httpClient';
import type { CheckBody, CheckRow, DocumentFacts, PartnerState, Verification } from './verificationTypes';

export interface VerificationMethods {
  /** `GET /api/partners/{id}/verification`: the checklist, documents required, checks. */
  getVerification(partnerId: Identifier): Promise<Verification>;
  /** `GET /api/verification-watch?days=`: REF-8's documents running out and incomplete files. */
  getVerificationWatch(days: number): Promise<Watch>;
  /** `POST /api/partners/{id}/take`: the applicant's file goes in review, assigned to me. */
  takePartner(partnerId: Identifier): Promise<PartnerState>;
  /** `POST /api/partners/{id}/release`: the file goes back to the queue. */
  releasePartner(partnerId: Identifier): Promise<PartnerState>;
  /** `POST /api/partners/{id}/approve`: only with a complete checklist (409 otherwise). */
  approvePartner(partnerId: Identifier): Promise<PartnerState>;
  /** `POST /api/partners/{id}/refuse` `{reason}`: REF-7's internal reason, never shown to the partner. */
  refusePartner(partnerId: Identifier, reason: string): Promise<PartnerState>;
  /** `POST /api/partners/{id}/reopen` (admin): a refused file goes back to the queue. */
  reopenPartner(partnerId: Identifier): Promise<PartnerState>;
  /** `POST /api/verification-queue/next`: the file that waited longest, assigned to me (404 when none). */
  takeNextPartner(): Promise<{ id: number; reference: string }>;
  /** `POST /api/documents/{id}/approve` with the facts that changed (VER-5); `updatePartnerIban` answers REF-5's mismatch. */
  approveDocument(documentId: Identifier, facts: DocumentFacts): Promise<unknown>;
  /** `POST /api/documents/{id}/reject` `{reason, expectedStatus}`: the status the agent saw — a colleague's decision since then is a 409, not overwritten. */
  rejectDocument(documentId: Identifier, body: { reason: string; expectedStatus: string }): Promise<unknown>;
  /** `POST /api/partners/{id}/documents`, multipart (type, dates, qualification, file). */
  uploadDocument(partnerId: Identifier, form: FormData): Promise<unknown>;
  /** `POST /api/partners/{id}/checks`: schedule an interview or a skills test, or record one held (REF-6). */
  recordCheck(partnerId: Identifier, body: CheckBody): Promise<CheckRow>;
  /** `PUT /api/partners/{id}/checks/{checkId}`: the outcome of a check once held. */
  updateCheck(partnerId: Identifier, checkId: Identifier, body: CheckBody): Promise<CheckRow>;
}

export function verificationMethods(apiUrl: string): VerificationMethods {
  const partnerUrl = (id: Identifier) => `${apiUrl}/partners/${segment(id)}`;
  const documentUrl = (id: Identifier) => `${apiUrl}/documents/${segment(id)}`;
  return {
    getVerification: (partnerId) => getJson(`${partnerUrl(partnerId)}/verification`),
    getVerificationWatch: (days) => getJson(`${apiUrl}/verification-watch?days=${days}`),
    takePartner: (partnerId) => postJson(`${partnerUrl(partnerId)}/take`),
    releasePartner: (partnerId) => postJson(`${partnerUrl(partnerId)}/release`),
    approvePartner: (partnerId) => postJson(`${partnerUrl(partnerId)}/approve`),
    refusePartner: (partnerId, reason) => postJson(`${partnerUrl(partnerId)}/refuse`, { reason }),
    reopenPartner: (partnerId) => postJson(`${partnerUrl(partnerId)}/reopen`),
    takeNextPartner: () => postJson(`${apiUrl}/verification-queue/next`),
    approveDocument: (documentId, facts) => postJson(`${documentUrl(documentId)}/approve`, facts),
    rejectDocument: (documentId, body) => postJson(`${documentUrl(documentId)}/reject`, body),
    uploadDocument: (partnerId, form) => postForm(`${partnerUrl(partnerId)}/documents`, form),
    recordCheck: (partnerId, body) => postJson(`${partnerUrl(partnerId)}/checks`, body),
    updateCheck: async (partnerId, checkId, body) =>
      (await httpClient(`${partnerUrl(partnerId)}/checks/${segment(checkId)}`, { method: 'PUT', body: JSON.stringify(body) })).json as CheckRow,
  };
}
