/**
 * The simulator and the live engine apply the same score rules (SCO-6, SCO-8): on the
 * simulator's demo rows (test scale), the live bulk recompute at the same `now` finds every
 * stored score as it is — the SCO-6 blend toward the platform mean included; and a partner's
 * cancellation of an upcoming session, counted at once by the event (SCO-8), is what the bulk
 * recompute finds too. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMarketplace } from '../../db/seeds/marketplace';
import { fixedClock } from '../clock';
import { cancelOrder, recomputeAllScores } from '../engine/live';
import { createTestDb, TEST_NOW, type TestDb } from './harness';
import type { TestRow } from './helpers';


describe('score parity between the simulator and the live engine (SCO-6, SCO-8)', () => {
  let t: TestDb;
  const ctx = () => ({ db: t.db, clock: fixedClock(TEST_NOW) });
  const scores = async () => new Map(((await t.db('partners').select('id', 'score')) as TestRow[]).map((p) => [Number(p.id), p.score === null ? null : Number(p.score)]));

  beforeAll(async () => {
    t = await createTestDb();
    await seedMarketplace(t.db, { now: TEST_NOW, scale: 'test', worker: false });
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('SCO-6 / SCO-8: the bulk recompute at the simulation’s now changes no stored score', async () => {
    // Partners between 0 and 20 sessions: their score blends the platform mean with their real score.
    const blended = await t.db('partners').where('status', 'active').whereBetween('completedSessions', [1, 19]).count({ n: '*' }).first();
    expect(Number(blended?.n)).toBeGreaterThan(0);
    const before = await scores();
    expect((await recomputeAllScores(ctx())).changed).toBe(0);
    expect(await scores()).toEqual(before);
  });

  it('SCO-8: when a partner cancels an upcoming session, then the event’s recompute and the bulk one agree', async () => {
    const upcoming = (await t.db('orders as o')
      .join('partners as p', 'p.id', 'o.partnerId')
      .where({ 'o.status': 'accepted', 'p.status': 'active' })
      .where('o.startsAt', '>', TEST_NOW.toISOString())
      .where('p.completedSessions', '>=', 20)
      .orderBy('o.id')
      .first('o.id', 'o.partnerId')) as TestRow;
    const partnerId = Number(upcoming.partnerId);
    const detailsOf = async () => JSON.parse((await t.db('partners').where('id', partnerId).first()).scoreDetails);
    const was = await detailsOf();
    await cancelOrder(ctx(), Number(upcoming.id), { by: 'partner' });
    const now = await detailsOf();
    expect(now).toMatchObject({ cancellations: was.cancellations + 1, accepted: was.accepted + 1 });
    expect(now.F).toBeLessThan(was.F);
    const before = await scores();
    expect((await recomputeAllScores(ctx())).changed).toBe(0);
    expect(await scores()).toEqual(before);
  });
});
