/**
 * The agent holding a file under review, or an admin, puts it back in the queue (REF-9:
 * in_review → applicant, unassigned): one transaction with its audit row, settled by a
 * conditional update against a concurrent step (409).
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import { assertMayReview } from './guards';
import { explainLost, partnerOr404 } from './partnerFileStep';

/** POST /api/partners/{id}/release: in_review → applicant (back in the queue), by the agent holding it or an admin. */
export async function releasePartner(ctx: Ctx, rawId: string): Promise<Row> {
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'in_review') {
    throw AppError.invalidState(`Seul un dossier en cours d’examen peut être rendu (statut : ${partner.status}). / Only a file under review can be released.`, {
      status: partner.status,
    });
  }
  await assertMayReview(ctx, partner);
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'applicant', set: { assignedTo: null, takenAt: null }, action: 'partners.release', lost: explainLost(partner.id, 'in_review') }),
  );
}
