/**
 * An agent records the facts (VER-5) of a document, whatever its status: one transaction
 * with its audit row, and the partner's REF-8 flag refreshed in the same transaction.
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { inTransaction } from '../data/transaction';
import { transition } from '../data/transition';
import { documentsSpec } from './specs';
import { refreshFileStatus } from './fileStatus';
import { assertMayReview } from './guards';
import { checkFacts, merged, type DocumentFacts } from './documentFacts';
import { documentAndPartner, lost } from './reviewedDocument';

/** PUT /api/documents/{id}: record facts (VER-5) on a document, whatever its status. */
export async function updateDocumentFacts(ctx: Ctx, rawId: string, changes: DocumentFacts): Promise<Row> {
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  const facts = checkFacts(ctx, changes);
  const { next, validUntil: until } = merged(doc, facts);
  if (next.issuedAt && next.expiresAt && String(next.expiresAt) < String(next.issuedAt)) {
    throw AppError.validation('expiresAt : l’expiration précède la délivrance', { fields: { expiresAt: 'l’expiration précède la délivrance' } });
  }
  return inTransaction(ctx, async (tx) => {
    const after = await transition(tx, documentsSpec, id, { from: [String(doc.status)], set: { ...facts, validUntil: until }, action: 'documents.update', lost: lost(id) });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}
