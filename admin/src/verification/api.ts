/**
 * The verification workspace's calls (CONTRACT.md "Actions → Partners and documents"),
 * through the console's one HTTP client (session cookie, the contract's errors).
 */
import { useQuery } from '@tanstack/react-query';
import { HttpError } from 'react-admin';
import type { DocumentType, PartnerStatus } from '../../../shared/domain';
import type { CheckKind, CheckOutcome, ChecklistItem, RegistryState } from '../../../shared/verification/requirements';
import type { Watch } from '../../../shared/verification/watch';
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';

export interface CheckRow {
  id: number;
  partnerId: number;
  kind: CheckKind;
  scheduledAt: string | null;
  doneAt: string | null;
  outcome: CheckOutcome | null;
  notes: string | null;
  recordedBy: number | null;
  recordedByName: string | null;
  version: number;
}

/** GET /api/partners/{id}/verification */
export interface Verification {
  partnerId: number;
  status: PartnerStatus;
  assignedTo: number | null;
  assignedToName: string | null;
  complete: boolean;
  items: ChecklistItem[];
  missing: string[];
  incompleteSince: string | null;
  fileIncompleteSince: string | null;
  graceEnds: string | null;
  held: boolean;
  registry: RegistryState | null;
  checks: CheckRow[];
  requiredDocumentTypes: DocumentType[];
  requiredFacts: Partial<Record<DocumentType, string[]>>;
}

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body ?? {}) });

export const verificationKey = (partnerId: number | string) => ['partners', String(partnerId), 'verification'] as const;

export function useVerification(partnerId: number | string | undefined) {
  return useQuery({
    enabled: partnerId !== undefined,
    queryKey: verificationKey(partnerId ?? ''),
    queryFn: async () => (await httpClient(`${API_URL}/partners/${partnerId}/verification`)).json as Verification,
  });
}

export function useWatchList(days: number) {
  return useQuery({
    queryKey: ['verification-watch', days],
    queryFn: async () => (await httpClient(`${API_URL}/verification-watch?days=${days}`)).json as Watch,
  });
}

export type PartnerAction = 'take' | 'release' | 'approve' | 'refuse' | 'reopen';

export async function partnerAction(partnerId: number | string, action: PartnerAction, body?: unknown) {
  return (await httpClient(`${API_URL}/partners/${partnerId}/${action}`, json(body))).json as { id: number; status: PartnerStatus };
}

export async function takeNext() {
  return (await httpClient(`${API_URL}/verification-queue/next`, json({}))).json as { id: number; reference: string };
}

/** The two masked IBANs of the server's refusal to approve a RIB that is not the partner's (REF-5). */
export interface IbanMismatch {
  documentIban: string;
  partnerIban: string;
}

/** The IBAN mismatch a 422 from `POST /documents/{id}/approve` names, or null for any other error. */
export function ibanMismatchOf(error: unknown): IbanMismatch | null {
  if (!(error instanceof HttpError) || error.status !== 422) return null;
  const details = (error.body as { error?: { details?: Partial<IbanMismatch> & { reason?: string } } } | undefined)?.error?.details;
  if (details?.reason !== 'iban_mismatch' || typeof details.documentIban !== 'string' || typeof details.partnerIban !== 'string') return null;
  return { documentIban: details.documentIban, partnerIban: details.partnerIban };
}

export async function documentAction(documentId: number | string, action: 'approve' | 'reject', body: Record<string, unknown>) {
  return (await httpClient(`${API_URL}/documents/${documentId}/${action}`, json(body))).json;
}

export async function uploadDocument(partnerId: number | string, form: FormData) {
  // FormData: the browser sets the multipart boundary itself (no JSON Content-Type).
  return (await httpClient(`${API_URL}/partners/${partnerId}/documents`, { method: 'POST', body: form })).json;
}

export async function recordCheck(partnerId: number | string, body: Record<string, unknown>) {
  return (await httpClient(`${API_URL}/partners/${partnerId}/checks`, json(body))).json as CheckRow;
}

export async function updateCheck(partnerId: number | string, checkId: number, body: Record<string, unknown>) {
  return (await httpClient(`${API_URL}/partners/${partnerId}/checks/${checkId}`, { method: 'PUT', body: JSON.stringify(body) })).json as CheckRow;
}

export const documentFileUrl = (documentId: number | string) => `${API_URL}/documents/${documentId}/file`;
