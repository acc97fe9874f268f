/**
 * The partner score, live (rules SCO-1..8): recomputed for one partner when a session
 * completes, a review arrives, or a cancellation / no-show is recorded (in the transaction
 * of that event), and for every partner in bulk — on demand (admin) and by the daily
 * recompute, which also fixes the SCO-6 platform mean. The arithmetic is the pure core's
 * `computeScore`; this file gathers its inputs from the rows (SCO-8) and stores the
 * breakdown (R, A, F, sessions counted, real score or platform mean) on the partner.
 * When it runs: rule ENG-11 *(assumed)*.
 */
import type { Ctx } from '../../context';
import type { OrderStatus } from '../../../shared/domain';
import { computeScore, platformMeanScore, scoreWindowStart, SCORE_MIN_COMPLETED_SESSIONS, type ScoreBreakdown, type ScoreOrder } from '../score';
import { parisDate } from '../time';
import { platformMean, setEngineState } from './repository';
import { audit, chunks, inTransaction, iso, num, toBool, toDate, type Row, type Tx } from './tx';

interface OrderLine {
  id: number;
  clientId: number;
  partnerId: number;
  startsAt: Date;
  status: OrderStatus;
}

/** What SCO-8 reads beyond the partner's own orders: per client, platform-wide facts. */
interface ClientFacts {
  /** Start of the client's first completed session on the platform. */
  firstCompletedAt: Map<number, number>;
  /** Last order creation of the client (any partner, any status). */
  lastCreatedAt: Map<number, number>;
  /** Start of the client's first completed session with each partner: `${partnerId}:${clientId}`. */
  firstWith: Map<string, number>;
}

function scoreOrders(lines: readonly OrderLine[], reviews: ReadonlyMap<number, { rating: number; surveyAnswered: boolean }>, facts: ClientFacts): ScoreOrder[] {
  return lines.map((o) => {
    const firstWith = facts.firstWith.get(`${o.partnerId}:${o.clientId}`);
    const lastCreated = facts.lastCreatedAt.get(o.clientId);
    return {
      id: o.id,
      clientId: o.clientId,
      startsAt: o.startsAt,
      status: o.status,
      review: reviews.get(o.id) ?? null,
      // SCO-8: an unanswered survey counts 3 only on the client's first completed session on the platform.
      clientFirstCompletedOnPlatform: o.status === 'completed' && facts.firstCompletedAt.get(o.clientId) === o.startsAt.getTime(),
      // SCO-8 retention: another order created after the start of the first completed session together.
      clientOrderedAgainAfter: firstWith !== undefined && lastCreated !== undefined && lastCreated > firstWith,
    };
  });
}

function details(b: ScoreBreakdown, mean: number, completedSessions: number, now: Date) {
  return JSON.stringify({ ...b, platformMean: mean, completedSessions, computedAt: iso(now) });
}

function line(r: Row): OrderLine {
  return { id: num(r.id), clientId: num(r.clientId), partnerId: num(r.partnerId), startsAt: toDate(r.startsAt), status: r.status as OrderStatus };
}

