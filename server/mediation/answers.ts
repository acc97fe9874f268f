/** What the mediation routes answer on success (the shapes server/mediation/README.md describes). */
import { z } from 'zod';
import { CASE_EVENT_TYPES } from '../../shared/domain';
import { instant, recordOf, rowId } from '../http/answers';
import { casesSpec } from './specs';

export const caseAnswer = recordOf(casesSpec);

/** One entry of a case's timeline (server/mediation/timeline.ts eventShape). */
export const caseEventAnswer = z
  .strictObject({
    id: rowId,
    caseId: rowId,
    at: instant,
    actorId: rowId.nullable(),
    actorName: z.string().nullable(),
    sender: z.string().nullable(),
    messageId: z.string().nullable(),
    type: z.enum(CASE_EVENT_TYPES),
    body: z.string().nullable(),
    fileId: rowId.nullable(),
    fileName: z.string().nullable(),
    mimeType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    refundCents: z.number().int().nullable(),
  })
  .meta({ id: 'CaseEvent' });
export const caseEventsAnswer = z.array(caseEventAnswer);

/** An imported e-mail: where it went, the case, its event and what became of its attachments. */
export const intakeAnswer = z.strictObject({
  created: z.boolean(),
  placement: z.enum(['case', 'reference', 'to_attach', 'new']),
  suggested: z.strictObject({ id: rowId, reference: z.string() }).nullable(),
  case: caseAnswer,
  event: caseEventAnswer,
  attachments: z.array(
    z.strictObject({
      fileName: z.string(),
      stored: z.boolean(),
      fileId: rowId.nullable(),
      eventId: rowId.nullable(),
      reason: z.string().nullable(),
      detected: z.string().nullable(),
    }),
  ),
});
