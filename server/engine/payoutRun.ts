/**
 * Payout runs, the pure part (rules PAY-4, PAY-6, PAY-7, PAY-8): which periods have closed
 * at a given instant, which frequency a partner is paid on in a run, which sessions may be
 * paid, and the run's payouts, lines and dates. The live job (server/payouts/runPayouts.ts)
 * and the simulator (sim/payoutRows.ts) both build their rows with `planPayoutRun`.
 */
import { addParisMonths, addParisDays, parisDate, parisMidnight, weekdayOfDate, type ParisDate } from '../../shared/calendar/paris';
import { PAYOUT_ARRIVAL_DAYS, payoutFor, type PayoutFrequency, type PayoutPeriod } from './money';

/** What a run needs of a completed session. */
export interface PayableSession {
  orderId: number;
  partnerId: number;
  partnerPayCents: number;
  endsAt: Date;
  /** PAY-5: Care with the immediate advance — URSSAF debits the client, then the partner is paid. */
  immediateAdvance: boolean;
  /** PAY-8: when URSSAF's debit of the client was recorded as collected (null: not yet). */
  debitCollectedAt: Date | null;
}

export interface PlannedPayout {
  partnerId: number;
  amountCents: number;
  lines: { orderId: number; partnerPayCents: number; sessionEndsAt: Date }[];
}

export interface PlannedRun {
  period: PayoutPeriod;
  payoutDate: ParisDate;
  /** 00:00 Paris on the payout date. */
  paidAt: Date;
  /** PAY-4 / PAY-6: 00:00 Paris, 8 days after the payout date. */
  expectedArrivalAt: Date;
  payouts: PlannedPayout[];
  totalCents: number;
}

/** The weekly period that ends the day before `boundary` (a Monday). */
function weekBefore(boundary: ParisDate): PayoutPeriod {
  return { frequency: 'weekly', start: addParisDays(boundary, -7), end: addParisDays(boundary, -1) };
}

/** The month that ends the day before `boundary` (a 1st). */
function monthBefore(boundary: ParisDate): PayoutPeriod {
  return { frequency: 'monthly', start: addParisMonths(boundary, -1), end: addParisDays(boundary, -1) };
}

/**
 * rule PAY-6: the last period of each frequency that has closed at `now` (Paris): the week
 * (Monday–Sunday) before the last Monday, the month before the last 1st. A run late for its
 * boundary (the worker was down) still pays that period.
 */
export function closedPeriods(now: Date): PayoutPeriod[] {
  const today = parisDate(now);
  const monday = addParisDays(today, 1 - weekdayOfDate(today));
  const first = `${today.slice(0, 8)}01`;
  return [weekBefore(monday), monthBefore(first)];
}

/** rule PAY-6: the next payout boundary after `now` — the next Paris midnight that starts a Monday or a 1st. */
export function nextPayoutBoundary(now: Date): Date {
  let day = addParisDays(parisDate(now), 1);
  while (weekdayOfDate(day) !== 1 && !day.endsWith('-01')) day = addParisDays(day, 1);
  return parisMidnight(day);
}

/** A partner's payout frequency and a pending change (PAY-7). */
export interface PartnerFrequency {
  payoutFrequency: PayoutFrequency;
  previousPayoutFrequency: PayoutFrequency | null;
  /** The boundary (a Paris date) from which `payoutFrequency` applies; runs paid on or before it follow the previous one. */
  payoutFrequencyFrom: ParisDate | null;
}

/** rule PAY-7: the frequency a partner is paid on in a run paid on `payoutDate`. */
export function frequencyForRun(p: PartnerFrequency, payoutDate: ParisDate): PayoutFrequency {
  if (p.previousPayoutFrequency && p.payoutFrequencyFrom && payoutDate <= p.payoutFrequencyFrom) return p.previousPayoutFrequency;
  return p.payoutFrequency;
}

/**
 * rule PAY-7: a change of frequency asked at `now` takes effect at the next boundary of the
 * frequency in force, so the current period is paid as it began and nothing is split. Asking
 * back for the frequency in force while a change is pending cancels the change.
 */
