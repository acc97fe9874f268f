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
import type { Knex } from 'knex';
import type { Ctx } from '../../context';
import type { OrderStatus } from '../../../shared/domain';
import { computeScore, platformMeanScore, scoreWindowStart, scoreWithPlatformMean, SCORE_MIN_COMPLETED_SESSIONS, type ScoreBreakdown, type ScoreOrder } from '../score';
import { parisDate } from '../../../shared/calendar/paris';
import { platformMean, setEngineState } from './repository';
import { audit } from '../../data/audit';
import { chunks, eachRow, pauser, updateMany } from '../../data/bulk';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, num, toBool, toDate, toDateOrNull, type Row } from '../../data/rows';

/** A client's id with an instant aggregated over their orders (`min`/`max` as `m`). */
type ClientInstant = { clientId: number; m: Instant };

interface OrderLine {
  id: number;
  clientId: number;
  partnerId: number;
  startsAt: Date;
  status: OrderStatus;
  /** SCO-8: a partner's cancellation counts from this instant. */
  cancelledAt: Date | null;
}

type Review = { rating: number; surveyAnswered: boolean };

/** What SCO-8 reads beyond the partner's own orders: per client, platform-wide facts (instants in ms). */
interface ClientFacts {
  /** Start of the client's first completed session on the platform. */
  firstCompletedAt(clientId: number): number | undefined;
  /** Last order creation of the client (any partner, any status). */
  lastCreatedAt(clientId: number): number | undefined;
  /** Start of the client's first completed session with the partner. */
  firstWith(partnerId: number, clientId: number): number | undefined;
}

function scoreOrders<L extends OrderLine>(lines: readonly L[], reviewOf: (line: L) => Review | null, facts: ClientFacts): ScoreOrder[] {
  return lines.map((o) => {
    const firstWith = facts.firstWith(o.partnerId, o.clientId);
    const lastCreated = facts.lastCreatedAt(o.clientId);
    return {
      id: o.id,
      clientId: o.clientId,
      startsAt: o.startsAt,
      status: o.status,
      cancelledAt: o.cancelledAt,
      review: reviewOf(o),
      // SCO-8 / ENG-12: an unanswered survey counts 3 only on the client's first completed session on the platform (the earliest start).
      clientFirstCompletedOnPlatform: o.status === 'completed' && facts.firstCompletedAt(o.clientId) === o.startsAt.getTime(),
      // SCO-8 retention: another order created after the start of the first completed session together.
      clientOrderedAgainAfter: firstWith !== undefined && lastCreated !== undefined && lastCreated > firstWith,
    };
  });
}

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
 * A cache from an instant as the database returns it to a Date: ISO text on SQLite is
 * parsed once per distinct text (sessions start on quarter hours: the 1 M orders of the
 * large demo share ~10,000 starts), a Date (PostgreSQL) is kept. The Dates are shared
 * between orders, so never mutated.
 */
function instants(): (value: unknown) => Date {
  const parsed = new Map<string | number, Date>();
  return (value) => {
    if (value instanceof Date) return value;
    if (typeof value === 'number') {
      let d = parsed.get(value);
      if (d === undefined) parsed.set(value, (d = new Date(value)));
      return d;
    }
    const text = String(value);
    let d = parsed.get(text);
    if (d === undefined) {
      d = toDate(text);
      parsed.set(text, d);
    }
    return d;
  };
}

/**
 * An instant column as PostgreSQL's epoch milliseconds (a float the driver reads with
 * parseFloat): a million orders' timestamps parsed into Dates by the driver took a
 * second and a half of the bulk recompute, and its garbage more. SQLite's ISO text is read
 * as it is (instants() parses each distinct text once).
 */
function epochMs(tx: Tx, column: string, alias: string): Knex.Raw | string {
  return tx.pg ? tx.trx.raw('floor(extract(epoch from ??) * 1000)::float8 as ??', [column, alias]) : column;
}

/** A windowed order as the bulk recompute reads it, with its survey review when it counts (a completed session). */
interface ScannedLine extends OrderLine {
  /** null: no review. */
  rating: number | null;
  surveyAnswered: boolean;
}

