/**
 * What recording and editing a phone interview or skills test (REF-6) share: the fields and
 * their edit schema, the rule that an outcome means the check was held (and not in the
 * future), the partner file it belongs to, and reading a check back.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { CHECK_OUTCOMES } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { parseId } from '../data/getOne';
import { partnersSpec } from '../marketplace/specs';
import { assertMayReview } from './guards';
import { loadPartnerFile, toCheck, type CheckRecord } from './repository';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const checkFields = {
  scheduledAt: instant.nullable(),
  doneAt: instant.nullable(),
  outcome: z.enum(CHECK_OUTCOMES).nullable(),
  notes: z.string().trim().max(5000).nullable(),
};

export const updateCheckSchema = z.strictObject({
  scheduledAt: checkFields.scheduledAt.optional(),
  doneAt: checkFields.doneAt.optional(),
  outcome: checkFields.outcome.optional(),
  notes: checkFields.notes.optional(),
});

export type CheckChanges = z.infer<typeof updateCheckSchema>;

/** An outcome means the check was held: doneAt defaults to now; a check cannot be done in the future. */
export function normalise(ctx: Ctx, current: Partial<CheckRecord>, changes: CheckChanges): CheckChanges {
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

export async function reviewablePartner(ctx: Ctx, rawId: string) {
  const partner = await loadPartnerFile(ctx.db, Number(parseId(partnersSpec, rawId)));
  if (!partner) throw AppError.notFound('partners', rawId);
  await assertMayReview(ctx, partner);
  return partner;
}

export async function readCheck(db: Knex, id: number): Promise<CheckRecord> {
  const row = await db('partnerChecks').where('id', id).first();
  if (!row) throw AppError.notFound('partner-checks', id);
  return toCheck(row);
}
