/**
 * The satisfaction survey's answers on the simulated clock: the rating is people's
 * behaviour (around the partner's quality), its publication the core's (`publicationTime`,
 * REV-2 / REV-5 / REV-8), and what it changes the rules' — the score (SCO-3), the signals
 * ops read (LIM-4 c), favourites (CLI-4).
 */
import type { Random } from '../random';
import { isNegative, publicationTime } from '../reviews';
import { searchTextOf } from '../../../shared/text';
import { openCase } from './cases';
import { addFavourite } from './favourites';
import { countReview } from './scores';
import { isRegular, iso, type OrderState, type Sim } from './state';

/** The rating a client gives a partner of this quality (1–5). */
export function ratingFor(rng: Random, quality: number): number {
  const r = Math.round(quality + (rng.next() + rng.next() + rng.next() - 1.5) * 1.4);
  return Math.max(1, Math.min(5, r));
}

const POSITIVE = ['Très professionnelle, je recommande.', 'Ponctuel, efficace et très sympathique.', 'Parfait, merci !', 'Excellent travail, je reprendrai rendez-vous.', 'Rien à redire.'];
const NEUTRAL = ['Correct, sans plus.', 'Prestation correcte mais un peu de retard.'];
const NEGATIVE = ['Retard de 30 minutes sans prévenir.', 'Travail bâclé, déçue.', 'Pas à l’écoute de mes demandes.'];

/** The client answers the survey of a completed session. */
export function onReview(sim: Sim, o: OrderState, rating: number, at: number): void {
  const rng = sim.rng;
  const s = o.partner!;
  o.review = { rating, surveyAnswered: true };
  if (o.ledger >= 0) sim.ledger.answer(o.ledger, rating);
  countReview(sim, o, rating);
  const pub = publicationTime({ id: o.id, rating, surveyAnswered: true, createdAt: new Date(at), editedAt: null });
  const comment = rng.pick(rating >= 4 ? POSITIVE : rating === 3 ? NEUTRAL : NEGATIVE);
  const reviewId = ++sim.reviewCount;
  const publishedAt = pub && pub.getTime() <= sim.now ? pub.toISOString() : null; // REV-2
  sim.heldReviews.push({
    id: reviewId,
    orderId: o.id,
    partnerId: s.id,
    clientId: o.client.id,
    rating,
    recommended: rating >= 4, // REV-7: only a satisfied client recommends
    comment,
    surveyAnswered: true,
    createdAt: iso(at),
    editedAt: null,
    publishedAt,
    searchText: searchTextOf([comment]),
  });
  // The live engine publishes it when its time comes (REV-2).
  if (publishedAt === null && pub) sim.reviewDeadlines.push({ kind: 'review_publish', refId: reviewId, dueAt: pub.toISOString(), status: 'pending' });
  if (isNegative(rating)) {
    s.negativesAt.push(at);
    if (rng.chance(0.12)) openCase(sim, o, at, 'quality');
  }
  // CLI-4: a regular client keeps a partner they liked as a favourite.
  if (rating >= 4 && (isRegular(o.client) || rng.chance(0.05))) addFavourite(sim, o.client.id, s.id, at);
}
