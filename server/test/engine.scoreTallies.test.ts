/**
 * SCO-2..SCO-8: the bulk recompute — PostgreSQL's grouped tallies (scoreTallies.ts), SQLite's
 * one-pass fold (scoreScan.ts) — counts what `computeScore` folds from one partner's orders
 * (the per-partner recompute): on the simulator's demo rows (test scale), with orders placed
 * on the window's edges added, every partner's stored breakdown after the bulk recompute
 * equals the per-partner one. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMarketplace } from '../../db/seeds/marketplace';
import { fixedClock } from '../clock';
import { recomputeAllScores, recomputePartnerScore } from '../engine/live';
import { inScoreWindowAt, scoreWindowStart } from '../engine/score';
import type { OrderStatus } from '../../shared/domain';
import { createTestDb, TEST_NOW, type TestDb } from './harness';
import type { TestRow } from './helpers';

const DAY = 86_400_000;

describe('SCO-2..SCO-8: the bulk recompute counts what computeScore counts', () => {
  let t: TestDb;
  const ctx = () => ({ db: t.db, clock: fixedClock(TEST_NOW) });
  const windowStart = scoreWindowStart(TEST_NOW).getTime();
  /** Partners given edge orders, by what the orders test. */
  const edge: Record<string, number> = {};
  let clones = 0;

  /** A copy of `order` (a row of the demo) changed by `change`, under a reference of its own. */
  async function cloneOrder(order: TestRow, change: TestRow): Promise<number> {
    const { id: _id, ...rest } = order;
    const [row] = await t.db('orders')
      .insert({ ...rest, reference: `EDGE-${++clones}`, ...change })
      .returning('id');
    return Number(typeof row === 'object' ? (row as { id: number }).id : row);
  }

  beforeAll(async () => {
    t = await createTestDb();
    await seedMarketplace(t.db, { now: TEST_NOW, scale: 'test', worker: false });
    const partners = (await t.db('orders as o')
      .join('partners as p', 'p.id', 'o.partnerId')
      .where({ 'p.status': 'active', 'o.status': 'completed' })
      .groupBy('o.partnerId')
      .havingRaw('COUNT(*) >= 3')
      .orderBy('o.partnerId')
      .select('o.partnerId')
      .limit(6)) as TestRow[];
    const sample = async (partnerId: number) => (await t.db('orders').where({ partnerId, status: 'completed' }).orderBy('id').first()) as TestRow;
    const iso = (ms: number) => new Date(ms).toISOString();
    // SCO-4 / SCO-8: a session next month cancelled by the partner inside the window counts now.
    edge.futureCancelled = Number(partners[0].partnerId);
    await cloneOrder(await sample(edge.futureCancelled), { status: 'cancelled_by_partner', startsAt: iso(TEST_NOW.getTime() + 30 * DAY), cancelledAt: iso(TEST_NOW.getTime() - DAY) });
    // … and one cancelled before the window for a start before it does not.
    edge.oldCancelled = Number(partners[1].partnerId);
    await cloneOrder(await sample(edge.oldCancelled), { status: 'cancelled_by_partner', startsAt: iso(windowStart - DAY), cancelledAt: iso(windowStart - 2 * DAY) });
    // SCO-5: a session starting exactly at the window's first instant counts; one a millisecond before does not,
    // but it is the client's first completed session on the platform (SCO-8 rating) and counts in all (SCO-6).
    edge.windowEdges = Number(partners[2].partnerId);
    const onEdge = await sample(edge.windowEdges);
    await cloneOrder(onEdge, { status: 'completed', startsAt: iso(windowStart), createdAt: iso(windowStart - 3 * DAY) });
    await cloneOrder(onEdge, { status: 'completed', startsAt: iso(windowStart - 1), createdAt: iso(windowStart - 4 * DAY) });
    // SCO-4: a no-show and a session still accepted in the window.
    edge.noShow = Number(partners[3].partnerId);
    const ns = await sample(edge.noShow);
    await cloneOrder(ns, { status: 'no_show', startsAt: iso(TEST_NOW.getTime() - 10 * DAY) });
    await cloneOrder(ns, { status: 'accepted', startsAt: iso(TEST_NOW.getTime() - 2 * DAY) });
    // SCO-8 rating: a review whose survey is not answered (REV-5) on the client's first session counts 3.
    edge.unanswered = Number(partners[4].partnerId);
    const firstSession = await cloneOrder(await sample(edge.unanswered), { status: 'completed', startsAt: iso(windowStart + DAY), createdAt: iso(windowStart) });
    const reviewer = (await t.db('orders').where('id', firstSession).first()) as TestRow;
    await t.db('reviews').insert({ orderId: firstSession, partnerId: reviewer.partnerId, clientId: reviewer.clientId, rating: 5, recommended: true, surveyAnswered: false, createdAt: iso(windowStart + 2 * DAY) });
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('every partner: the bulk breakdown equals computeScore’s over its own orders', async () => {
    await recomputeAllScores(ctx());
    // The bulk recompute stores the active partners' breakdowns.
    const stored = new Map(((await t.db('partners').where('status', 'active').select('id', 'scoreDetails')) as TestRow[]).map((p) => [Number(p.id), JSON.parse(p.scoreDetails)]));
    const ids = [...stored.keys()].sort((a, b) => a - b);
    expect(ids.length).toBeGreaterThan(20);
    const mismatches: unknown[] = [];
    for (const id of ids) {
      const { score: _score, ...one } = (await recomputePartnerScore(ctx(), id))!;
      const bulk = stored.get(id);
      if (Object.entries(one).some(([k, v]) => bulk[k] !== v)) mismatches.push({ id, bulk, one });
    }
    expect(mismatches).toEqual([]);
  });

  it('the edge orders are counted as SCO-4, SCO-5 and SCO-8 say', async () => {
    await recomputeAllScores(ctx());
    const details = async (id: number) => JSON.parse(((await t.db('partners').where({ id }).first()) as TestRow).scoreDetails);
    /** The partner's orders of `status` in the window, by the rule's own predicate. */
    const inWindow = async (partnerId: number, status: OrderStatus) =>
      ((await t.db('orders').where({ partnerId, status })) as TestRow[]).filter((o) =>
        inScoreWindowAt(new Date(o.startsAt).getTime(), status, o.cancelledAt ? new Date(o.cancelledAt).getTime() : null, windowStart, TEST_NOW.getTime()),
      ).length;
    for (const id of [edge.futureCancelled, edge.oldCancelled]) expect((await details(id)).cancellations).toBe(await inWindow(id, 'cancelled_by_partner'));
    expect((await details(edge.windowEdges)).completedInWindow).toBe(await inWindow(edge.windowEdges, 'completed'));
    const noShow = await details(edge.noShow);
    expect(noShow.noShows).toBe(await inWindow(edge.noShow, 'no_show'));
    expect(noShow.accepted - noShow.completedInWindow - noShow.cancellations - noShow.noShows).toBe(await inWindow(edge.noShow, 'accepted'));
    expect((await details(edge.unanswered)).imputedRatings).toBeGreaterThanOrEqual(1);
  });
});
