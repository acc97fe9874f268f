/**
 * The partner score, live (rules SCO-1..8): recomputed for one partner when a session
 * completes, a review arrives, or a cancellation / no-show is recorded (in the transaction
 * of that event — with, for a completion, the partners `partnersDisplacedAsFirst` names),
 * and for every partner in bulk — on demand (admin) and by the daily
 * recompute, which also fixes the SCO-6 platform mean. The arithmetic is the pure core's
 * `computeScore`; this file gathers its inputs from the rows (SCO-8) and stores the
 * breakdown (R, A, F, sessions counted, real score or platform mean) on the partner.
 * When it runs: rule ENG-11 *(assumed)*.
 */
import type { Instant, OrdersRow, PartnersRow, ReviewsRow } from '../../data/tables';
import type { Ctx } from '../../context';
import type { OrderStatus } from '../../../shared/domain';
import { computeScore, platformMeanScore, scoreWindowStart, scoreWithPlatformMean, SCORE_MIN_COMPLETED_SESSIONS, type ScoreBreakdown } from '../score';
import { parisDate } from '../../../shared/calendar/paris';
import { platformMean, setEngineState } from './repository';
import { audit } from '../../data/audit';
import { chunks, pauser, updateMany } from '../../data/bulk';
import { talliedScores } from './scoreTallies';
import { foldedScores } from './scoreScan';
import { scoreOrders, type ClientFacts, type OrderLine, type Review } from './scoreOrders';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, num, toBool, toDate, toDateOrNull, type Row } from '../../data/rows';

/** A client's id with an instant aggregated over their orders (`min`/`max` as `m`). */
type ClientInstant = { clientId: number; m: Instant };

function details(b: ScoreBreakdown, mean: number, completedSessions: number, now: Date) {
  return JSON.stringify({ ...b, platformMean: mean, completedSessions, computedAt: iso(now) });
}

function line(r: Row): OrderLine {
  return { id: num(r.id), clientId: num(r.clientId), partnerId: num(r.partnerId), startsAt: toDate(r.startsAt), status: r.status as OrderStatus, cancelledAt: toDateOrNull(r.cancelledAt) };
}

async function reviewsOf(tx: Tx, orderIds: readonly number[]): Promise<Map<number, Review>> {
  const out = new Map<number, Review>();
  for (const part of chunks(orderIds)) {
    for (const r of (await tx.trx<ReviewsRow>('reviews').select('orderId', 'rating', 'surveyAnswered').whereIn('orderId', part))) {
      out.set(num(r.orderId), { rating: num(r.rating), surveyAnswered: toBool(r.surveyAnswered) });
    }
  }
  return out;
}

/**
 * SCO: recomputes one partner's score inside the caller's transaction, and stores the
 * breakdown. Returns the breakdown (null when the partner does not exist).
 */
