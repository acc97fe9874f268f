/** The verification workspace's shapes as the API sends them (CONTRACT.md "Actions → Partners and documents"). */
import type { DocumentStatus, DocumentType, PartnerStatus } from '../../../shared/domain';
import type { CheckKind, CheckOutcome, ChecklistItem, RegistryState } from '../../../shared/verification/requirements';

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

/** A partner's document as `GET /api/documents?filter={"partnerId":…}` lists it. */
export interface DocumentRow {
  id: number;
  partnerId: number;
  type: DocumentType;
  status: DocumentStatus;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  issuedAt: string | null;
  expiresAt: string | null;
  validUntil: string | null;
  qualification: string | null;
  holderName: string | null;
  iban: string | null;
  worksInFranceAuthorised: boolean | null;
  rejectionReason: string | null;
  createdAt: string;
}

/** The facts an agent records on approving a document (VER-5), only those that changed. */
export type DocumentFacts = Record<string, string | boolean | null>;

/** A partner's status after a decision on the file. */
export interface PartnerState {
  id: number;
  status: PartnerStatus;
}

/** A check to record (`POST /api/partners/{id}/checks`) or the outcome of a held one (`PUT …/checks/{checkId}`). */
export type CheckBody = Record<string, unknown>;
