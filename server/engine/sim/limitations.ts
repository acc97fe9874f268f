/**
 * Limitations on the simulated clock: the automatic one started and lifted by the core's
 * decisions (LIM-1, LIM-3, LIM-7: `limitingProposalsInSentOrder`, `shouldLift`), the manual
 * ones as ops would decide them from the signals (LIM-4) and their end-of-period review
 * (LIM-6), and what restricts dispatch meanwhile (`restrictsDispatch`, `effectiveLimitation`).
 */
import type { LimitationModality, LimitationReason } from '../../../shared/domain';
import { addParisCalendarDays } from '../../../shared/calendar/paris';
import { limitingProposalsInSentOrder, shouldLift } from '../automaticLimitation';
import { effectiveLimitation, restrictsDispatch } from '../eligibility';
import { SIM_STAFF } from './rows';
import { audit, DAY, HOUR, iso, type LimitationState, type PartnerState, type ProposalState, type Sim } from './state';

/** LIM-2 / LIM-5 / LIM-7: the modality that restricts the partner's dispatch now, the stricter of the two. */
export function effective(s: PartnerState): LimitationModality | null {
  return effectiveLimitation([s.auto ? s.auto.modality : null, s.manual && restrictsDispatch(s.manual.status) ? s.manual.modality : null]);
}

/** Eligibility reads the partner's limitations from `elig` (DSP-9). */
function syncLimitation(s: PartnerState): void {
  const lim = effective(s);
  s.elig.limitations = lim ? [lim] : [];
}

type NewLimitation = Omit<LimitationState, 'id' | 'partnerId' | 'updatedAt' | 'liftedAt' | 'liftedBy' | 'terminationRequestedBy'>;

function newLimitation(sim: Sim, s: PartnerState, at: number, l: NewLimitation): LimitationState {
  const row: LimitationState = { ...l, id: sim.limitations.length + 1, partnerId: s.id, updatedAt: at, liftedAt: null, liftedBy: null, terminationRequestedBy: null };
  sim.limitations.push(row);
  audit(sim, at, l.createdBy, 'limitations.create', 'limitations', row.id, { partnerId: s.id, kind: l.kind, reason: l.reason, modality: l.modality, endsAt: iso(l.endsAt) });
  return row;
}

/** rule LIM-1 / LIM-7: after an answer, the partner's last 50 counted proposals may start an automatic limitation. */
export function checkAutomatic(sim: Sim, s: PartnerState, at: number): void {
  const limiting = s.auto ? null : limitingProposalsInSentOrder(s.proposals, s.lastAutoLiftAt);
  if (!limiting) return;
  const evidence = limiting.map((p) => p.id).reverse(); // in the order sent
  s.auto = newLimitation(sim, s, at, {
    kind: 'automatic',
    reason: 'no_acceptance_in_last_50',
    modality: 'existing_clients_only',
    startsAt: at,
    endsAt: null,
    status: 'active',
    note: 'Aucune des 50 dernières propositions acceptée (LIM-1).',
    evidence: evidence.map((id) => ({ type: 'proposal', id })),
    createdBy: null,
  });
  syncLimitation(s);
}

/**
 * rule LIM-3: an acceptance (the partner's, or their other slot the client accepted, LIM-7)
 * after the automatic limitation started lifts it; counting restarts (LIM-7).
 */
export function liftAutomatic(sim: Sim, s: PartnerState, acceptance: ProposalState, at: number): void {
  if (!s.auto || !shouldLift([acceptance], new Date(s.auto.startsAt))) return;
  s.auto.status = 'lifted';
  s.auto.liftedAt = at;
  s.auto.updatedAt = at;
  s.auto.note += ' Levée automatique : proposition acceptée (LIM-3).';
  audit(sim, at, null, 'limitations.lift', 'limitations', s.auto.id, { status: 'lifted', liftedAt: iso(at) }, { status: 'active' });
  s.lastAutoLiftAt = new Date(at);
  s.auto = null;
  syncLimitation(s);
}

