/**
 * An agent approves a file under review (REF-9: in_review → active, so the engine starts
 * offering work), only with a complete checklist, else 409 checklist_incomplete. The
 * checklist is evaluated inside the transaction that writes the status and its audit row,
 * so a document rejected a moment ago is seen.
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import type { Registry } from '../registry/types';
import { evaluateFiles } from './fileStatus';
import { staff } from './guards';
import { registryStateFor } from './registryCheck';
import { loadPartnerFile } from './repository';
import { explainLost, fileToDecide } from './partnerFileStep';

/**
 * POST /api/partners/{id}/approve: in_review → active (REF-9), only when every blocking item
 * of the checklist is ok; otherwise 409 `checklist_incomplete` with `details.missing`.
 * The registry answer is refreshed first when stale (REF-2).
 */
export async function approvePartner(ctx: Ctx, registry: Registry, rawId: string): Promise<Row> {
  const actor = staff(ctx);
  const partner = await fileToDecide(ctx, rawId, { fr: 'approuvé', en: 'approved' });
  const now = ctx.clock.now();
  const state = await registryStateFor(ctx.db, registry, partner.siren, now);
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    // Evaluated inside the transaction: a document rejected a moment ago is seen.
    const current = await loadPartnerFile(trx, partner.id);
    if (!current) throw AppError.notFound('partners', partner.id);
    if (current.status !== 'in_review') throw await explainLost(partner.id, 'in_review')(tx);
    const [{ checklist }] = await evaluateFiles(trx, [current], now, new Map([[current.siren ?? '', state]]));
    if (!checklist.complete) {
      throw AppError.invalidState(
        `Le dossier est incomplet : ${checklist.missing.join(', ')}. / The checklist is incomplete.`,
        { missing: checklist.missing, items: checklist.items.filter((i) => i.blocking) },
        'checklist_incomplete',
      );
    }
    return transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'active', set: { assignedTo: null, decidedAt: now.toISOString(), decidedBy: actor.id, refusalReason: null, fileIncompleteSince: null }, action: 'partners.approve', lost: explainLost(partner.id, 'in_review') });
  });
}
