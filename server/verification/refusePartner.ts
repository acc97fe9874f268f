/**
 * An agent refuses a file under review with an internal reason (REF-9: in_review → refused;
 * REF-7: the reason is never sent to the partner): one transaction with its audit row,
 * settled by a conditional update against a concurrent step (409).
 */
import type { Row } from '../data/rows';
import { z } from 'zod';
import type { Ctx } from '../context';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import { staff } from './guards';
import { explainLost, fileToDecide } from './partnerFileStep';

export const refuseSchema = z.strictObject({
  reason: z.string().trim().min(3, 'motif interne requis (3 caractères au moins) / internal reason required (at least 3 characters)').max(2000),
});

/** POST /api/partners/{id}/refuse {reason}: in_review → refused, with the internal reason (REF-7: never sent to the partner). */
export async function refusePartner(ctx: Ctx, rawId: string, input: z.infer<typeof refuseSchema>): Promise<Row> {
  const actor = staff(ctx);
  const partner = await fileToDecide(ctx, rawId, { fr: 'refusé', en: 'refused' });
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'refused', set: { assignedTo: null, refusalReason: input.reason, decidedAt: tx.now.toISOString(), decidedBy: actor.id }, action: 'partners.refuse', lost: explainLost(partner.id, 'in_review') }),
  );
}