/** Per client, folded from all its orders. */
interface ClientScan {
  firstCompletedAt: number | undefined;
  /** The latest creation as read (ISO text, or epoch ms on PostgreSQL), in ms once the scan is over. */
  lastCreated: unknown;
  lastCreatedAt: number;
}

/** Per partner, folded from all its orders. */
interface PartnerScan {
  /** The orders whose start lies in the window (SCO-5). */
  lines: ScannedLine[];
  /** Completed sessions in all (SCO-6). */
  completed: number;
  /** Per client, the start of their first completed session with the partner (SCO-8). */
  firstWith: Map<number, number>;
}

/**
 * Every order of the platform in ONE pass, the window's reviews joined to it, and the
 * SCO-8 facts folded from it in memory. The windowed orders must be read anyway; the facts
 * as grouped queries (first completed session per client and per partner and client, last
 * creation per client, completed count per partner) were four more scans of the table,
 * mostly through an index and then the table row by row: ~7 s of the ~16 s on the large
 * demo database (1 M orders), where this whole pass takes less than half of that. A million
 * rows held at once cost seconds of garbage collection, so they are folded as they come
 * (eachRow), and what is kept per order is small (no review object, one string per status).
 * The window test and the review's conditions stay in SQL so that they compare exactly as
 * the incremental recompute's WHERE does (ISO text on SQLite, timestamptz on PostgreSQL).
 */
async function scanOrders(tx: Tx, from: string, to: string): Promise<{ clients: Map<number, ClientScan>; partners: Map<number, PartnerScan> }> {
  const clients = new Map<number, ClientScan>();
  const partners = new Map<number, PartnerScan>();
  const instant = instants();
  const statuses = new Map<string, OrderStatus>();
  const query = tx.trx('orders as o')
    // The original query's reviews: those of completed sessions in the window (at most one per order).
    .leftJoin('reviews as r', function () {
      this.on('r.orderId', '=', 'o.id').andOnVal('o.status', '=', 'completed').andOnVal('o.startsAt', '>=', from).andOnVal('o.startsAt', '<=', to);
    })
    .select(
      'o.id', // 0
      'o.clientId', // 1
      'o.partnerId', // 2
      epochMs(tx, 'o.startsAt', 'startsAt'), // 3
      'o.status', // 4
      epochMs(tx, 'o.createdAt', 'createdAt'), // 5
      'r.rating', // 6
      'r.surveyAnswered', // 7
      // SCO-8: starting in the window, or cancelled by the partner in it whatever the start.
      tx.trx.raw('CASE WHEN (?? >= ? AND ?? <= ?) OR (?? = ? AND ?? >= ? AND ?? <= ?) THEN 1 ELSE 0 END AS ??', [
        'o.startsAt', from, 'o.startsAt', to,
        'o.status', 'cancelled_by_partner', 'o.cancelledAt', from, 'o.cancelledAt', to,
        'inWindow',
      ]), // 8
      'o.cancelledAt', // 9
    );
  await eachRow(tx, query, (v) => {
    const clientId = num(v[1]);
    const read = v[4] as string;
    let status = statuses.get(read);
    if (status === undefined) statuses.set(read, (status = read as OrderStatus));
    // SCO-8 retention: the client's last order creation, any partner, any status. `>` orders
    // ISO texts of one format as SQL's MAX on them does, and epoch milliseconds (PostgreSQL) by instant.
    const created = v[5] as string | number;
    let c = clients.get(clientId);
    if (c === undefined) clients.set(clientId, (c = { firstCompletedAt: undefined, lastCreated: created, lastCreatedAt: NaN }));
    else if (created > (c.lastCreated as string | number)) c.lastCreated = created;

    const completed = status === 'completed';
    const partnerId = v[2] === null || v[2] === undefined ? null : num(v[2]);
    let p: PartnerScan | undefined;
    if (partnerId !== null) {
      p = partners.get(partnerId);
      if (p === undefined) partners.set(partnerId, (p = { lines: [], completed: 0, firstWith: new Map() }));
    }
    const inWindow = p !== undefined && num(v[8]) === 1;
    if (!completed && !inWindow) return;
    const startsAt = instant(v[3]);
    if (completed) {
      const t = startsAt.getTime();
      // SCO-8 rating: the client's first completed session on the platform (any partner).
      if (c.firstCompletedAt === undefined || t < c.firstCompletedAt) c.firstCompletedAt = t;
      if (p !== undefined) {
        // SCO-6: completed sessions in all; SCO-8 retention: the first completed session together.
        p.completed++;
        const first = p.firstWith.get(clientId);
        if (first === undefined || t < first) p.firstWith.set(clientId, t);
      }
    }
    if (inWindow) {
      const rating = v[6] === null || v[6] === undefined ? null : num(v[6]);
      // The cancellation instant only where SCO-8 reads it (a few orders): the others keep no Date.
      const cancelledAt = status === 'cancelled_by_partner' ? toDateOrNull(v[9]) : null;
      p!.lines.push({ id: num(v[0]), clientId, partnerId: partnerId!, startsAt, status, cancelledAt, rating, surveyAnswered: rating !== null && toBool(v[7]) });
    }
  });
  for (const c of clients.values()) c.lastCreatedAt = typeof c.lastCreated === 'number' ? c.lastCreated : toDate(c.lastCreated).getTime();
  return { clients, partners };
}

