/**
 * Support or an admin edits a partner's details (REF-1, REF-2: checked, 422 on a bad SIREN or
 * IBAN) or payout frequency (PAY-7); an active partner's file is re-evaluated in the same
 * transaction when a field its checklist depends on changes (REF-8).
 */
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { getOne, parseId } from '../data/getOne';
import type { Registry } from '../registry/types';
import { refreshFileStatus } from './fileStatus';
import { registryStateFor } from './registryCheck';
import { partnersSpec } from '../marketplace/specs';
import { changePayoutFrequency } from '../payouts/changePayoutFrequency';
import { checkPartnerFacts, writeServices, type PartnerInput } from './partnerFields';

/** Fields an active partner's checklist depends on (REF-8: a change re-evaluates the file). */
const FILE_FIELDS = ['siren', 'iban', 'services', 'vertical', 'firstName', 'lastName'] as const;

export async function updatePartner(ctx: Ctx, id: string, changes: PartnerInput, options: { registry?: Registry } = {}) {
  const current = await ctx.db('partners').select('vertical', 'status').where('id', parseId(partnersSpec, id)).first();
  if (!current) throw AppError.notFound('partners', id);
  const checked = await checkPartnerFacts(ctx.db, changes, changes.vertical ?? current.vertical);
  const active = current.status === 'active';
  // REF-2: a new SIREN of an active partner is looked up before the transaction (never a network call inside it).
  if (active && options.registry && checked.siren) await registryStateFor(ctx.db, options.registry, checked.siren, ctx.clock.now());
  const { payoutFrequency, ...details } = checked;
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    if (payoutFrequency) await changePayoutFrequency(ctx, trx, Number(id), payoutFrequency);
    if (payoutFrequency && Object.keys(details).length === 0) return getOne(trx, partnersSpec, id);
    const after = await updateRecord(tx, partnersSpec, id, details, {
      action: 'partners.update',
      afterWrite: async (t) => {
        if (details.services) await writeServices(t, Number(id), details.services);
      },
    });
    if (!active || !FILE_FIELDS.some((f) => f in details)) return after;
    await refreshFileStatus(tx, Number(id));
    return getOne(trx, partnersSpec, id);
  });
}
