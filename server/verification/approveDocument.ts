/**
 * An agent approves a pending document once its facts are recorded (VER-5) and it is still
 * valid (REF-8); a RIB must carry the partner's IBAN (REF-5). One transaction with its audit
 * row, and the partner's REF-8 flag refreshed in the same transaction.
 */
import type { Row } from '../data/rows';
import { parisDate } from '../../shared/calendar/paris';
import { requiredFacts, type DocumentFact } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { decidedBy } from '../audit/lastActor';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { documentsSpec } from './specs';
import { refreshFileStatus } from './fileStatus';
import { assertMayReview, staff } from './guards';
import { checkRibIban, partnerIbanIn, setPartnerIbanFromRib } from './ribIban';
import { checkFacts, merged, type DocumentFacts } from './documentFacts';
import { documentAndPartner, lost } from './reviewedDocument';

/**
 * POST /api/documents/{id}/approve: a pending document becomes approved, once the facts the
 * requirements table needs for it are recorded (VER-5, 422 naming the missing ones) and it
 * is not already past its last valid day (REF-8).
 */
export async function approveDocument(ctx: Ctx, rawId: string, input: DocumentFacts & { updatePartnerIban?: boolean }): Promise<Row> {
  const { updatePartnerIban = false, ...changes } = input;
  const actor = staff(ctx);
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  if (doc.status !== 'pending') {
    const by = await decidedBy(ctx.db, 'documents', id);
    throw AppError.invalidState(`Ce document est déjà ${doc.status === 'approved' ? 'approuvé' : doc.status === 'rejected' ? 'refusé' : 'expiré'}${by}. / Only a pending document can be approved.`, {
      status: doc.status,
    });
  }
  const facts = checkFacts(ctx, changes);
  const { next, validUntil: until } = merged(doc, facts);
  const needed = requiredFacts(partner, next.type);
  const missingFacts = needed.filter((f: DocumentFact) => next[f] === null || next[f] === undefined || next[f] === '');
  if (missingFacts.length) {
    throw AppError.validation(`Renseignez d’abord : ${missingFacts.join(', ')}. / Record these facts before approving.`, { missingFacts });
  }
  if (next.type === 'diploma' && next.qualification === null) throw AppError.validation('qualification requise', { missingFacts: ['qualification'] });
  const today = parisDate(ctx.clock.now());
  if (until !== null && until < today) {
    throw AppError.validation(`Ce document n’est plus valide depuis le ${until} : demandez-en un plus récent. / This document has already expired.`, { validUntil: until });
  }
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    // REF-5, REF-6: a RIB proves the payout IBAN only if it is the partner's (422 naming both,
    // masked); the partner's IBAN is read in this transaction so an edit meanwhile is not missed.
    if (next.type === 'rib') {
      const rib = checkRibIban(next.iban as string | null, await partnerIbanIn(trx, partner.id), updatePartnerIban);
      if (rib.newPartnerIban !== null) await setPartnerIbanFromRib(tx, partner.id, rib.newPartnerIban);
    }
    const after = await transition(tx, documentsSpec, id, {
      from: ['pending'],
      to: 'approved',
      set: { ...facts, validUntil: until, rejectionReason: null, reviewedBy: actor.id, reviewedAt: tx.now.toISOString() },
      action: 'documents.approve',
      lost: lost(id),
    });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}
