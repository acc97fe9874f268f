/** What the verification workspace's routes answer on success (server/verification/*.ts). */
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../shared/domain';
import { anyJson, day, instant, recordOf, rowId } from '../http/answers';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from './specs';

const count = z.number().int().min(0);

export const partnerAnswer = recordOf(partnersSpec);
export const documentAnswer = recordOf(documentsSpec);

/** `POST /validate`: the normalised number, or why it is not valid. */
export const validationAnswer = z.union([
  z.strictObject({ valid: z.literal(true), normalized: z.string() }),
  z.strictObject({ valid: z.literal(false), reason: z.string() }),
]);

/** The SIRENE registry's answer about a SIREN (REF-2). */
export const registryAnswer = z.strictObject({
  siren: z.string(),
  name: z.string().nullable(),
  active: z.boolean(),
  nafCode: z.string().nullable(),
  legalCategory: z.string().nullable(),
  diffusion: z.enum(['O', 'P']),
  checkedAt: instant,
  source: z.string(),
});

/** A row of the verification queue (REF-9). */
export const queueAnswer = z.array(
  z.strictObject({
    id: rowId,
    reference: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    vertical: z.string(),
    services: z.array(z.string()),
    status: z.enum(['applicant', 'in_review']),
    assignedTo: rowId.nullable(),
    assignedToName: z.string().nullable(),
    waitingSince: instant,
    waitingDays: z.number().int(),
    complete: z.boolean(),
    missingCount: count,
    missing: z.array(z.string()),
    toReviewCount: count,
    toReview: z.array(z.string()),
    createdAt: instant,
  }),
);

/** The watch view (REF-8). */
export const watchAnswer = z.strictObject({
  today: day,
  horizon: day,
  days: z.number().int(),
  graceDays: z.number().int(),
  documents: z.array(
    z.strictObject({
      documentId: rowId,
      documentType: z.enum(DOCUMENT_TYPES),
      requirement: z.string(),
      rule: z.string(),
      partnerId: rowId,
      partnerReference: z.string(),
      partnerName: z.string(),
      validUntil: day,
      daysLeft: z.number().int(),
      expired: z.boolean(),
    }),
  ),
  partners: z.array(
    z.strictObject({
      partnerId: rowId,
      reference: z.string(),
      name: z.string(),
      vertical: z.string(),
      missing: z.array(z.string()),
      incompleteSince: z.string(),
      flagged: z.boolean(),
      graceEnds: z.string(),
      held: z.boolean(),
    }),
  ),
});

export const sweepAnswer = z.strictObject({ expiredDocuments: count, flagged: count, cleared: count });

/** A phone interview or skills test of a partner's file (REF-6). */
export const checkAnswer = z.strictObject({
  id: rowId,
  partnerId: rowId,
  kind: z.string(),
  scheduledAt: instant.nullable(),
  doneAt: instant.nullable(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  recordedBy: rowId.nullable(),
  createdAt: instant,
  updatedAt: instant,
  version: z.number().int(),
});

/** One requirement of the checklist (shared/verification/requirements.ts); its extra facts vary by requirement. */
const checklistItem = z.looseObject({ requirement: z.string(), rule: z.string(), status: z.string() });

/** A partner's checklist (REF-1…REF-8), the registry's state and the checks. */
export const verificationAnswer = z.strictObject({
  partnerId: rowId,
  status: z.string(),
  assignedTo: rowId.nullable(),
  assignedToName: z.string().nullable(),
  complete: z.boolean(),
  items: z.array(checklistItem),
  missing: z.array(z.string()),
  incompleteSince: z.string().nullable(),
  fileIncompleteSince: z.string().nullable(),
  graceEnds: z.string().nullable(),
  held: z.boolean(),
  registry: anyJson.describe('What the registry said about the SIREN (null: not looked up yet)'),
  checks: z.array(checkAnswer.extend({ recordedByName: z.string().nullable() })),
  requiredDocumentTypes: z.array(z.enum(DOCUMENT_TYPES)),
  requiredFacts: z.record(z.string(), z.array(z.string())),
});
