/**
 * Payout runs, live (rules PAY-4, PAY-6, PAY-7, PAY-8): at every payout boundary (Paris
 * midnight starting a Monday or a 1st) the periods that have closed — the week before, and
 * the month before on a 1st — are paid, each once. The run is a periodic job claimed through
 * `engineDeadlines` (one process handles it), and its unique (periodKind, periodStart) keeps a
 * second run of the same period out of the database even so.
 *
 * A run pays, for every partner on its frequency, the sessions completed by the period's end
 * and not yet paid: the period's sessions, plus any held earlier (PAY-8: Care with the
 * immediate advance waits for URSSAF's debit to be collected) or from before a frequency
 * change (PAY-7). `payoutLines.orderId` is unique: a session is never paid twice.
 */
import type { PayoutFrequency, PayoutPeriod } from '../engine/money';
import { closedPeriods, frequencyForRun, isPayable, nextPayoutBoundary, payoutLineRows, payoutRow, payoutRunRow, periodEndInstant, planPayoutRun, type PayableSession, type PlannedRun } from '../engine/payoutRun';
import type { TransactionalJob } from '../engine/live/periodicJobs';
import { audit } from '../data/audit';
import { chunks } from '../data/bulk';
import { insertId } from '../data/insertId';
import { iso, num, toBool, toDate, toDateOrNull } from '../data/rows';
import type { Tx } from '../data/transaction';
import type { ParisDate } from '../../shared/calendar/paris';

export interface PayoutRunSummary {
  id: number;
  periodKind: PayoutFrequency;
  periodStart: ParisDate;
  payoutCount: number;
  totalCents: number;
}

interface CandidateRow {
  id: number | string;
  partnerId: number | string;
  partnerPayCents: number | string;
  endsAt: string | Date;
  immediateAdvance: number | boolean | string;
  vertical: string;
  payoutFrequency: PayoutFrequency;
  previousPayoutFrequency: PayoutFrequency | null;
  payoutFrequencyFrom: ParisDate | null;
}

/**
 * The unpaid completed sessions that ended by the period's end, of the partners paid on the
 * period's frequency in this run, that may be paid now (PAY-8).
 */
async function payableSessions(tx: Tx, period: PayoutPeriod, payoutDate: ParisDate): Promise<PayableSession[]> {
  const rows = (await tx
    .trx('orders as o')
    .join('partners as p', 'p.id', 'o.partnerId')
    .join('services as s', 's.id', 'o.serviceCode')
    .leftJoin('payoutLines as l', 'l.orderId', 'o.id')
    .whereNull('l.id')
    .where('o.status', 'completed')
    .where('o.endsAt', '<', iso(periodEndInstant(period)))
    .select('o.id', 'o.partnerId', 'o.partnerPayCents', 'o.endsAt', 'o.immediateAdvance', 's.vertical', 'p.payoutFrequency', 'p.previousPayoutFrequency', 'p.payoutFrequencyFrom')) as CandidateRow[];
  const onFrequency = rows.filter((r) => frequencyForRun(r, payoutDate) === period.frequency);
  // PAY-5: the advance exists only for Care (on Wellness the flag is ignored, as in paymentSchedule).
  const advance = onFrequency.filter((r) => r.vertical === 'care' && toBool(r.immediateAdvance)).map((r) => num(r.id));
  const collected = new Map<number, Date | null>();
  for (const part of chunks(advance)) {
    const debits = (await tx.trx('payments').whereIn('orderId', part).where('kind', 'urssaf_debit').select('orderId', 'doneAt')) as { orderId: number | string; doneAt: string | Date | null }[];
    for (const d of debits) collected.set(num(d.orderId), toDateOrNull(d.doneAt));
  }
  const sessions: PayableSession[] = onFrequency.map((r) => {
    const isAdvance = r.vertical === 'care' && toBool(r.immediateAdvance);
    return {
      orderId: num(r.id),
      partnerId: num(r.partnerId),
      partnerPayCents: num(r.partnerPayCents),
      endsAt: toDate(r.endsAt),
      immediateAdvance: isAdvance,
      debitCollectedAt: isAdvance ? (collected.get(num(r.id)) ?? null) : null,
    };
  });
  return sessions.filter((s) => isPayable(s, tx.now)); // PAY-8
}

/** Writes a planned run: the run, a payout per partner, a line per session, and the run's audit row. */
export async function writePayoutRun(tx: Tx, plan: PlannedRun): Promise<PayoutRunSummary> {
  const run = payoutRunRow(plan, tx.now);
  const id = await insertId(tx.trx, 'payoutRuns', run);
  for (const p of plan.payouts) {
    const payoutId = await insertId(tx.trx, 'payouts', payoutRow(plan, p, id));
    for (const part of chunks(payoutLineRows(p, payoutId), 200)) await tx.trx('payoutLines').insert(part);
  }
  await audit(tx, 'payout-runs.create', 'payout-runs', id, null, { id, ...run });
  return { id, periodKind: run.periodKind, periodStart: run.periodStart, payoutCount: run.payoutCount, totalCents: run.totalCents };
}

/** rule PAY-7: pays one period once; null when that period already has its run. */
export async function runPayoutPeriodIn(tx: Tx, period: PayoutPeriod): Promise<PayoutRunSummary | null> {
  const existing = await tx.trx('payoutRuns').where({ periodKind: period.frequency, periodStart: period.start }).first('id');
  if (existing) return null;
  const draft = planPayoutRun(period, [], tx.now);
  const sessions = await payableSessions(tx, period, draft.payoutDate);
  return writePayoutRun(tx, planPayoutRun(period, sessions, tx.now));
}

/** rules PAY-4 / PAY-6: the runs of the periods closed at the transaction's instant that have none yet. */
export async function runPayoutsIn(tx: Tx): Promise<PayoutRunSummary[]> {
  const made: PayoutRunSummary[] = [];
  for (const period of closedPeriods(tx.now)) {
    const run = await runPayoutPeriodIn(tx, period);
    if (run) made.push(run);
  }
  return made;
}

/** The `payout_run` job: every Monday and every 1st at 00:00 Paris (PAY-6), through the engine's claims. */
export const payoutRunJob: TransactionalJob = {
  name: 'payout_run',
  next: nextPayoutBoundary,
  first: nextPayoutBoundary,
  run: (tx) => runPayoutsIn(tx),
};
