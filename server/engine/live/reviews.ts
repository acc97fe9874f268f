/**
 * Reviews, live (rules REV-1..8, SCO-3): a client's survey answer after a completed session
 * — published at once when positive or neutral, one week later when negative (REV-2, REV-8),
 * again from the edit when the author edits it (REV-2 *(assumed)*, REV-6); a client
 * recommends only when satisfied (REV-7). Each review recomputes the partner's score.
 */
import type { ReviewsRow } from '../../data/tables';
import type { Ctx } from '../../context';
import { reviewsSpec } from '../../marketplace/specs';
import { publicationTime } from '../reviews';
import { cancelDeadlines, scheduleDeadline } from './deadlines';
import { EngineError } from './errors';
import { assertClientActive, loadClient, loadOrder } from './repository';
import { rawRow } from '../../data/rawRow';
import { recomputePartnerScoreIn } from './scores';
import { audit } from '../../data/audit';
import { inTransaction, type Tx } from '../../data/transaction';
import { insertId } from '../../data/insertId';
import { iso, num, toBool, toDate, toDateOrNull, type Row } from '../../data/rows';

/** rule REV-7, ENG-8 *(assumed)*: "satisfied" is a rating of 4 or 5. */
export const SATISFIED_MIN_RATING = 4;

export interface ReviewInput {
  /** The author (the order's client): REV-6, only the author writes or edits it. */
  clientId: number;
  rating?: number;
  comment?: string | null;
  recommended?: boolean;
}

function assertRecommendation(rating: number, recommended: boolean): void {
  if (recommended && rating < SATISFIED_MIN_RATING) {
    throw EngineError.validation('On ne recommande un partenaire que satisfait (note 4 ou 5) ; sinon laissez une appréciation négative. / Only a satisfied client (4 or 5) may recommend.', {
      fields: { recommended: 'only with a rating of 4 or 5 (REV-7)' },
    });
  }
}

/** REV-2 / REV-5: sets publishedAt (now, when due) or schedules the publication. */
async function applyPublication(tx: Tx, reviewId: number, review: { rating: number; surveyAnswered: boolean; createdAt: Date; editedAt: Date | null }): Promise<void> {
  await cancelDeadlines(tx, 'review_publish', [reviewId]);
  const at = publicationTime({ id: reviewId, ...review });
  if (at !== null && at.getTime() <= tx.now.getTime()) {
    await tx.trx('reviews').where('id', reviewId).update({ publishedAt: iso(at) });
  } else {
    await tx.trx('reviews').where('id', reviewId).update({ publishedAt: null });
    if (at !== null) await scheduleDeadline(tx.trx, 'review_publish', reviewId, at);
  }
}

/** A client reviews a completed session (the satisfaction survey, answered: REV-5). */
export async function createReview(ctx: Ctx, input: ReviewInput & { orderId: number; rating: number }): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const { order } = await loadOrder(tx, input.orderId, { lock: true });
    const { client } = await loadClient(tx, input.clientId);
    if (order.clientId !== client.id) {
      throw EngineError.forbidden('Seul le client de la commande peut la noter. / Only the order’s client may review it.', { orderId: order.id });
    }
    assertClientActive(client);
    if (order.status !== 'completed' || order.partnerId === null) {
      throw EngineError.invalidState(`La commande ${order.reference} n’est pas une prestation réalisée (${order.status}). / Only a completed session can be reviewed.`, { status: order.status });
    }
    const existing = await tx.trx<ReviewsRow>('reviews').where('orderId', order.id).first('id');
    if (existing) {
      throw EngineError.conflict(`Cette prestation a déjà un avis (${num(existing.id)}) : modifiez-le. / This session already has a review: edit it.`, { reviewId: num(existing.id) });
    }
    const recommended = input.recommended ?? false;
    assertRecommendation(input.rating, recommended);
    const comment = input.comment ?? null;
    const values = {
      orderId: order.id,
      partnerId: order.partnerId,
      clientId: client.id,
      rating: input.rating,
      recommended,
      comment,
      surveyAnswered: true,
      createdAt: iso(tx.now),
      editedAt: null,
      publishedAt: null,
      searchText: reviewsSpec.searchOf!({ comment }),
    };
    const id = await insertId(tx.trx, 'reviews', values);
    await applyPublication(tx, id, { rating: input.rating, surveyAnswered: true, createdAt: tx.now, editedAt: null });
    const after = await rawRow(tx.trx, 'reviews', id);
    await audit(tx, 'reviews.create', 'reviews', id, null, after);
    await recomputePartnerScoreIn(tx, order.partnerId); // SCO-3: a review arrived
    return after;
  });
}

