/** What the limitation, signal and partner-outbox routes answer on success. */
import { z } from 'zod';
import { instant, recordOf, rowId } from '../http/answers';
import { limitationsSpec, signalsSpec } from './specs';

export const limitationAnswer = recordOf(limitationsSpec);
export const signalAnswer = recordOf(signalsSpec);
export const refreshedSignalsAnswer = z.strictObject({ created: z.number().int().min(0), signals: z.array(signalAnswer) });
/** The messages sent to a partner about limitation decisions, newest first. */
export const outboxAnswer = z.array(
  z.strictObject({
    id: rowId,
    partnerId: rowId,
    limitationId: rowId.nullable(),
    kind: z.string(),
    channel: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: instant,
    sentAt: instant.nullable(),
  }),
);
