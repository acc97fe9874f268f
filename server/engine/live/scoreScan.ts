/**
 * The bulk recompute's input on SQLite (SCO-2..SCO-8): every partner's breakdown by the
 * core's `computeScore`, over its orders read in one pass. SQLite runs in the process, so
 * reading a million orders costs what folding them costs: this took 8.6 s on the large demo
 * where the same counts as grouped SQL (scoreTallies.ts, PostgreSQL's way) took 14.3 s.
 */
import type { PartnersRow } from '../../data/tables';
import type { OrderStatus } from '../../../shared/domain';
import { computeScore } from '../score';
import { eachRow, pauser } from '../../data/bulk';
import { num, toBool, toDate, toDateOrNull } from '../../data/rows';
import type { Tx } from '../../data/transaction';
import { scoreOrders, type ClientFacts, type OrderLine } from './scoreOrders';
import type { PartnerScore } from './scoreTallies';

/**
 * A cache from an instant as SQLite returns it (ISO text) to a Date, parsed once per distinct
 * text (sessions start on quarter hours: the 1 M orders of the large demo share ~10,000
 * starts). The Dates are shared between orders, so never mutated.
 */
function instants(): (value: unknown) => Date {
  const parsed = new Map<string, Date>();
  return (value) => {
    const text = String(value);
    let d = parsed.get(text);
    if (d === undefined) {
      d = toDate(text);
      parsed.set(text, d);
    }
    return d;
  };
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
  /** The latest creation as read (ISO text), in ms once the scan is over. */
  lastCreated: string;
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
 * the incremental recompute's WHERE does.
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
      'o.startsAt', // 3
      'o.status', // 4
      'o.createdAt', // 5
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
    // ISO texts of one format as SQL's MAX on them does.
    const created = v[5] as string;
    let c = clients.get(clientId);
    if (c === undefined) clients.set(clientId, (c = { firstCompletedAt: undefined, lastCreated: created, lastCreatedAt: NaN }));
    else if (created > c.lastCreated) c.lastCreated = created;

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
  for (const c of clients.values()) c.lastCreatedAt = toDate(c.lastCreated).getTime();
  return { clients, partners };
}

/** Every partner (any status) with its breakdown for the window [from, to] (ISO instants), the platform mean not applied yet. */
export async function foldedScores(tx: Tx, from: string, to: string): Promise<PartnerScore[]> {
  const { clients, partners: scanned } = await scanOrders(tx, from, to);
  const facts: ClientFacts = {
    firstCompletedAt: (clientId) => clients.get(clientId)?.firstCompletedAt,
    lastCreatedAt: (clientId) => clients.get(clientId)?.lastCreatedAt,
    firstWith: (partnerId, clientId) => scanned.get(partnerId)?.firstWith.get(clientId),
  };
  const out: PartnerScore[] = [];
  const pause = pauser(200);
  for (const p of await tx.trx<PartnersRow>('partners').select('id', 'status', 'score').orderBy('id')) {
    await pause();
    const id = num(p.id);
    const completedAll = scanned.get(id)?.completed ?? 0;
    const lines = scanned.get(id)?.lines ?? [];
    const breakdown = computeScore({ now: tx.now, orders: scoreOrders(lines, (o) => (o.rating === null ? null : { rating: o.rating, surveyAnswered: o.surveyAnswered }), facts), completedSessionsAllTime: completedAll, platformMean: 0 });
    out.push({ id, status: String(p.status), score: p.score === null || p.score === undefined ? null : num(p.score), completedAll, breakdown });
  }
  return out;
}