export function changeFrequency(p: PartnerFrequency, requested: PayoutFrequency, now: Date): PartnerFrequency {
  const today = parisDate(now);
  const pending = p.previousPayoutFrequency !== null && p.payoutFrequencyFrom !== null && today < p.payoutFrequencyFrom;
  const inForce = pending ? p.previousPayoutFrequency! : p.payoutFrequency;
  if (requested === inForce) return { payoutFrequency: requested, previousPayoutFrequency: null, payoutFrequencyFrom: null };
  if (pending) return p; // already asked for
  const current = inForce === 'weekly' ? addParisDays(today, 1 - weekdayOfDate(today)) : `${today.slice(0, 8)}01`;
  const boundary = inForce === 'weekly' ? addParisDays(current, 7) : addParisMonths(current, 1);
  return { payoutFrequency: requested, previousPayoutFrequency: inForce, payoutFrequencyFrom: boundary };
}

/**
 * rules PAY-5 / PAY-8: a session may be paid at `at` unless it is a Care session with the
 * immediate advance whose URSSAF debit has not been collected by then.
 */
export function isPayable(s: Pick<PayableSession, 'immediateAdvance' | 'debitCollectedAt'>, at: Date): boolean {
  if (!s.immediateAdvance) return true;
  return s.debitCollectedAt !== null && s.debitCollectedAt.getTime() <= at.getTime();
}

/** The instant a period's sessions must have ended by: 00:00 Paris the day after its last day. */
export function periodEndInstant(period: PayoutPeriod): Date {
  return parisMidnight(addParisDays(period.end, 1));
}

/**
 * rules PAY-4 / PAY-6 / PAY-7: a run of `period` made at `now` — one payout per partner, one
 * line per session (in end order), the totals, the payout date (the day after the period, or
 * today when the run is late) and the arrival 8 days later. `sessions` are the unpaid,
 * payable sessions of partners on this frequency that ended by the period's end; the caller
 * selects them (SQL live, memory in the simulator).
 */
export function planPayoutRun(period: PayoutPeriod, sessions: readonly PayableSession[], now: Date): PlannedRun {
  const due = payoutFor(period).payoutDate;
  const today = parisDate(now);
  const payoutDate = today > due ? today : due;
  const byPartner = new Map<number, PlannedPayout>();
  const ordered = [...sessions].sort((a, b) => a.partnerId - b.partnerId || a.endsAt.getTime() - b.endsAt.getTime() || a.orderId - b.orderId);
  let totalCents = 0;
  for (const s of ordered) {
    let p = byPartner.get(s.partnerId);
    if (!p) byPartner.set(s.partnerId, (p = { partnerId: s.partnerId, amountCents: 0, lines: [] }));
    p.amountCents += s.partnerPayCents;
    p.lines.push({ orderId: s.orderId, partnerPayCents: s.partnerPayCents, sessionEndsAt: s.endsAt });
    totalCents += s.partnerPayCents;
  }
  return {
    period,
    payoutDate,
    paidAt: parisMidnight(payoutDate),
    expectedArrivalAt: parisMidnight(addParisDays(payoutDate, PAYOUT_ARRIVAL_DAYS)),
    payouts: [...byPartner.values()],
    totalCents,
  };
}

/** The rows of a planned run, as both the live job and the simulator write them (instants as ISO text). */
export function payoutRunRow(plan: PlannedRun, createdAt: Date) {
  return {
    periodKind: plan.period.frequency,
    periodStart: plan.period.start,
    periodEnd: plan.period.end,
    payoutDate: plan.payoutDate,
    paidAt: plan.paidAt.toISOString(),
    expectedArrivalAt: plan.expectedArrivalAt.toISOString(),
    payoutCount: plan.payouts.length,
    totalCents: plan.totalCents,
    createdAt: createdAt.toISOString(),
  };
}

export function payoutRow(plan: PlannedRun, payout: PlannedPayout, payoutRunId: number) {
  return {
    partnerId: payout.partnerId,
    payoutRunId,
    periodStart: plan.period.start,
    periodEnd: plan.period.end,
    amountCents: payout.amountCents,
    lineCount: payout.lines.length,
    paidAt: plan.paidAt.toISOString(),
    arrivesAt: plan.expectedArrivalAt.toISOString(),
  };
}

export function payoutLineRows(payout: PlannedPayout, payoutId: number) {
  return payout.lines.map((l) => ({ payoutId, orderId: l.orderId, partnerPayCents: l.partnerPayCents, sessionEndsAt: l.sessionEndsAt.toISOString() }));
}
