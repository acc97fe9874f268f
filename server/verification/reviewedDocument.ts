/**
 * A document and its partner's file, as the document operations load them (upload, facts,
 * approve, reject), and the 409 a document decision gets when a colleague acted first.
 */
import type { ApiRecord } from '../http/resource';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { getOne, parseId } from '../data/getOne';
import { actedFirst } from '../data/actedFirst';
import type { Tx } from '../data/transaction';
import { documentsSpec } from './specs';
import { loadPartnerFile, type PartnerFile } from './repository';

export async function partnerOr404(ctx: Ctx, partnerId: number): Promise<PartnerFile> {
  const partner = await loadPartnerFile(ctx.db, partnerId);
  if (!partner) throw AppError.notFound('partners', partnerId);
  return partner;
}

export async function documentAndPartner(ctx: Ctx, rawId: string): Promise<{ doc: ApiRecord; partner: PartnerFile; id: number }> {
  const id = Number(parseId(documentsSpec, rawId));
  const doc = await getOne(ctx.db, documentsSpec, String(id));
  const partner = await partnerOr404(ctx, Number(doc.partnerId));
  return { doc, partner, id };
}

export const lost = (id: number) => (tx: Tx) => actedFirst(tx.trx, 'documents', id, { outcome: ` : le document ${id} vient d’être traité` });