async function reviewsOf(tx: Tx, orderIds: readonly number[]): Promise<Map<number, { rating: number; surveyAnswered: boolean }>> {
  const out = new Map<number, { rating: number; surveyAnswered: boolean }>();
  for (const part of chunks(orderIds)) {
    for (const r of (await tx.trx('reviews').select('orderId', 'rating', 'surveyAnswered').whereIn('orderId', part)) as Row[]) {
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
  const partner = (await tx.trx('partners').select('id', 'status', 'score').where('id', partnerId).first()) as Row | undefined;
  if (!partner) return null;
  const from = scoreWindowStart(tx.now);
  const lines = ((await tx.trx('orders')
    .select('id', 'clientId', 'partnerId', 'startsAt', 'status')
    .where('partnerId', partnerId)
    .where('startsAt', '>=', iso(from))
    .where('startsAt', '<=', iso(tx.now))) as Row[]).map(line);
  const completed = lines.filter((o) => o.status === 'completed');
  const clients = [...new Set(completed.map((o) => o.clientId))];
  const facts: ClientFacts = { firstCompletedAt: new Map(), lastCreatedAt: new Map(), firstWith: new Map() };
  for (const part of chunks(clients)) {
    for (const r of (await tx.trx('orders').select('clientId').min({ m: 'startsAt' }).where('status', 'completed').whereIn('clientId', part).groupBy('clientId')) as Row[]) {
      facts.firstCompletedAt.set(num(r.clientId), toDate(r.m).getTime());
    }
    for (const r of (await tx.trx('orders').select('clientId').max({ m: 'createdAt' }).whereIn('clientId', part).groupBy('clientId')) as Row[]) {
      facts.lastCreatedAt.set(num(r.clientId), toDate(r.m).getTime());
    }
    for (const r of (await tx.trx('orders').select('clientId').min({ m: 'startsAt' }).where({ partnerId, status: 'completed' }).whereIn('clientId', part).groupBy('clientId')) as Row[]) {
      facts.firstWith.set(`${partnerId}:${num(r.clientId)}`, toDate(r.m).getTime());
    }
  }
  const countRow = (await tx.trx('orders').where({ partnerId, status: 'completed' }).count({ n: '*' }).first()) as Row | undefined;
  const completedAll = num(countRow?.n ?? 0);
  const mean = await platformMean(tx.trx);
  const b = computeScore({ now: tx.now, orders: scoreOrders(lines, await reviewsOf(tx, completed.map((o) => o.id)), facts), completedSessionsAllTime: completedAll, platformMean: mean });
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
 * SCO-1..8 in bulk: every active partner's score from a handful of grouped queries (no query
 * per partner). SCO-6: the platform mean is the mean real score of the partners with ≥ 20
 * completed sessions, stored for the incremental recomputes until the next bulk one.
 * `history` also writes the day's scoreHistory rows (the daily recompute does, on Mondays).
 */
export async function recomputeAllScoresIn(tx: Tx, opts: { history?: boolean } = {}): Promise<BulkRecomputeSummary> {
  const from = iso(scoreWindowStart(tx.now));
  const to = iso(tx.now);
  const lines = ((await tx.trx('orders').select('id', 'clientId', 'partnerId', 'startsAt', 'status').whereNotNull('partnerId').where('startsAt', '>=', from).where('startsAt', '<=', to)) as Row[]).map(line);
  const reviews = new Map<number, { rating: number; surveyAnswered: boolean }>();
  const reviewRows = (await tx.trx('reviews as r')
    .join('orders as o', 'o.id', 'r.orderId')
    .select('r.orderId', 'r.rating', 'r.surveyAnswered')
    .where('o.status', 'completed')
    .where('o.startsAt', '>=', from)
    .where('o.startsAt', '<=', to)) as Row[];
  for (const r of reviewRows) reviews.set(num(r.orderId), { rating: num(r.rating), surveyAnswered: toBool(r.surveyAnswered) });
  const facts: ClientFacts = { firstCompletedAt: new Map(), lastCreatedAt: new Map(), firstWith: new Map() };
  for (const r of (await tx.trx('orders').select('clientId').min({ m: 'startsAt' }).where('status', 'completed').groupBy('clientId')) as Row[]) {
    facts.firstCompletedAt.set(num(r.clientId), toDate(r.m).getTime());
  }
  for (const r of (await tx.trx('orders').select('clientId').max({ m: 'createdAt' }).groupBy('clientId')) as Row[]) {
    facts.lastCreatedAt.set(num(r.clientId), toDate(r.m).getTime());
  }
  for (const r of (await tx.trx('orders').select('partnerId', 'clientId').min({ m: 'startsAt' }).where('status', 'completed').whereNotNull('partnerId').groupBy('partnerId', 'clientId')) as Row[]) {
    facts.firstWith.set(`${num(r.partnerId)}:${num(r.clientId)}`, toDate(r.m).getTime());
  }
  const completedAll = new Map<number, number>();
  for (const r of (await tx.trx('orders').select('partnerId').count({ n: '*' }).where('status', 'completed').whereNotNull('partnerId').groupBy('partnerId')) as Row[]) {
    completedAll.set(num(r.partnerId), num(r.n));
  }
  const byPartner = new Map<number, OrderLine[]>();
  for (const o of lines) {
    const list = byPartner.get(o.partnerId);
    if (list) list.push(o);
    else byPartner.set(o.partnerId, [o]);
  }

  const partners = (await tx.trx('partners').select('id', 'status', 'score')) as Row[];
  const breakdowns = new Map<number, ScoreBreakdown>();
  for (const p of partners) {
    const id = num(p.id);
    breakdowns.set(id, computeScore({ now: tx.now, orders: scoreOrders(byPartner.get(id) ?? [], reviews, facts), completedSessionsAllTime: completedAll.get(id) ?? 0, platformMean: 0 }));
  }
  // SCO-6: the mean real score of the partners with ≥ 20 completed sessions (any status).
  const mean = platformMeanScore(partners.filter((p) => (completedAll.get(num(p.id)) ?? 0) >= SCORE_MIN_COMPLETED_SESSIONS).map((p) => breakdowns.get(num(p.id))!.real));
  await setEngineState(tx.trx, 'platformMean', String(mean), tx.now);

  let changed = 0;
  let count = 0;
  const day = parisDate(tx.now);
  const history: Row[] = [];
  for (const p of partners) {
    if (p.status !== 'active') continue;
    const id = num(p.id);
    const raw = breakdowns.get(id)!;
    const b: ScoreBreakdown = { ...raw, score: raw.usesPlatformMean ? mean : raw.real };
    const before = p.score === null || p.score === undefined ? null : num(p.score);
    if (before !== b.score) changed++;
    count++;
    await tx.trx('partners').where('id', id).update({ score: b.score, scoreDetails: details(b, mean, completedAll.get(id) ?? 0, tx.now), completedSessions: completedAll.get(id) ?? 0 });
    if (opts.history) history.push({ partnerId: id, day, score: b.score, real: b.real });
  }
  for (const part of chunks(history, 300)) await tx.trx('scoreHistory').insert(part).onConflict(['partnerId', 'day']).merge(['score', 'real']);
  const summary: BulkRecomputeSummary = { partners: count, changed, platformMean: mean, computedAt: iso(tx.now) };
  await audit(tx, 'partners.recompute_scores', 'partners', null, null, { ...summary });
  return summary;
}

/** SCO: the bulk recompute on demand (POST /api/engine/recompute-scores), one transaction. */
export async function recomputeAllScores(ctx: Ctx, opts: { history?: boolean } = {}): Promise<BulkRecomputeSummary> {
  return inTransaction(ctx, (tx) => recomputeAllScoresIn(tx, opts));
}
