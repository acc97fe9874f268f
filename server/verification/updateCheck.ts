/**
 * An agent records the outcome of a scheduled interview or skills test (REF-6), or edits
 * it; a failed one blocks approval (REF-7, VER-1). One transaction, audited under the
 * resource `partner-checks`, with the partner's REF-8 flag refreshed in it.
 */
import { parseRowId } from '../data/parseRowId';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { audit } from '../data/audit';
import { inTransaction } from '../data/transaction';
import { refreshFileStatus } from './fileStatus';
import { staff } from './guards';
import type { CheckRecord } from './repository';
import { normalise, readCheck, reviewablePartner, type CheckChanges } from './checkFields';

/** PUT /api/partners/{id}/checks/{checkId}: records the outcome of a scheduled check, or edits it. */
export async function updateCheck(ctx: Ctx, rawId: string, rawCheckId: string, input: CheckChanges): Promise<CheckRecord> {
  const actor = staff(ctx);
  const partner = await reviewablePartner(ctx, rawId);
  const before = await readCheck(ctx.db, parseRowId(rawCheckId, 'partner-checks'));
  if (before.partnerId !== partner.id) throw AppError.notFound('partner-checks', rawCheckId);
  const changes = normalise(ctx, before, input);
  return inTransaction(ctx, async (tx) => {
    // A check has no status to move: the version read is what an edit made meanwhile changes.
    const n = await tx.trx('partnerChecks')
      .where({ id: before.id, version: before.version })
      .update({ ...changes, recordedBy: actor.id, updatedAt: tx.now.toISOString(), version: before.version + 1 });
    if (n === 0) throw AppError.conflict('Ce contrôle vient d’être modifié par quelqu’un d’autre : rechargez. / Someone else changed this record.');
    const after = await readCheck(tx.trx, before.id);
    await audit(tx, 'partner-checks.update', 'partner-checks', before.id, { ...before }, { ...after });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}
