/**
 * An agent takes an applicant's file (REF-9: applicant → in_review, assigned to them), so
 * that two agents never work the same file: one transaction with its audit row, and a
 * conditional update so that of two agents taking it at once one gets a 409 naming the other.
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { getOne } from '../data/getOne';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import { staff, takenByOther } from './guards';
import { explainLost, partnerOr404 } from './partnerFileStep';

/** POST /api/partners/{id}/take: applicant → in_review, assigned to the caller (REF-9). Taking one's own file again is a no-op. */
export async function takePartner(ctx: Ctx, rawId: string | number): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status === 'in_review') {
    if (partner.assignedTo === actor.id) return getOne(ctx.db, partnersSpec, String(partner.id));
    throw await takenByOther(ctx.db, partner);
  }
  if (partner.status !== 'applicant') {
    throw AppError.invalidState(`Seul un dossier en attente peut être pris (statut : ${partner.status}). / Only an applicant's file can be taken.`, { status: partner.status });
  }
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['applicant'], to: 'in_review', set: { assignedTo: actor.id, takenAt: tx.now.toISOString() }, action: 'partners.take', lost: explainLost(partner.id, 'applicant') }),
  );
}
