/**
 * Who may receive a proposal for an order (rule DSP-9, with DSP-1, LIM-2, LIM-5, LIM-7):
 * a pure decision from the partner, the order and the partner's calendar.
 */
import type { LimitationModality, LimitationStatus, PartnerStatus, WeeklySlot } from '../../shared/domain';
import { distanceKm } from './geo';
import { addParisDays, hhmmToMinutes, parisDate, parisMinutesOfDay, weekdayOfDate } from '../../shared/calendar/paris';

/** rule DSP-9: travel margin kept free before and after each accepted session. */
export const TRAVEL_MARGIN_MS = 30 * 60_000;

export interface EligibilityPartner {
  id: number | string;
  status: PartnerStatus;
  /** Service codes the partner offers. */
  services: readonly string[];
  lat: number;
  lng: number;
  radiusKm: number;
  weeklyHours: readonly WeeklySlot[];
  /** Modalities of the limitations that restrict dispatch now (see restrictsDispatch); automatic ones are existing_clients_only (LIM-2). */
  limitations: readonly LimitationModality[];
}

export interface EligibilityOrder {
  /** The order itself is ignored among the partner's sessions (re-dispatch after another slot). */
  id?: number | string;
  clientId: number | string;
  serviceCode: string;
  startsAt: Date;
  endsAt: Date;
  /** The client's address. */
  lat: number;
  lng: number;
  /** The slot on the Paris wall clock, when the caller computed it once (parisSlotOf) for many partners. */
  parisSlot?: ParisSlot | null;
}

export interface Session {
  orderId?: number | string;
  startsAt: Date;
  endsAt: Date;
}

export interface EligibilityContext {
  /** The partner's other accepted sessions (status accepted). */
  acceptedSessions: readonly Session[];
  /** The partner already served this client: a completed session together. */
  existingClient: boolean;
  /** The great-circle distance partner–client, when the caller has just measured it (the grid's search). */
  distanceKm?: number;
}

export type IneligibilityReason =
  | 'not_active'
  | 'service_not_offered'
  | 'existing_clients_only'
  | 'out_of_zone'
  | 'outside_weekly_hours'
  | 'slot_taken';

export type Eligibility =
  | {
      eligible: true;
      distanceKm: number;
      limitation: LimitationModality | null;
      /** Ranked after every unlimited candidate (DSP-9 / LIM-5 reduced, new client). */
      demoted: boolean;
    }
  | { eligible: false; reason: IneligibilityReason };

/** One object per reason, shared: ranking asks millions of times (the simulator) and most answers are no. */
const INELIGIBLE: { readonly [R in IneligibilityReason]: Eligibility } = {
  not_active: Object.freeze({ eligible: false, reason: 'not_active' }),
  service_not_offered: Object.freeze({ eligible: false, reason: 'service_not_offered' }),
  existing_clients_only: Object.freeze({ eligible: false, reason: 'existing_clients_only' }),
  out_of_zone: Object.freeze({ eligible: false, reason: 'out_of_zone' }),
  outside_weekly_hours: Object.freeze({ eligible: false, reason: 'outside_weekly_hours' }),
  slot_taken: Object.freeze({ eligible: false, reason: 'slot_taken' }),
};

/** rule LIM-7: the statuses in which a limitation still restricts dispatch. */
export function restrictsDispatch(status: LimitationStatus): boolean {
  // LIM-7: a manual limitation keeps restricting while awaiting_review. *(assumed)* also while
  // termination_pending: the partner is not set free while ops decide to terminate.
  return status === 'active' || status === 'awaiting_review' || status === 'termination_pending';
}

/** rule LIM-7: with a manual and an automatic limitation, the stricter applies (existing clients only over reduced). */
export function effectiveLimitation(list: readonly (LimitationModality | null | undefined)[]): LimitationModality | null {
  if (list.length === 0) return null;
  if (list.includes('existing_clients_only')) return 'existing_clients_only';
  if (list.includes('reduced')) return 'reduced';
  return null;
}

/**
 * rule DSP-9 / LIM-5: a reduced partner comes after every unlimited candidate for a new
 * client. *(assumed)* For a client they already served, reduced does not demote: LIM-5
 * reduces solicitation "for new clients" only.
 */
