/**
 * What every step of a partner file's life (REF-9: take, release, approve, refuse, reopen)
 * shares: loading the file it acts on, and — since concurrent steps are settled by
 * conditional updates — telling the loser who holds the file now (409).
 */
import { AppError } from '../http/errors';
import type { Ctx } from '../context';
import { actedFirst } from '../data/actedFirst';
import { parseId } from '../data/getOne';
import type { Tx } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';
import { takenByOther } from './guards';
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
