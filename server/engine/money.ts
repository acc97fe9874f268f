/**
 * Prices, payments and payouts in integer cents (rules PAY-1..6): what the client pays,
 * what the partner earns, when the card is pre-authorised and charged, and when the
 * partner is paid. Payout dates are Paris calendar dates (DOMAIN "Time").
 */
import type { PaymentKind, Vertical } from '../../shared/domain';
import { addParisDays, addParisMonths, parisDate, parisMidnight, weekdayOfDate, type ParisDate } from '../../shared/calendar/paris';

const HOUR_MS = 3_600_000;
/** rule PAY-3: pre-authorisation 24 h (a duration, not a calendar day) before the start. */
export const PREAUTH_BEFORE_START_MS = 24 * HOUR_MS;
/** rule PAY-3: the charge within 24 h after the session. */
export const CAPTURE_WITHIN_MS = 24 * HOUR_MS;
/** rule PAY-4 / PAY-6: funds arrive 8 days after the payout. */
export const PAYOUT_ARRIVAL_DAYS = 8;

export { PAYOUT_FREQUENCIES, type PayoutFrequency } from '../../shared/domain';
import type { PayoutFrequency } from '../../shared/domain';

export interface OrderMoney {
  priceCents: number;
  partnerPayCents: number;
  platformFeeCents: number;
}

/**
 * rule PAY-1 / PAY-2: the price is the platform's, per service; the partner's pay is the
 * amount shown before accepting; the platform's fee is the difference — no fixed fees.
 */
export function orderMoney(service: { priceCents: number; partnerPayCents: number }): OrderMoney {
  const { priceCents, partnerPayCents } = service;
  if (!Number.isSafeInteger(priceCents) || !Number.isSafeInteger(partnerPayCents)) {
    throw new RangeError('Amounts are integer cents');
  }
  if (partnerPayCents < 0 || partnerPayCents > priceCents) {
    throw new RangeError('The partner pay lies between 0 and the price (PAY-2)');
  }
  return { priceCents, partnerPayCents, platformFeeCents: priceCents - partnerPayCents };
}

export interface PaymentRow {
  kind: PaymentKind;
  amountCents: number;
  dueAt: Date;
}

/**
 * rule PAY-3: the charge is due within 24 h after the end and on the day after (Paris):
 * the earlier of end + 24 h and the end of the next Paris day — they differ only when a
 * DST change shortens that day.
 */
export function captureDueAt(endsAt: Date): Date {
  const endOfNextDay = parisMidnight(addParisDays(parisDate(endsAt), 2));
  return new Date(Math.min(endsAt.getTime() + CAPTURE_WITHIN_MS, endOfNextDay.getTime()));
}

/**
 * rules PAY-3 / PAY-5 / PAY-6: the payment rows of an accepted order.
 * - Card (Wellness, or Care without the immediate advance): a pre-authorisation 24 h
 *   before the start — at acceptance when that moment has passed (booked or accepted
 *   less than 24 h ahead, PAY-6) — then the charge the day after (PAY-3).
 * - Care with the immediate advance (PAY-5): no card; URSSAF debits the client.
 *   *(assumed)* The debit row carries the full price (URSSAF splits it between the client's
 *   share and the tax credit) and is due when the card charge would be. The advance exists
 *   only for SAP, so on Wellness the flag is ignored.
 */
export function paymentSchedule(
  order: { priceCents: number; startsAt: Date; endsAt: Date },
  vertical: Vertical,
  immediateAdvance: boolean,
  acceptedAt: Date,
): PaymentRow[] {
  const amountCents = order.priceCents;
  if (vertical === 'care' && immediateAdvance) {
    return [{ kind: 'urssaf_debit', amountCents, dueAt: captureDueAt(order.endsAt) }];
  }
  const preauthAt = Math.max(order.startsAt.getTime() - PREAUTH_BEFORE_START_MS, acceptedAt.getTime());
  return [
    { kind: 'preauth', amountCents, dueAt: new Date(preauthAt) },
    { kind: 'capture', amountCents, dueAt: captureDueAt(order.endsAt) },
  ];
}

export interface PayoutPeriod {
  frequency: PayoutFrequency;
  /** First Paris date of the period, inclusive. */
  start: ParisDate;
  /** Last Paris date of the period, inclusive. */
  end: ParisDate;
}

export interface PayoutDates {
  payoutDate: ParisDate;
  arrivalDate: ParisDate;
  /** 00:00 Paris on the payout date. */
  paidAt: Date;
  /** 00:00 Paris on the arrival date. */
  arrivesAt: Date;
}

/**
 * rule PAY-4 / PAY-6: the payout period of a session, from the Paris date of its end
 * (a session is "completed" when it ends): Monday–Sunday for weekly payouts, the
 * calendar month for monthly ones.
 */
export function payoutPeriod(sessionEnd: Date, frequency: PayoutFrequency): PayoutPeriod {
  const day = parisDate(sessionEnd);
  if (frequency === 'weekly') {
    const start = addParisDays(day, 1 - weekdayOfDate(day));
    return { frequency, start, end: addParisDays(start, 6) };
  }
  const start = `${day.slice(0, 8)}01`;
  return { frequency, start, end: addParisDays(addParisMonths(start, 1), -1) };
}

/**
 * rule PAY-4 / PAY-6: weekly payouts on the Monday after the week, monthly ones on the
 * 1st after the month — in both cases the day after the period — and the funds arrive
 * 8 days later.
 */
export function payoutFor(period: PayoutPeriod): PayoutDates {
  const wellFormed =
    period.frequency === 'weekly'
      ? weekdayOfDate(period.start) === 1 && period.end === addParisDays(period.start, 6)
      : period.start.endsWith('-01') && period.end === addParisDays(addParisMonths(period.start, 1), -1);
  if (!wellFormed) throw new RangeError(`Not a ${period.frequency} payout period: ${period.start}..${period.end}`);
  const payoutDate = addParisDays(period.end, 1);
  const arrivalDate = addParisDays(payoutDate, PAYOUT_ARRIVAL_DAYS);
  return { payoutDate, arrivalDate, paidAt: parisMidnight(payoutDate), arrivesAt: parisMidnight(arrivalDate) };
}
