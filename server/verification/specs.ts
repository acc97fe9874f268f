/** The partners' documents as the console lists them (their operations: uploadDocument.ts, updateDocumentFacts.ts, approveDocument.ts, rejectDocument.ts, storedDocument.ts). */
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../shared/domain';
import type { ResourceSpec } from '../http/resource';
import { createdAt, id, nullableRef, ref } from '../http/specFields';

export const documentsSpec: ResourceSpec = {
  name: 'documents',
  table: 'documents',
  defaultSort: ['createdAt', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    type: { kind: 'enum', values: DOCUMENT_TYPES, filter: true, sort: true },
    status: { kind: 'enum', values: DOCUMENT_STATUSES, filter: true, sort: true },
    fileName: { kind: 'string', sort: true },
    mimeType: { kind: 'string', filter: true },
    sizeBytes: { kind: 'int', sort: true },
    sha256: { kind: 'string', filter: true },
    issuedAt: { kind: 'date', filter: 'range', sort: true, nullable: true },
    expiresAt: { kind: 'date', filter: 'range', sort: true, nullable: true },
    rejectionReason: { kind: 'string', nullable: true },
    // Facts the agent records (VER-5) and the derived last valid day (VER-2).
    qualification: { kind: 'string', filter: true, nullable: true },
    holderName: { kind: 'string', nullable: true },
    iban: { kind: 'string', nullable: true },
    worksInFranceAuthorised: { kind: 'bool', filter: true, nullable: true },
    validUntil: { kind: 'date', filter: 'range', sort: true, nullable: true },
    reviewedBy: nullableRef,
    reviewedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    uploadedBy: nullableRef,
    createdAt,
  },
};
