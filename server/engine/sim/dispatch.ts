/**
 * Dispatch on the simulated clock (DSP-1..12): an order request is booked or refused
 * (`canBook`), its candidates found and ranked (`isEligible`, `rankCandidates`), proposals
 * sent one at a time with the core's deadlines (`proposalDeadline`, `expiryAt`), and the
 * answers, timeouts, other slots and expiry handled as the live engine does. What partners
 * and clients answer, and when, is people's behaviour: it comes from the seeded PRNG.
 */
import type { ProposalAnswer } from '../../../shared/domain';
import { canBook, conflictsWithSessions, expiryAt, insideWeeklyHours, isEligible, parisSlotOf, proposalDeadline, rankCandidates, type ParisSlot } from '../dispatch';
import type { ServiceSeed } from './catalogue';
import type { SimClient } from './population';
import { checkAutomatic, effective, liftAutomatic } from './limitations';
import { countNewOrder, freshScore } from './scores';
import { scheduleSession } from './sessions';
import { dispatchingOrder, isRegular, MIN, NONE, type OrderPlan, type OrderState, type PartnerState, type ProposalState, type Sim, type Zone } from './state';

const existingClient = (s: PartnerState, clientId: number) => s.served.has(clientId);

/**
 * DSP-9 zone: the partners offering the service whose radius covers the client's address,
 * with their distance. A regular client (~9 % of clients, ~3/4 of the orders) books the same
 * service from the same address every week: their zone is kept (~16 MB at the large scale),
 * which stays exact because the grids never gain a partner after the start (terminated ones
 * leave them, and are skipped by their status anyway).
 */
function zoneOf(sim: Sim, client: SimClient, service: ServiceSeed): Zone {
  const regular = isRegular(client);
  const key = client.id * sim.serviceIndex.size + sim.serviceIndex.get(service.id)!;
  let zone = regular ? sim.zones.get(key) : undefined;
  if (!zone) {
    const found: Zone = { partners: [], km: [] };
    sim.grids.get(service.id)!.visitNear(client.lat, client.lng, (s, km) => {
      found.partners.push(s);
      found.km.push(km);
    });
    if (regular) sim.zones.set(key, found);
    zone = found;
  }
  return zone;
}

/**
 * DSP-1 / DSP-9: the zone's partners whose weekly hours hold the order's Paris slot, for a
 * kept zone. A regular client books the same slot week after week: the list is kept per slot,
 * and ranking no longer reads the partners who are never open then (a third of a zone). Exact,
 * as weekly hours do not change while the clock runs; isEligible checks them again anyway.
 */
function openDuring(zone: Zone, order: { startsAt: Date; endsAt: Date; parisSlot: ParisSlot | null }): Zone {
  const slot = order.parisSlot;
  if (slot === null) return zone;
  const key = (slot.weekday * 1441 + slot.startMin) * 1441 + slot.endMin;
  const bySlot = (zone.bySlot ??= new Map());
  let open = bySlot.get(key);
  if (!open) {
    open = { partners: [], km: [] };
    for (let i = 0; i < zone.partners.length; i++) {
      if (!insideWeeklyHours(zone.partners[i].elig.weeklyHours, order.startsAt, order.endsAt, slot)) continue;
      open.partners.push(zone.partners[i]);
      open.km.push(zone.km[i]);
    }
    bySlot.set(key, open);
  }
  return open;
}

/** Sets the order's ranked candidates (DSP-9 eligibility, DSP-10 ranking) at `at`. */
function rankFor(sim: Sim, o: OrderState, at: number): void {
  const favs = sim.favourites.get(o.client.id);
  const out: { partner: PartnerState; demoted: boolean; favourite: boolean; distanceKm: number; partnerId: number; score: number }[] = [];
  const endsAt = new Date(o.end);
  const order = { id: o.id, clientId: o.client.id, serviceCode: o.service.id, startsAt: o.startsAtDate, endsAt, lat: o.client.lat, lng: o.client.lng, parisSlot: parisSlotOf(o.startsAtDate, endsAt) };
  const zone = isRegular(o.client) ? openDuring(zoneOf(sim, o.client, o.service), order) : zoneOf(sim, o.client, o.service);
  // In no particular order: the ranking's order is total (DSP-10), and a score refresh reads nothing another one writes.
  for (let i = 0; i < zone.partners.length; i++) {
    const s = zone.partners[i];
    if (s.status !== 'active' || s.p.activeFrom === null || s.p.activeFrom > at) continue;
    const verdict = isEligible(s.elig, order, { acceptedSessions: s.sessions, existingClient: existingClient(s, o.client.id), distanceKm: zone.km[i] });
    if (verdict.eligible) out.push({ partner: s, demoted: verdict.demoted, favourite: favs?.has(s.id) ?? false, distanceKm: verdict.distanceKm, partnerId: s.id, score: freshScore(sim, s, at) });
  }
  const ranked = rankCandidates(out, { platformMean: sim.platformMean });
  o.candidates = ranked.map((c) => c.partner);
  o.candidateKm = ranked.map((c) => c.distanceKm);
  o.favouriteCandidates = ranked.filter((c) => c.favourite).length;
}