/**
 * SCO-1..8 in bulk: every active partner's score from one pass over the orders (no query
 * per partner), stored a thousand partners per statement. SCO-6: the platform mean is the
 * mean real score of the partners with ≥ 20 completed sessions, stored for the incremental
 * recomputes until the next bulk one.
 * `history` also writes the day's scoreHistory rows (the daily recompute does, on Mondays).
 */
export async function recomputeAllScoresIn(tx: Tx, opts: { history?: boolean } = {}): Promise<BulkRecomputeSummary> {
  const { clients, partners: scanned } = await scanOrders(tx, iso(scoreWindowStart(tx.now)), iso(tx.now));
  const facts: ClientFacts = {
    firstCompletedAt: (clientId) => clients.get(clientId)?.firstCompletedAt,
    lastCreatedAt: (clientId) => clients.get(clientId)?.lastCreatedAt,
    firstWith: (partnerId, clientId) => scanned.get(partnerId)?.firstWith.get(clientId),
  };
  const completedAll = (partnerId: number) => scanned.get(partnerId)?.completed ?? 0;

  const partners = await tx.trx<PartnersRow>('partners').select('id', 'status', 'score');
  const breakdowns = new Map<number, ScoreBreakdown>();
  const pause = pauser(200);
  for (const p of partners) {
    await pause();
    const id = num(p.id);
    const lines = scanned.get(id)?.lines ?? [];
    breakdowns.set(id, computeScore({ now: tx.now, orders: scoreOrders(lines, (o) => (o.rating === null ? null : { rating: o.rating, surveyAnswered: o.surveyAnswered }), facts), completedSessionsAllTime: completedAll(id), platformMean: 0 }));
  }
  // SCO-6: the mean real score of the partners with ≥ 20 completed sessions (any status).
  const mean = platformMeanScore(partners.filter((p) => completedAll(num(p.id)) >= SCORE_MIN_COMPLETED_SESSIONS).map((p) => breakdowns.get(num(p.id))!.real));
  await setEngineState(tx.trx, 'platformMean', String(mean), tx.now);

  let changed = 0;
  let count = 0;
  const day = parisDate(tx.now);
  const writes: Row[] = [];
  const history: Row[] = [];
  for (const p of partners) {
    await pause();
    if (p.status !== 'active') continue;
    const id = num(p.id);
    const raw = breakdowns.get(id)!;
    // SCO-6: the new mean enters the score of the partners under 20 completed sessions.
    const b: ScoreBreakdown = { ...raw, score: scoreWithPlatformMean(raw.real, completedAll(id), mean) };
    const before = p.score === null || p.score === undefined ? null : num(p.score);
    if (before !== b.score) changed++;
    count++;
    writes.push({ id, score: b.score, scoreDetails: details(b, mean, completedAll(id), tx.now), completedSessions: completedAll(id) });
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