const recentCount = (list: number[], at: number, days: number) => list.filter((x) => x > at - days * DAY).length;

const MANUAL_NOTES: Record<string, string> = {
  no_show: 'Rendez-vous manqué sans prévenir le client (LIM-4 d).',
  repeated_cancellations: 'Annulations répétées de rendez-vous acceptés (LIM-4 e).',
  repeated_negative_reviews: 'Avis négatifs répétés (LIM-4 c).',
};

/** LIM-4: ops look at the signals and decide case by case; the simulator plays ops. */
export function considerManual(sim: Sim, s: PartnerState, at: number): void {
  const rng = sim.rng;
  if (s.manual && s.manual.status !== 'lifted') return;
  let reason: LimitationReason | null = null;
  let modality: LimitationModality = 'reduced';
  let days = 30;
  if (recentCount(s.noShowsAt, at, 30) >= 1 && rng.chance(0.5)) reason = 'no_show';
  else if (recentCount(s.cancelsAt, at, 60) >= 3) {
    reason = 'repeated_cancellations';
    modality = 'existing_clients_only';
    days = 45;
  } else if (recentCount(s.negativesAt, at, 60) >= 3) reason = 'repeated_negative_reviews';
  if (!reason) return;
  const startsAt = at + rng.int(9, 17) * HOUR;
  s.manual = newLimitation(sim, s, startsAt, {
    kind: 'manual',
    reason,
    modality,
    startsAt,
    endsAt: addParisCalendarDays(new Date(startsAt), days).getTime(),
    status: 'active',
    note: MANUAL_NOTES[reason],
    evidence: [],
    createdBy: SIM_STAFF.ops,
  });
  syncLimitation(s);
}

/** rule LIM-6: at the end of its period a manual limitation awaits ops' review; they lift it, or terminate the partner's terms. */
export function reviewPeriods(sim: Sim, s: PartnerState, at: number): void {
  const l = s.manual;
  if (!l) return;
  if (l.status === 'active' && l.endsAt !== null && l.endsAt <= at) {
    l.status = 'awaiting_review';
    l.updatedAt = l.endsAt;
    audit(sim, l.endsAt, null, 'limitations.awaiting_review', 'limitations', l.id, { status: 'awaiting_review' }, { status: 'active' });
  }
  // Ops decide a few days later; a termination takes a second approval (LIM-6).
  if (l.status === 'awaiting_review' && l.endsAt !== null && at - l.endsAt > 2 * DAY && sim.rng.chance(0.7)) {
    const decideAt = at + sim.rng.int(9, 17) * HOUR;
    if (s.p.profile.kind === 'unreliable' && recentCount(s.noShowsAt, at, 90) + recentCount(s.cancelsAt, at, 90) >= 4) {
      l.status = 'terminated';
      l.terminationRequestedBy = SIM_STAFF.ops;
      l.updatedAt = decideAt + DAY;
      audit(sim, decideAt, SIM_STAFF.ops, 'limitations.terminate', 'limitations', l.id, { status: 'termination_pending' }, { status: 'awaiting_review' });
      audit(sim, decideAt + DAY, SIM_STAFF.ops2, 'limitations.approve_termination', 'limitations', l.id, { status: 'terminated' }, { status: 'termination_pending' });
      s.status = 'terminated';
      for (const g of sim.grids.values()) g.remove(s.id);
    } else {
      l.status = 'lifted';
      l.liftedAt = decideAt;
      l.liftedBy = SIM_STAFF.ops;
      l.updatedAt = decideAt;
      l.note += ' Levée après revue de fin de période (LIM-6).';
      audit(sim, decideAt, SIM_STAFF.ops, 'limitations.lift', 'limitations', l.id, { status: 'lifted' }, { status: 'awaiting_review' });
      s.manual = null;
    }
    syncLimitation(s);
  }
}
