/**
 * What the engine says about one partner, for the partner page: the weekly score
 * history, the proposals received and their answers (LIM-1 counting), and what the
 * profile shows of the reviews now (REV-1..5).
 */
import type { Knex } from 'knex';
import { AUTOMATIC_LIMITATION_WINDOW, countedProposals, proposalOutcome } from '../engine/automaticLimitation';
import { answeredProposalsQuery, lastAutomaticLift, proposalRecord, type AnsweredProposalRow } from '../engine/live/limitations';
import { visibleReviews } from '../engine/reviews';

export async function partnerEngineSummary(db: Knex, partnerId: number, now: Date) {
  const partner = await db('partners').select('id').where('id', partnerId).first();
  if (!partner) return null;
  const history = await db('scoreHistory').select('day', 'score', 'real').where('partnerId', partnerId).orderBy('day', 'asc');
  const answers = await db('proposals').select('answer').count({ n: '*' }).where('partnerId', partnerId).groupBy('answer');
  const byAnswer: Record<string, number> = {};
  for (const a of answers as Array<{ answer: string | null; n: number | string }>) byAnswer[a.answer ?? 'pending'] = Number(a.n);
  const answered = Object.entries(byAnswer).filter(([k]) => k !== 'pending').reduce((s, [, n]) => s + n, 0);
  // LIM-1 / LIM-7: the last 50 counted proposals, newest first, sent after the last lift of an
  // automatic limitation (what the automatic limitation looks at); other slots still awaiting
  // the client are not counted yet.
  const since = await lastAutomaticLift(db, partnerId);
  const read = (await answeredProposalsQuery(db, partnerId, since, AUTOMATIC_LIMITATION_WINDOW, { decidedOnly: true })) as AnsweredProposalRow[];
  const last = countedProposals(read.map(proposalRecord), since);
  const reviews = await db('reviews').select('id', 'rating', 'surveyAnswered', 'createdAt', 'editedAt').where('partnerId', partnerId);
  const profile = visibleReviews(
    reviews.map((r) => ({
      id: Number(r.id),
      rating: Number(r.rating),
      surveyAnswered: r.surveyAnswered === true || r.surveyAnswered === 1,
      createdAt: new Date(r.createdAt),
      editedAt: r.editedAt ? new Date(r.editedAt) : null,
    })),
    now,
  );
  return {
    scoreHistory: history.map((h) => ({ day: h.day, score: h.score === null ? null : Number(h.score), real: h.real === null ? null : Number(h.real) })),
    proposals: {
      byAnswer,
      answered,
      acceptanceRate: answered ? (byAnswer.accepted ?? 0) / answered : null,
      lastAnswered: last.length,
      // LIM-7: another slot the client accepted is an acceptance.
      acceptedInLastAnswered: last.filter((p) => proposalOutcome(p) === 'acceptance').length,
    },
    reviews: {
      shown: profile.shown,
      ratingsCount: profile.ratingsCount,
      meanRating: profile.meanRating,
      published: profile.reviews.length,
    },
  };
}
