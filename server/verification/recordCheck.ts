/**
 * An agent schedules the phone interview or the skills test (REF-6), or records one already
 * held with its outcome and notes; a failed one blocks approval (REF-7, VER-1). One
 * transaction, audited under the resource `partner-checks`, with the partner's REF-8 flag
 * refreshed in it.
 */
import { z } from 'zod';
import { CHECK_KINDS } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { insertId } from '../data/insertId';
import { inTransaction } from '../data/transaction';
import { refreshFileStatus } from './fileStatus';
import { staff } from './guards';
import type { CheckRecord } from './repository';
import { checkFields, normalise, readCheck, reviewablePartner } from './checkFields';

export const createCheckSchema = z.strictObject({
  kind: z.enum(CHECK_KINDS),
  scheduledAt: checkFields.scheduledAt.optional(),
  doneAt: checkFields.doneAt.optional(),
  outcome: checkFields.outcome.optional(),
  notes: checkFields.notes.optional(),
});

/** POST /api/partners/{id}/checks: schedules or records an interview / a skills test. */
export async function recordCheck(ctx: Ctx, rawId: string, input: z.infer<typeof createCheckSchema>): Promise<CheckRecord> {
  const actor = staff(ctx);
  const partner = await reviewablePartner(ctx, rawId);
  const { kind, ...rest } = input;
  const changes = normalise(ctx, {}, rest);
  return inTransaction(ctx, async (tx) => {
    const id = await insertId(tx.trx, 'partnerChecks', {
      partnerId: partner.id,
      kind,
      scheduledAt: changes.scheduledAt ?? null,
      doneAt: changes.doneAt ?? null,
      outcome: changes.outcome ?? null,
      notes: changes.notes ?? null,
      recordedBy: actor.id,
      createdAt: tx.now.toISOString(),
      updatedAt: tx.now.toISOString(),
    });
    const after = await readCheck(tx.trx, id);
    await audit(tx, 'partner-checks.create', 'partner-checks', id, null, { ...after });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}
