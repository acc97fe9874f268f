/**
 * An agent rejects a pending document, or an approved one found wrong later, with a reason:
 * one transaction with its audit row, and the partner's REF-8 flag refreshed in the same
 * transaction. A colleague's decision since the agent looked is a 409, never overwritten.
 */
import type { Row } from '../data/rows';
import { z } from 'zod';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { decidedBy } from '../audit/lastActor';
import { actedFirst } from '../data/actedFirst';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { documentsSpec } from './specs';
import { refreshFileStatus } from './fileStatus';
import { assertMayReview, staff } from './guards';
import { documentAndPartner, lost } from './reviewedDocument';

export const rejectSchema = z.strictObject({
  reason: z.string().trim().min(3, 'motif requis (3 caractères au moins) / reason required (at least 3 characters)').max(2000),
  /** The status the agent saw when deciding (the console sends it): a colleague's decision since then is a 409, not overwritten. */
  expectedStatus: z.enum(['pending', 'approved']).optional(),
});

/** POST /api/documents/{id}/reject {reason}: a pending (or approved, found wrong later) document is rejected. */
export async function rejectDocument(ctx: Ctx, rawId: string, input: z.infer<typeof rejectSchema>): Promise<Row> {
  const actor = staff(ctx);
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  if (doc.status !== 'pending' && doc.status !== 'approved') {
    const by = await decidedBy(ctx.db, 'documents', id);
    throw AppError.invalidState(`Ce document est déjà ${doc.status === 'rejected' ? 'refusé' : 'expiré'}${by}. / This document cannot be rejected.`, { status: doc.status });
  }
  const seen = input.expectedStatus ?? String(doc.status);
  if (seen !== doc.status) throw await actedFirst(ctx.db, 'documents', id, { outcome: ` : le document est désormais « ${String(doc.status)} »` });
  return inTransaction(ctx, async (tx) => {
    const after = await transition(tx, documentsSpec, id, {
      // The status the agent decided on: had a colleague approved it meanwhile, this rejection
      // would silently reverse their decision — it gets 409 naming them instead.
      from: [seen],
      to: 'rejected',
      set: { rejectionReason: input.reason, reviewedBy: actor.id, reviewedAt: tx.now.toISOString() },
      action: 'documents.reject',
      lost: lost(id),
    });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}
