import { describe, expect, it } from 'vitest';
import { isNegative, publicationTime, visibleReviews, type ReviewForProfile } from './reviews';

const MIN = 60_000;
const DAY = 86_400_000;
const written = new Date('2026-05-04T10:00:00Z');
let nextId = 1;
const review = (rating: number, over: Partial<ReviewForProfile> = {}): ReviewForProfile => ({
  id: nextId++,
  rating,
  surveyAnswered: true,
  createdAt: written,
  editedAt: null,
  ...over,
});

describe('reviews', () => {
  it.each([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
    [5, false],
  ])('REV-8: a rating of %i is negative: %s', (rating, negative) => {
    expect(isNegative(rating)).toBe(negative);
  });

  it.each([
    [5, written],
    [3, written], // REV-8: neutral is published at once
    [2, new Date(written.getTime() + 7 * DAY)],
  ])('REV-2: a review rated %i is published at %s', (rating, expected) => {
    expect(publicationTime(review(rating))).toEqual(expected);
  });

  it('REV-2: a negative review written across the autumn DST change waits 7 Paris days (169 h)', () => {
    const r = review(1, { createdAt: new Date('2026-10-20T08:00:00Z') });
    expect(publicationTime(r)?.toISOString()).toBe('2026-10-27T09:00:00.000Z');
  });

  it('REV-2: an edit applies the rule again from the time of the edit (assumed)', () => {
    const editedAt = new Date(written.getTime() + 3 * DAY);
    expect(publicationTime(review(1, { editedAt }))).toEqual(new Date(editedAt.getTime() + 7 * DAY));
    expect(publicationTime(review(5, { editedAt }))).toEqual(editedAt);
  });

  it('REV-5: a survey not answered after the session is never published', () => {
    expect(publicationTime(review(5, { surveyAnswered: false }))).toBeNull();
  });

  it.each([
    ['6 days 23:59 after', 6 * DAY + 23 * 60 * MIN + 59 * MIN, false],
    ['exactly 7 days after', 7 * DAY, true],
  ])('REV-2: a negative review %s it was written is visible: %s', (_name, after, visible) => {
    // Four 5s keep the mean ≥ 4 with the 1 (mean 4.2): the profile is shown.
    const negative = review(1);
    const list = [review(5), review(5), review(5), review(5), negative];
    const result = visibleReviews(list, new Date(written.getTime() + after));
    expect(result.shown).toBe(true);
    expect(result.reviews.some((x) => x.review === negative)).toBe(visible);
    expect(result.reviews).toHaveLength(visible ? 5 : 4);
  });

  it.each([
    ['a 4.0 mean with 4 ratings', [5, 4, 4, 3], true],
    ['a 3.75 mean with 4 ratings', [5, 4, 3, 3], false],
    ['a 3.8 mean with 5 ratings', [5, 4, 4, 3, 3], true],
    ['a 1.0 mean with 5 ratings', [1, 1, 1, 1, 1], true],
    ['a single 5', [5], true],
    ['a single 3', [3], false],
  ])('REV-1: %s shows the reviews: %s', (_name, ratings, shown) => {
    const now = new Date(written.getTime() + 30 * DAY);
    const result = visibleReviews(ratings.map((r) => review(r)), now);
    expect(result.shown).toBe(shown);
    expect(result.reviews).toHaveLength(shown ? ratings.length : 0);
  });

  it('REV-1: unanswered surveys are not ratings (3.75 mean with 4 answered, a 5th unanswered)', () => {
    const now = new Date(written.getTime() + 30 * DAY);
    const result = visibleReviews([5, 4, 3, 3].map((r) => review(r)).concat(review(5, { surveyAnswered: false })), now);
    expect(result).toMatchObject({ shown: false, ratingsCount: 4, meanRating: 3.75 });
  });

  it('REV-1: a negative review not yet published still counts in the mean (assumed)', () => {
    const now = new Date(written.getTime() + DAY);
    const result = visibleReviews([review(5), review(5), review(1)], now);
    expect(result).toMatchObject({ shown: false, ratingsCount: 3 });
    expect(result.meanRating).toBeCloseTo(11 / 3, 12);
  });

  it('REV-4: with no rating at all, nothing is shown', () => {
    const now = new Date(written.getTime() + DAY);
    expect(visibleReviews([], now)).toEqual({ shown: false, ratingsCount: 0, meanRating: null, reviews: [] });
    expect(visibleReviews([review(5, { surveyAnswered: false })], now)).toEqual({
      shown: false,
      ratingsCount: 0,
      meanRating: null,
      reviews: [],
    });
  });

  it('REV-1: a review written after now is not counted yet', () => {
    const result = visibleReviews([review(5, { createdAt: new Date(written.getTime() + DAY) })], written);
    expect(result.ratingsCount).toBe(0);
  });

  it('REV-3: of 51 published reviews, the 50 most recently published show, in chronological order', () => {
    const list = Array.from({ length: 51 }, (_, i) => review(5, { createdAt: new Date(written.getTime() + (50 - i) * DAY) }));
    const result = visibleReviews(list, new Date(written.getTime() + 60 * DAY));
    expect(result.reviews).toHaveLength(50);
    const times = result.reviews.map((x) => x.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(result.reviews.map((x) => x.review)).not.toContain(list[50]); // the oldest drops out
    expect(result.reviews.at(-1)?.review).toBe(list[0]);
  });

  it('REV-2: order is by publication, not by writing: an older negative review comes after a newer positive one', () => {
    const negative = review(2, { createdAt: written });
    const positive = review(5, { createdAt: new Date(written.getTime() + 2 * DAY) });
    const result = visibleReviews([negative, positive, review(5), review(5), review(5)], new Date(written.getTime() + 10 * DAY));
    const order = result.reviews.map((x) => x.review);
    expect(order.indexOf(positive)).toBeLessThan(order.indexOf(negative));
  });
});