export function isDemoted(limitation: LimitationModality | null, existingClient: boolean): boolean {
  return limitation === 'reduced' && !existingClient;
}

/**
 * rule DSP-1 / DSP-9: [start, end] lies inside one weekly slot of the Paris weekday of
 * the start, on the Paris wall clock. A session running past midnight never fits, except
 * one ending exactly at midnight in a slot ending at '24:00'.
 */
/** An order's slot on the Paris wall clock; null when it cannot fit any weekly slot (ends before it starts, or runs past midnight). */
export interface ParisSlot {
  weekday: number;
  startMin: number;
  endMin: number;
}

export function parisSlotOf(startsAt: Date, endsAt: Date): ParisSlot | null {
  if (endsAt.getTime() <= startsAt.getTime()) return null;
  const day = parisDate(startsAt);
  const startMin = parisMinutesOfDay(startsAt);
  // Round a partial minute up, so 10:00:30 is not "inside" a slot ending at 10:00
  // (Paris offsets are whole hours: UTC seconds are Paris seconds).
  let endMin = parisMinutesOfDay(endsAt) + (endsAt.getTime() % 60_000 === 0 ? 0 : 1);
  const endDay = parisDate(endsAt);
  if (endDay !== day) {
    if (endDay === addParisDays(day, 1) && endMin === 0) endMin = 1440;
    else return null;
  }
  return { weekday: weekdayOfDate(day), startMin, endMin };
}

export function insideWeeklyHours(weeklyHours: readonly WeeklySlot[], startsAt: Date, endsAt: Date, slot?: ParisSlot | null): boolean {
  // The caller may pass the order's slot, computed once for every candidate it checks.
  const s = slot === undefined ? parisSlotOf(startsAt, endsAt) : slot;
  if (s === null) return false;
  // Plain loops here and below: ranking calls this for every partner around every order (the simulator, a million times).
  for (const w of weeklyHours) if (w.day === s.weekday && hhmmToMinutes(w.from) <= s.startMin && s.endMin <= hhmmToMinutes(w.to)) return true;
  return false;
}

/** rule DSP-9: no overlap with another accepted session, 30 min kept free on both sides (exactly 30 min apart is fine). */
export function conflictsWithSessions(sessions: readonly Session[], startsAt: Date, endsAt: Date, ignoreOrderId?: number | string): boolean {
  const start = startsAt.getTime() - TRAVEL_MARGIN_MS;
  const end = endsAt.getTime() + TRAVEL_MARGIN_MS;
  for (const s of sessions) {
    if ((ignoreOrderId === undefined || s.orderId !== ignoreOrderId) && s.startsAt.getTime() < end && start < s.endsAt.getTime()) return true;
  }
  return false;
}

/** rule DSP-9: whether the partner may receive a proposal for the order, and why not. */
export function isEligible(partner: EligibilityPartner, order: EligibilityOrder, ctx: EligibilityContext): Eligibility {
  if (partner.status !== 'active') return INELIGIBLE.not_active;
  // DSP-1: only the services the partner offers.
  if (!partner.services.includes(order.serviceCode)) return INELIGIBLE.service_not_offered;
  // LIM-2 / LIM-5 / LIM-7: existing clients only excludes new clients.
  const limitation = effectiveLimitation(partner.limitations);
  if (limitation === 'existing_clients_only' && !ctx.existingClient) return INELIGIBLE.existing_clients_only;
  // DSP-1 / DSP-9: the client's address within the partner's radius (great-circle km).
  const km = ctx.distanceKm ?? distanceKm(partner.lat, partner.lng, order.lat, order.lng);
  if (km > partner.radiusKm) return INELIGIBLE.out_of_zone;
  if (!insideWeeklyHours(partner.weeklyHours, order.startsAt, order.endsAt, order.parisSlot)) return INELIGIBLE.outside_weekly_hours;
  if (conflictsWithSessions(ctx.acceptedSessions, order.startsAt, order.endsAt, order.id)) return INELIGIBLE.slot_taken;
  return { eligible: true, distanceKm: km, limitation, demoted: isDemoted(limitation, ctx.existingClient) };
}
