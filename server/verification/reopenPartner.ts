/**
 * An admin reopens a refused file (REF-9: refused → in_review, assigned to them): one
 * transaction with its audit row, settled by a conditional update against a concurrent
 * step (409).
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import { staff } from './guards';
import { explainLost, partnerOr404 } from './partnerFileStep';

/** POST /api/partners/{id}/reopen: refused → in_review, assigned to the admin who reopens it (REF-9). */
export async function reopenPartner(ctx: Ctx, rawId: string): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'refused') {
    throw AppError.invalidState(`Seul un dossier refusé peut être rouvert (statut : ${partner.status}). / Only a refused file can be reopened.`, { status: partner.status });
  }
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['refused'], to: 'in_review', set: { assignedTo: actor.id, takenAt: tx.now.toISOString(), decidedAt: null, decidedBy: null }, action: 'partners.reopen', lost: explainLost(partner.id, 'refused') }),
  );
}