/** Dispatch is over: the candidates are no longer read. */
export function dropCandidates(o: OrderState): void {
  o.candidates = NONE;
  o.candidateKm = NONE;
}

/**
 * DSP-9 / ENG-3, when the proposal is sent or answered: what may have changed since the
 * ranking — the partner's status, an existing-clients-only limitation, a session taken
 * meanwhile (the live engine's `stillEligible` checks the same) — and the order not expired.
 */
function stillEligible(s: PartnerState, o: { client: SimClient; startsAtDate: Date; end: number }, at: number): boolean {
  if (s.status !== 'active') return false;
  if (effective(s) === 'existing_clients_only' && !existingClient(s, o.client.id)) return false;
  return at < expiryAt(o.startsAtDate).getTime() && !conflictsWithSessions(s.sessions, o.startsAtDate, new Date(o.end));
}

/** DSP-5 / DSP-10: the next candidate still eligible gets the proposal, with its window (DSP-11); their answer is scheduled. */
function proposeNext(sim: Sim, o: OrderState, at: number): void {
  const rng = sim.rng;
  const expiry = expiryAt(o.startsAtDate).getTime();
  while (o.next < o.candidates.length && at < expiry) {
    const i = o.next++;
    const partner = o.candidates[i];
    const favourite = i < o.favouriteCandidates; // DSP-10: favourites rank first
    if (!stillEligible(partner, o, at)) continue;
    const sentAt = new Date(at);
    const deadlineAt = proposalDeadline({ createdAt: new Date(o.createdAt), startsAt: o.startsAtDate }, sentAt);
    const pr: ProposalState = {
      id: ++sim.proposalCount,
      order: o,
      partner,
      rank: o.next,
      sentAt,
      deadlineAt,
      answer: null,
      answeredAt: null,
      proposedStartsAt: null,
      clientAnswer: null,
      clientAnsweredAt: null,
      score: partner.score,
      distanceKm: Math.round(o.candidateKm[i] * 100) / 100,
    };
    o.proposals.push(pr);
    partner.proposals.push(pr);
    o.pending = pr;
    // The partner's behaviour: answer within the window or not, and what.
    const prof = partner.p.profile;
    const windowMs = deadlineAt.getTime() - at;
    // A partner keeps their regulars: a favourite's request is nearly always taken.
    const existing = existingClient(partner, o.client.id);
    if (rng.chance(favourite ? 0.98 : prof.answerP) && windowMs > MIN) {
      const delay = Math.min(windowMs, Math.max(20_000, Math.floor(rng.next() * rng.next() * windowMs)));
      const acceptP = favourite ? Math.max(0.95, prof.acceptP) : existing ? Math.min(0.97, prof.acceptP + 0.3) : prof.acceptP;
      const answer = rng.chance(acceptP) ? 'accepted' : rng.chance(prof.otherSlotP / Math.max(0.05, 1 - acceptP)) ? 'other_slot' : 'declined';
      sim.queue.push(at + delay, 'proposal_answer', { type: 'answer', proposal: pr, answer });
    } else {
      sim.queue.push(deadlineAt, 'proposal_timeout', { type: 'timeout', proposal: pr });
    }
    return;
  }
}

/** DSP-6: the partner takes the order — their acceptance, or their other slot the client accepted; it lifts an automatic limitation (LIM-3, LIM-7). */
function accept(sim: Sim, o: OrderState, pr: ProposalState, at: number): void {
  const s = pr.partner;
  o.status = 'accepted';
  o.partner = s;
  o.acceptedAt = at;
  o.pending = null;
  dropCandidates(o);
  s.sessions.push({ orderId: o.id, startsAt: o.startsAtDate, endsAt: new Date(o.end) });
  liftAutomatic(sim, s, pr, at);
  scheduleSession(sim, o, at);
}

/**
 * LIM-1 reads back from the newest proposal to the last acceptance or the 50th answered
 * one: what was sent before that can no longer change the decision (an answer only adds
 * a counted one after it), so the history is cut there — same decisions, bounded memory.
 */
