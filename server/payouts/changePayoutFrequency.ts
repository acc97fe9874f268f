/**
 * rule PAY-7: a partner moves between weekly and monthly payouts on request (support or
 * admin, through the partner's PUT). The change takes effect at the next boundary of the
 * frequency in force — the current period is paid as it began — and the runs read the
 * frequency of each partner for their own payout date (`frequencyForRun`), so no session is
 * split, skipped or paid twice (a line per order, unique). Asking back for the frequency in
 * force while a change is pending cancels it. Audited as `partners.payout_frequency`.
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/recordAudit';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import type { PayoutFrequency } from '../engine/money';
import { changeFrequency, type PartnerFrequency } from '../engine/payoutRun';

interface FrequencyRow {
  payoutFrequency: PayoutFrequency;
  previousPayoutFrequency: PayoutFrequency | null;
  payoutFrequencyFrom: string | null;
}

/** Returns whether anything changed (asking for the frequency already asked for changes nothing). */
export async function changePayoutFrequency(ctx: Ctx, trx: Knex.Transaction, partnerId: number, requested: PayoutFrequency): Promise<boolean> {
  const query = trx('partners').where('id', partnerId).first('payoutFrequency', 'previousPayoutFrequency', 'payoutFrequencyFrom');
  const row = (await (trx.client.config.client === 'pg' ? query.forUpdate() : query)) as FrequencyRow | undefined;
  if (!row) throw AppError.notFound('partners', partnerId);
  const before: PartnerFrequency = { payoutFrequency: row.payoutFrequency, previousPayoutFrequency: row.previousPayoutFrequency, payoutFrequencyFrom: row.payoutFrequencyFrom };
  const now = ctx.clock.now();
  const after = changeFrequency(before, requested, now);
  if (after.payoutFrequency === before.payoutFrequency && after.previousPayoutFrequency === before.previousPayoutFrequency && after.payoutFrequencyFrom === before.payoutFrequencyFrom) return false;
  await trx('partners').where('id', partnerId).update({ ...after });
  await recordAudit(trx, { actor: ctx.actor, action: 'partners.payout_frequency', resource: 'partners', resourceId: partnerId, before: { ...before }, after: { ...after }, at: now });
  return true;
}