export async function recomputePartnerScoreIn(tx: Tx, partnerId: number): Promise<ScoreBreakdown | null> {
  const partner = await tx.trx<PartnersRow>('partners').select('id', 'status', 'score').where('id', partnerId).first();
  if (!partner) return null;
  const from = iso(scoreWindowStart(tx.now));
  const to = iso(tx.now);
  // SCO-8: the orders starting in the window, and those the partner cancelled in it whatever their start.
  const lines = (await tx.trx<OrdersRow>('orders')
    .select('id', 'clientId', 'partnerId', 'startsAt', 'status', 'cancelledAt')
    .where('partnerId', partnerId)
    .where((w) => {
      w.where((s) => s.where('startsAt', '>=', from).where('startsAt', '<=', to)).orWhere((c) => c.where('status', 'cancelled_by_partner').where('cancelledAt', '>=', from).where('cancelledAt', '<=', to));
    })).map(line);
  const completed = lines.filter((o) => o.status === 'completed');
  const clients = [...new Set(completed.map((o) => o.clientId))];
  const firstCompletedAt = new Map<number, number>();
  const lastCreatedAt = new Map<number, number>();
  const firstWith = new Map<number, number>();
  for (const part of chunks(clients)) {
    for (const r of (await tx.trx('orders').select('clientId').min({ m: 'startsAt' }).where('status', 'completed').whereIn('clientId', part).groupBy('clientId')) as ClientInstant[]) {
      firstCompletedAt.set(num(r.clientId), toDate(r.m).getTime());
    }
    for (const r of (await tx.trx('orders').select('clientId').max({ m: 'createdAt' }).whereIn('clientId', part).groupBy('clientId')) as ClientInstant[]) {
      lastCreatedAt.set(num(r.clientId), toDate(r.m).getTime());
    }
    for (const r of (await tx.trx('orders').select('clientId').min({ m: 'startsAt' }).where({ partnerId, status: 'completed' }).whereIn('clientId', part).groupBy('clientId')) as ClientInstant[]) {
      firstWith.set(num(r.clientId), toDate(r.m).getTime());
    }
  }
  const facts: ClientFacts = {
    firstCompletedAt: (clientId) => firstCompletedAt.get(clientId),
    lastCreatedAt: (clientId) => lastCreatedAt.get(clientId),
    firstWith: (p, clientId) => (p === partnerId ? firstWith.get(clientId) : undefined),
  };
  const countRow = (await tx.trx('orders').where({ partnerId, status: 'completed' }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  const completedAll = num(countRow?.n ?? 0);
  const mean = await platformMean(tx.trx);
  const reviews = await reviewsOf(tx, completed.map((o) => o.id));
  const b = computeScore({ now: tx.now, orders: scoreOrders(lines, (o) => reviews.get(o.id) ?? null, facts), completedSessionsAllTime: completedAll, platformMean: mean });
  const active = partner.status === 'active';
  const before = partner.score === null || partner.score === undefined ? null : num(partner.score);
  await tx.trx('partners')
    .where('id', partnerId)
    .update({ ...(active ? { score: b.score } : {}), scoreDetails: details(b, mean, completedAll, tx.now), completedSessions: completedAll });
  if (active && before !== b.score) {
    await audit(tx, 'partners.score', 'partners', partnerId, { score: before }, { score: b.score, real: b.real, usesPlatformMean: b.usesPlatformMean, R: b.R, A: b.A, F: b.F });
  }
  return b;
}

/**
 * SCO-8 / ENG-12: the other partners whose session stops being the client's first completed
 * session on the platform when the session `order` completes — it starts before the client's
 * first one so far (a tie leaves both first). Their unanswered survey no longer counts 3, so
 * their score changes too. Read before the session is marked completed.
 */
export async function partnersDisplacedAsFirst(tx: Tx, order: { clientId: number; partnerId: number; startsAt: Date }): Promise<number[]> {
  const row = (await tx.trx('orders').where({ clientId: order.clientId, status: 'completed' }).min({ m: 'startsAt' }).first()) as { m: Instant | null } | undefined;
  if (row?.m === null || row?.m === undefined || toDate(row.m).getTime() <= order.startsAt.getTime()) return [];
  const rows = (await tx.trx('orders')
    .distinct('partnerId')
    .where({ clientId: order.clientId, status: 'completed', startsAt: row.m })
    .whereNot('partnerId', order.partnerId)
    .orderBy('partnerId')) as Pick<OrdersRow, 'partnerId'>[];
  return rows.map((r) => num(r.partnerId));
}

/** SCO: one partner's score on demand, in its own transaction. */
export async function recomputePartnerScore(ctx: Ctx, partnerId: number): Promise<ScoreBreakdown | null> {
  return inTransaction(ctx, (tx) => recomputePartnerScoreIn(tx, partnerId));
}

export interface BulkRecomputeSummary {
  partners: number;
  changed: number;
  platformMean: number;
  computedAt: string;
}

/**
 * SCO-1..8 in bulk: every active partner's score without a query per partner — counted by
 * PostgreSQL in one statement (scoreTallies.ts), folded from one pass over the orders on
 * SQLite (scoreScan.ts) — stored a thousand partners per statement. SCO-6: the platform mean is the
 * mean real score of the partners with ≥ 20 completed sessions, stored for the incremental
 * recomputes until the next bulk one.
 * `history` also writes the day's scoreHistory rows (the daily recompute does, on Mondays).
 */
export async function recomputeAllScoresIn(tx: Tx, opts: { history?: boolean } = {}): Promise<BulkRecomputeSummary> {
  const from = iso(scoreWindowStart(tx.now));
  const partners = tx.pg ? await talliedScores(tx, from, iso(tx.now)) : await foldedScores(tx, from, iso(tx.now));
  // SCO-6: the mean real score of the partners with ≥ 20 completed sessions (any status).
  const mean = platformMeanScore(partners.filter((p) => p.completedAll >= SCORE_MIN_COMPLETED_SESSIONS).map((p) => p.breakdown.real));
  await setEngineState(tx.trx, 'platformMean', String(mean), tx.now);

  let changed = 0;
  let count = 0;
  const day = parisDate(tx.now);
  const writes: Row[] = [];
  const history: Row[] = [];
  // The loop is short (a breakdown per partner) but 20,000 partners long: it lets the instance's requests in.
  const pause = pauser();
  for (const p of partners) {
    await pause();
    if (p.status !== 'active') continue;
    const { id, completedAll, breakdown: raw } = p;
    // SCO-6: the new mean enters the score of the partners under 20 completed sessions.
    const b: ScoreBreakdown = { ...raw, score: scoreWithPlatformMean(raw.real, completedAll, mean) };
    if (p.score !== b.score) changed++;
    count++;
    writes.push({ id, score: b.score, scoreDetails: details(b, mean, completedAll, tx.now), completedSessions: completedAll });
    if (opts.history) history.push({ partnerId: id, day, score: b.score, real: b.real });
  }
  // ~20,000 partners: an UPDATE per partner cost seconds, one per thousand partners does not.
  await updateMany(tx, 'partners', 'id', { id: 'integer', score: 'double precision', scoreDetails: 'text', completedSessions: 'integer' }, writes);
  for (const part of chunks(history, 300)) await tx.trx('scoreHistory').insert(part).onConflict(['partnerId', 'day']).merge(['score', 'real']);
  const summary: BulkRecomputeSummary = { partners: count, changed, platformMean: mean, computedAt: iso(tx.now) };
  await audit(tx, 'partners.recompute_scores', 'partners', null, null, { ...summary });
  return summary;
}

/** SCO: the bulk recompute on demand (POST /api/engine/recompute-scores), one transaction. */
export async function recomputeAllScores(ctx: Ctx, opts: { history?: boolean } = {}): Promise<BulkRecomputeSummary> {
  return inTransaction(ctx, (tx) => recomputeAllScoresIn(tx, opts));
}