function forgetOldProposals(s: PartnerState, pr: ProposalState): void {
  if (pr.answer === 'accepted') {
    const i = s.proposals.lastIndexOf(pr);
    if (i > 0) s.proposals = s.proposals.slice(i);
    return;
  }
  if (s.proposals.length < 200) return;
  let answeredSeen = 0;
  for (let i = s.proposals.length - 1; i >= 0; i--) {
    if (s.proposals[i].answer !== null && ++answeredSeen === 50) {
      if (i > 0) s.proposals = s.proposals.slice(i);
      return;
    }
  }
}

function answered(sim: Sim, pr: ProposalState, answer: ProposalAnswer, at: number): void {
  pr.answer = answer;
  pr.answeredAt = new Date(at);
  if (pr.order.pending === pr) pr.order.pending = null;
  checkAutomatic(sim, pr.partner, at);
  forgetOldProposals(pr.partner, pr);
}

/** DSP-2: an order request at least 2 h ahead becomes an order, ranked, with its expiry (DSP-12) and first proposal. */
export function onCreate(sim: Sim, plan: OrderPlan, at: number): void {
  if (!canBook(new Date(plan.createdAt), new Date(plan.start))) return;
  const o = dispatchingOrder(++sim.orderCount, plan, at);
  sim.out.pending.push(o);
  countNewOrder(sim, o.client.id, at);
  rankFor(sim, o, at);
  sim.queue.push(expiryAt(o.startsAtDate), 'order_expiry', { type: 'expiry', order: o });
  proposeNext(sim, o, at);
}

/** DSP-6 / DSP-12: the partner's answer — accepted (if still possible), another slot for the client, or declined. */
export function onAnswer(sim: Sim, pr: ProposalState, answer: Exclude<ProposalAnswer, 'timeout'>, at: number): void {
  const o = pr.order;
  if (pr.answer !== null || o.status !== 'dispatching') return;
  if (answer === 'accepted' && stillEligible(pr.partner, o, at)) {
    answered(sim, pr, 'accepted', at);
    accept(sim, o, pr, at);
  } else if (answer === 'other_slot') {
    // DSP-12: another slot goes to the client, who answers within minutes.
    answered(sim, pr, 'other_slot', at);
    pr.proposedStartsAt = new Date(o.start + sim.rng.int(4, 12) * 15 * MIN);
    o.awaitingClient = true;
    sim.queue.push(at + sim.rng.int(2, 40) * MIN, 'client_slot_answer', { type: 'client_slot', proposal: pr, accept: sim.rng.chance(0.45) });
  } else {
    answered(sim, pr, 'declined', at);
    proposeNext(sim, o, at);
  }
}

/** DSP-12: the client's answer to another slot; accepted, the order moves to it with that partner if still bookable (DSP-2) and free. */
export function onClientSlot(sim: Sim, pr: ProposalState, accepted: boolean, at: number): void {
  const o = pr.order;
  o.awaitingClient = false;
  if (o.status !== 'dispatching') return;
  pr.clientAnswer = accepted ? 'accepted' : 'declined';
  pr.clientAnsweredAt = new Date(at);
  const newStart = pr.proposedStartsAt!.getTime();
  const moved = { client: o.client, start: newStart, end: newStart + o.service.durationMin * MIN, startsAtDate: new Date(newStart) };
  if (accepted && canBook(new Date(at), moved.startsAtDate) && stillEligible(pr.partner, moved, at)) {
    o.start = moved.start;
    o.end = moved.end;
    o.startsAtDate = moved.startsAtDate;
    accept(sim, o, pr, at);
  } else {
    pr.clientAnswer = 'declined';
    checkAutomatic(sim, pr.partner, at); // LIM-7: another slot the client declines is a refusal
    proposeNext(sim, o, at);
  }
}

/** DSP-11: unanswered in its window — a timeout, and the next candidate. */
export function onTimeout(sim: Sim, pr: ProposalState, at: number): void {
  if (pr.answer !== null) return;
  answered(sim, pr, 'timeout', at);
  if (pr.order.status === 'dispatching') proposeNext(sim, pr.order, at);
}

/** DSP-12: nobody took the order 1 h before its start. */
export function onExpiry(sim: Sim, o: OrderState, at: number): void {
  if (o.status !== 'dispatching') return;
  if (o.awaitingClient) {
    // ENG-1: the client let the other slot expire — declined, a refusal for LIM-7.
    const pr = o.proposals[o.proposals.length - 1];
    pr.clientAnswer = 'declined';
    pr.clientAnsweredAt = new Date(at);
    checkAutomatic(sim, pr.partner, at);
  }
  o.status = 'expired';
  o.awaitingClient = false;
  dropCandidates(o);
}
