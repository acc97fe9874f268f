/** What the payout routes answer (server/http/answers.ts explains the declarations). */
import { z } from 'zod';
import { fileAnswer, instant, rowId } from '../http/answers';

/** A payout's lines: one per paid session (PAY-7). */
export const payoutLinesAnswer = z.array(
  z.strictObject({
    id: rowId,
    orderId: rowId,
    orderReference: z.string(),
    serviceCode: z.string(),
    sessionEndsAt: instant,
    partnerPayCents: z.number().int(),
  }),
);

/** A run's SEPA credit transfer, ISO 20022 pain.001.001.09. */
export const sepaFileAnswer = fileAnswer('application/xml');
