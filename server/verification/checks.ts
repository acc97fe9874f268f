/**
 * The phone interview and the skills test (REF-6): scheduled, then done with an outcome
 * and notes. A failed one blocks approval (REF-7, VER-1). Each write is audited under the
 * resource `partner-checks`.
 */
import { parseRowId } from '../data/parseRowId';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CHECK_KINDS, CHECK_OUTCOMES } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { audit } from '../data/audit';
import { parseId } from '../data/getOne';
import { insertId } from '../data/insertId';
import { inTransaction } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';
import { refreshFileStatus } from './fileStatus';
import { assertMayReview, staff } from './guards';
import { loadPartnerFile, toCheck, type CheckRecord } from './repository';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const checkFields = {
  scheduledAt: instant.nullable(),
  doneAt: instant.nullable(),
  outcome: z.enum(CHECK_OUTCOMES).nullable(),
  notes: z.string().trim().max(5000).nullable(),
};

export const createCheckSchema = z.strictObject({
  kind: z.enum(CHECK_KINDS),
  scheduledAt: checkFields.scheduledAt.optional(),
  doneAt: checkFields.doneAt.optional(),
  outcome: checkFields.outcome.optional(),
  notes: checkFields.notes.optional(),
});
export const updateCheckSchema = z.strictObject({
  scheduledAt: checkFields.scheduledAt.optional(),
  doneAt: checkFields.doneAt.optional(),
  outcome: checkFields.outcome.optional(),
  notes: checkFields.notes.optional(),
});

type CheckChanges = z.infer<typeof updateCheckSchema>;

/** An outcome means the check was held: doneAt defaults to now; a check cannot be done in the future. */
function normalise(ctx: Ctx, current: Partial<CheckRecord>, changes: CheckChanges): CheckChanges {
  const now = ctx.clock.now();
  const out = { ...changes };
  const outcome = changes.outcome !== undefined ? changes.outcome : current.outcome;
  const doneAt = changes.doneAt !== undefined ? changes.doneAt : current.doneAt;
  if (outcome && !doneAt) out.doneAt = now.toISOString();
  if (doneAt && Date.parse(doneAt) > now.getTime() + 60_000) {
    throw AppError.validation('doneAt : un entretien ou un test ne peut pas être fait dans le futur. / doneAt is in the future.', { fields: { doneAt: 'dans le futur' } });
  }
  if (!outcome && !doneAt && !(changes.scheduledAt ?? current.scheduledAt)) {
    throw AppError.validation('Indiquez une date prévue, ou le résultat. / Give a scheduled date or an outcome.', { fields: { scheduledAt: 'requis' } });
  }
  return out;
}

async function reviewablePartner(ctx: Ctx, rawId: string) {
  const partner = await loadPartnerFile(ctx.db, Number(parseId(partnersSpec, rawId)));
  if (!partner) throw AppError.notFound('partners', rawId);
  await assertMayReview(ctx, partner);
  return partner;
}

async function readCheck(db: Knex, id: number): Promise<CheckRecord> {
  const row = await db('partnerChecks').where('id', id).first();
  if (!row) throw AppError.notFound('partner-checks', id);
  return toCheck(row);
}

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
