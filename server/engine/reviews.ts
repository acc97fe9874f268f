/** Which reviews a partner's profile shows, and from when (rules REV-1..5, REV-8). */
import { compareIds } from './ids';
import { addParisCalendarDays } from '../../shared/calendar/paris';

/** rule REV-3: at most this many reviews on a profile. */
export const MAX_VISIBLE_REVIEWS = 50;
/** rule REV-2: negative reviews wait one week (7 Paris calendar days, DOMAIN "Time"). */
export const NEGATIVE_REVIEW_DELAY_DAYS = 7;

export interface ReviewForProfile {
  id: number | string;
  /** 1..5 */
  rating: number;
  /** The client answered the survey after the session (REV-5). */
  surveyAnswered: boolean;
  createdAt: Date;
  editedAt: Date | null;
}

export interface ProfileReviews<R> {
  /** REV-1 / REV-4: whether the profile shows the reviews and the mean rating at all. */
  shown: boolean;
  /** Answered surveys written by `now`. */
  ratingsCount: number;
  /** Mean of those ratings; null with no rating (REV-4). */
  meanRating: number | null;
  /** Published reviews, chronological order of publication (oldest first), the 50 most recent. */
  reviews: { review: R; publishedAt: Date }[];
}

/** rule REV-8 *(assumed)*: 1 or 2 is negative; 3 is neutral and published at once like a positive. */
export function isNegative(rating: number): boolean {
  return rating <= 2;
}

/**
 * rule REV-2 / REV-5: when the review appears. Only a survey answered after the session
 * is ever published (null otherwise); a positive or neutral one at once, a negative one
 * 7 days after it was written — *(assumed, REV-2)* an edit restarts this from the edit.
 */
export function publicationTime(review: ReviewForProfile): Date | null {
  if (!review.surveyAnswered) return null;
  const written = review.editedAt ?? review.createdAt;
  return isNegative(review.rating) ? addParisCalendarDays(written, NEGATIVE_REVIEW_DELAY_DAYS) : written;
}

/**
 * rules REV-1..5: the reviews a profile shows at `now`.
 * REV-1: shown when the mean rating is ≥ 4 or there are ≥ 5 ratings (answered surveys only).
 * *(assumed)* The mean counts every answered survey written by `now`, published yet or
 * not: the delay of REV-2 holds the text back, not the rating.
 * REV-4: no rating at all, nothing shown.
 */
export function visibleReviews<R extends ReviewForProfile>(reviews: readonly R[], now: Date): ProfileReviews<R> {
  const t = now.getTime();
  const rated = reviews.filter((r) => r.surveyAnswered && r.createdAt.getTime() <= t);
  const ratingsCount = rated.length;
  const meanRating = ratingsCount === 0 ? null : rated.reduce((s, r) => s + r.rating, 0) / ratingsCount;
  const shown = meanRating !== null && (meanRating >= 4 || ratingsCount >= 5);
  if (!shown) return { shown, ratingsCount, meanRating, reviews: [] };

  const published: { review: R; publishedAt: Date }[] = [];
  for (const review of rated) {
    const publishedAt = publicationTime(review);
    if (publishedAt !== null && publishedAt.getTime() <= t) published.push({ review, publishedAt });
  }
  // REV-2: chronological order of publication; REV-3: the 50 most recently published.
  published.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || compareIds(a.review.id, b.review.id));
  return { shown, ratingsCount, meanRating, reviews: published.slice(-MAX_VISIBLE_REVIEWS) };
}
