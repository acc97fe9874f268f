/**
 * A mediator closes the case with its outcome (agreement, no agreement, withdrawal); an
 * agreement may carry a refund, recorded against the order's money lines (never more than
 * the order cost).
 */
import type { PaymentsRow } from '../data/tables';
import { z } from 'zod';
import { CASE_OUTCOMES } from '../../shared/domain';
import { formatEuros } from '../../shared/euros';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { insertId } from '../data/insertId';
import { iso, num } from '../data/rows';
import type { ApiRecord } from '../http/resource';
import { AppError } from '../http/errors';
import { OUTCOME_FR } from './caseStatus';
import { changeCaseStatus } from './changeCaseStatus';
import { assertRefundable } from './refunds';

export const closeBodySchema = z
  .object({ outcome: z.enum(CASE_OUTCOMES), refundCents: z.number().int().positive().optional(), note: z.string().trim().max(4000).optional() })
  .strict();

export function closeCase(ctx: Ctx, rawId: string, body: z.infer<typeof closeBodySchema>): Promise<ApiRecord> {
  return changeCaseStatus(ctx, rawId, body.note, {
    action: 'close',
    prepare: async (tx, before, changes, events, stamp) => {
      const outcome = body.outcome;
      if (body.refundCents !== undefined && outcome !== 'agreement') {
        throw AppError.validation('Un remboursement n’accompagne qu’un accord (issue « agreement »). / A refund goes with an agreement only.', { fields: { refundCents: 'agreement_only' } });
      }
      let refund: number | null = null;
      if (body.refundCents !== undefined) {
        await assertRefundable(tx, before, body.refundCents);
        refund = body.refundCents;
      }
      Object.assign(changes, { outcome, refundCents: refund, closedAt: iso(tx.now) });
      events.push({ type: 'decision', body: `Issue : ${OUTCOME_FR[outcome]}${refund !== null ? `, remboursement de ${formatEuros(refund)}` : ''}${stamp}` });
      if (refund !== null) {
        // Recorded against the order's money lines: a refund row, due now, executed by the payment provider.
        const paymentId = await insertId(tx.trx, 'payments', { orderId: num(before.orderId), kind: 'refund', amountCents: refund, dueAt: iso(tx.now), doneAt: null });
        changes.refundPaymentId = paymentId;
        const payment = await tx.trx<PaymentsRow>('payments').where('id', paymentId).first();
        await audit(tx, 'payments.refund', 'payments', paymentId, null, { ...payment, caseId: num(before.id) });
      }
    },
  });
}
