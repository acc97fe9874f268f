/**
 * What every step of a partner file's life (REF-9: take, release, approve, refuse, reopen)
 * shares: loading the file it acts on (under review, for a decision), and — since concurrent steps are settled by
 * conditional updates — telling the loser who holds the file now (409).
 */
import { AppError } from '../http/errors';
import type { Ctx } from '../context';
import { decidedBy } from '../audit/lastActor';
import { actedFirst } from '../data/actedFirst';
import { parseId } from '../data/getOne';
import type { Tx } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';
import { assertMayReview, takenByOther } from './guards';
import { loadPartnerFile, type PartnerFile } from './repository';

export async function partnerOr404(ctx: Ctx, rawId: string | number): Promise<PartnerFile> {
  const id = typeof rawId === 'number' ? rawId : Number(parseId(partnersSpec, rawId));
  const partner = await loadPartnerFile(ctx.db, id);
  if (!partner) throw AppError.notFound('partners', rawId);
  return partner;
}

/** Explains why a status change lost: re-reads the file and names who holds it now. */
export function explainLost(id: number, expected: string) {
  return async (tx: Tx) => {
    const now = await loadPartnerFile(tx.trx, id);
    if (now?.status === 'in_review' && now.assignedTo !== null && expected === 'applicant') return takenByOther(tx.trx, now);
    return actedFirst(tx.trx, 'partners', id, { outcome: ` : le dossier est désormais « ${now?.status ?? 'inconnu'} »` });
  };
}

/**
 * The file under review an agent decides on (approve, refuse): 409 naming who decided when
 * it is no longer under review, 403 unless the caller may review it.
 */
export async function fileToDecide(ctx: Ctx, rawId: string, verb: { fr: string; en: string }): Promise<PartnerFile> {
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'in_review') {
    const by = await decidedBy(ctx.db, 'partners', partner.id);
    throw AppError.invalidState(`Seul un dossier en cours d’examen peut être ${verb.fr} (statut : ${partner.status}${by}). / Only a file under review can be ${verb.en}.`, {
      status: partner.status,
    });
  }
  await assertMayReview(ctx, partner);
  return partner;
}
