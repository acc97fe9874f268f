/**
 * Accepted sessions on the simulated clock: whether they are cancelled (by the client or
 * the partner), missed or completed is people's behaviour, from the seeded PRNG; what a
 * completion or a cancellation changes is the rules' — the partner's calendar (DSP-9), the
 * score's facts (SCO-2..4, SCO-8), the satisfaction survey (SCO-3, REV-5), favourites (CLI-4).
 */
import { openCase } from './cases';
import { addFavourite } from './favourites';
import { ratingFor } from './reviews';
import { countCompletion, countNoShow, countPartnerCancellation } from './scores';
import { HOUR, isRegular, iso, type OrderState, type PartnerState, type Sim } from './state';

/** What happens to an accepted session: cancelled before its start, or it ends (completed or missed). */
export function scheduleSession(sim: Sim, o: OrderState, at: number): void {
  const rng = sim.rng;
  const prof = o.partner!.p.profile;
  if (rng.chance(0.035)) sim.queue.push(at + Math.floor(rng.next() * (o.start - at)), 'cancellation', { type: 'cancel', order: o, by: 'client' });
  else if (rng.chance(prof.cancelP)) sim.queue.push(at + Math.floor(rng.next() * (o.start - at)), 'cancellation', { type: 'cancel', order: o, by: 'partner' });
  else sim.queue.push(o.end, 'session_end', { type: 'end', order: o, noShow: rng.chance(prof.noShowP) });
}

/** DSP-9: the session no longer holds the partner's time. */
function releaseSession(o: OrderState): void {
  if (!o.partner) return;
  o.partner.sessions = o.partner.sessions.filter((x) => x.orderId !== o.id);
}

const isNegativeExperience = (s: PartnerState) => s.p.profile.quality < 3.5;

/** An accepted session cancelled by the client or the partner; a partner's cancellation counts against them (SCO-4, LIM-4). */
export function onCancel(sim: Sim, o: OrderState, by: 'client' | 'partner', at: number): void {
  if (o.status !== 'accepted') return;
  o.status = by === 'client' ? 'cancelled_by_client' : 'cancelled_by_partner';
  o.cancelledAt = at;
  releaseSession(o);
  if (by === 'partner' && o.partner) {
    o.partner.cancelsAt.push(at);
    countPartnerCancellation(o.partner);
    if (sim.rng.chance(0.05)) openCase(sim, o, at, 'cancellation');
  }
}

/** The session's end: a no-show, or a completed session with its survey, favourite and messages. */
export function onEnd(sim: Sim, o: OrderState, noShow: boolean, at: number): void {
  if (o.status !== 'accepted' || !o.partner) return;
  const rng = sim.rng;
  const s = o.partner;
  releaseSession(o);
  if (noShow) {
    o.status = 'no_show';
    s.noShowsAt.push(at);
    countNoShow(s);
    if (rng.chance(0.3)) openCase(sim, o, at, 'no_show');
  } else {
    o.status = 'completed';
    o.completedAt = at;
    s.completedAll++;
    countCompletion(sim, s, o);
    s.served.add(o.client.id);
    // The satisfaction survey: answered by about half the clients (SCO-3, REV-5).
    const regular = isRegular(o.client);
    if (rng.chance(regular ? 0.6 : 0.45)) {
      sim.queue.push(at + rng.int(1, 72) * HOUR, 'review', { type: 'review', order: o, rating: ratingFor(rng, s.p.profile.quality) });
    }
    // CLI-4: a regular client often keeps the partner of a good first session as a favourite.
    if (regular && !isNegativeExperience(s) && !sim.favourites.has(o.client.id) && rng.chance(0.9)) addFavourite(sim, o.client.id, s.id, at + HOUR);
    if (rng.chance(0.0015)) openCase(sim, o, at, 'damage');
    if (rng.chance(0.04)) {
      sim.heldMessages.push({ id: ++sim.messageCount, clientId: o.client.id, partnerId: s.id, orderId: o.id, sender: 'client', body: 'Merci pour aujourd’hui, à la semaine prochaine !', createdAt: iso(at + 2 * HOUR) });
    }
    if (rng.chance(0.004)) {
      // CON-1: a partner trying to take the client off the platform (a signal for ops).
      sim.heldMessages.push({ id: ++sim.messageCount, clientId: o.client.id, partnerId: s.id, orderId: o.id, sender: 'partner', body: `La prochaine fois appelez-moi directement au ${s.p.phone}, ce sera 30 € au lieu de ${(o.service.priceCents / 100).toFixed(0)} €.`, createdAt: iso(at + 3 * HOUR) });
    }
  }
}