/** REV-6: the author edits their review; REV-2 applies again from the edit. */
export async function editReview(ctx: Ctx, reviewId: number, input: ReviewInput): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const before = await tx.trx<ReviewsRow>('reviews').where('id', reviewId).first();
    if (!before) throw EngineError.notFound('Avis', reviewId, 'Review');
    if (num(before.clientId) !== input.clientId) {
      throw EngineError.forbidden('Seul l’auteur peut modifier cet avis. / Only the author may edit this review.', { reviewId });
    }
    const { client } = await loadClient(tx, input.clientId);
    assertClientActive(client);
    const rating = input.rating ?? num(before.rating);
    const recommended = input.recommended ?? (input.rating !== undefined && input.rating < SATISFIED_MIN_RATING ? false : toBool(before.recommended));
    assertRecommendation(rating, recommended);
    const comment = input.comment === undefined ? ((before.comment as string | null) ?? null) : input.comment;
    await tx.trx('reviews').where('id', reviewId).update({ rating, recommended, comment, editedAt: iso(tx.now), searchText: reviewsSpec.searchOf!({ comment }) });
    const surveyAnswered = toBool(before.surveyAnswered);
    await applyPublication(tx, reviewId, { rating, surveyAnswered, createdAt: toDate(before.createdAt), editedAt: tx.now });
    const after = await rawRow(tx.trx, 'reviews', reviewId);
    await audit(tx, 'reviews.edit', 'reviews', reviewId, before, after);
    await recomputePartnerScoreIn(tx, num(before.partnerId)); // SCO-3: the rating changed
    return after;
  });
}

/** REV-2: publishes one review whose publication time has come (a `review_publish` timer). */
export async function publishReviewIn(tx: Tx, reviewId: number): Promise<boolean> {
  const before = await tx.trx<ReviewsRow>('reviews').where('id', reviewId).first();
  if (!before || before.publishedAt !== null) return false;
  const at = publicationTime({
    id: reviewId,
    rating: num(before.rating),
    surveyAnswered: toBool(before.surveyAnswered),
    createdAt: toDate(before.createdAt),
    editedAt: toDateOrNull(before.editedAt),
  });
  if (at === null || at.getTime() > tx.now.getTime()) return false;
  const n = await tx.trx('reviews').where({ id: reviewId }).whereNull('publishedAt').update({ publishedAt: iso(at) });
  if (n !== 1) return false;
  await audit(tx, 'reviews.publish', 'reviews', reviewId, before, await rawRow(tx.trx, 'reviews', reviewId));
  return true;
}

/**
 * REV-2: publishes every review due by now that is still unpublished (a sweep that needs no
 * timer: the answered surveys not yet published are few — negatives of the last week).
 */
export async function publishDueReviews(ctx: Ctx): Promise<number[]> {
  return inTransaction(ctx, async (tx) => {
    const candidates = await tx.trx<ReviewsRow>('reviews').select('id').whereNull('publishedAt').where('surveyAnswered', true).orderBy('id');
    const published: number[] = [];
    for (const r of candidates) {
      if (await publishReviewIn(tx, num(r.id))) published.push(num(r.id));
    }
    if (published.length) await cancelDeadlines(tx, 'review_publish', published);
    return published;
  });
}

/** REV-6: writes the review of a completed session, or edits it when `reviewId` is given. */
export async function upsertReview(ctx: Ctx, input: ReviewInput & { reviewId?: number; orderId?: number }): Promise<{ review: Row; created: boolean }> {
  if (input.reviewId !== undefined) return { review: await editReview(ctx, input.reviewId, input), created: false };
  if (input.orderId === undefined || input.rating === undefined) {
    throw EngineError.validation('Indiquez la commande et la note. / orderId and rating are required.', { fields: { orderId: 'required', rating: 'required' } });
  }
  return { review: await createReview(ctx, { ...input, orderId: input.orderId, rating: input.rating }), created: true };
}
