/**
 * The live loop's durability: timers live in the database, so a new app instance
 * handles the deadlines an earlier one left (restart safety); two workers racing on the same
 * due timers handle each exactly once — two knex pools on PostgreSQL (FOR UPDATE SKIP LOCKED
 * and leases), the conditional-update lease on SQLite; the worker never overlaps itself and
 * stops cleanly.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import request from 'supertest';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { fixedClock } from '../clock';
import { createDb } from '../db';
import { claimDeadline, claimDueDeadlines, processClaimedDeadline, processDueDeadlines, startEngineWorker } from '../engine/live';
import { LEASE_MS } from '../engine/live/processDeadlines';
import { createTestApp, TEST_NOW, testConfig, type TestApp } from './harness';
import { addClient, addPartner, BEARER, clockOf, DAY, HOUR, MIN, newArea, type Clocked } from './engineFixture';
import type { TestRow } from './helpers';


describe('engine worker: restart safety and races', () => {
  let t: TestApp;
  let clock: Clocked;
  /** A second, independent handle on the same database (PostgreSQL: its own pool; SQLite: the same handle). */
  let other: Knex;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    if (t.kind === 'postgres') {
      const searchPath = (t.db.client.config as { searchPath?: string[] }).searchPath?.[0];
      other = createDb(process.env.TEST_DATABASE_URL!, { searchPath, poolMax: 5 });
    } else {
      other = t.db;
    }
  });
  afterAll(async () => {
    if (other && other !== t.db) await other.destroy();
    await t?.close();
  });
  beforeEach(() => {
    clock.set(TEST_NOW);
  });

  const at = (ms: number) => new Date(TEST_NOW.getTime() + ms).toISOString();

  /** `n` dispatching orders in one area whose first proposals time out at +5 min. */
  async function dispatching(n: number): Promise<{ orders: TestRow[]; proposals: TestRow[]; partners: number[] }> {
    const area = newArea();
    const partners = [await addPartner(t, area, { score: 80 }), await addPartner(t, area, { score: 70 }), await addPartner(t, area, { score: 60 })];
    const orders: TestRow[] = [];
    const proposals: TestRow[] = [];
    for (let i = 0; i < n; i++) {
      const client = await addClient(t, area);
      const res = await request(t.app).post('/api/engine/orders').set('Authorization', BEARER).send({ clientId: client, serviceCode: 'haircut', startsAt: at(3 * HOUR) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      orders.push(res.body.order);
      proposals.push(res.body.proposal);
    }
    return { orders, proposals, partners };
  }

  async function expectHandledOnce(orders: TestRow[], proposals: TestRow[]) {
    for (const p of proposals) {
      expect((await t.db('proposals').where('id', p.id).first()).answer).toBe('timeout');
      expect(await t.db('auditLog').where({ action: 'proposals.timeout', resourceId: String(p.id) })).toHaveLength(1);
      const timers = (await t.db('engineDeadlines').where({ kind: 'proposal_timeout', refId: p.id })) as TestRow[];
      expect(timers.map((d) => d.status)).toEqual(['done']);
    }
    for (const o of orders) {
      const rows = (await t.db('proposals').where('orderId', o.id).orderBy('rank')) as TestRow[];
      // Exactly one next proposal: strictly sequential, never duplicated by a second worker.
      expect(rows.map((r) => r.answer)).toEqual(['timeout', null]);
    }
  }

  it('when the app that scheduled a timeout is gone and a new instance starts, then the new instance’s worker handles the deadline from the database and its API goes on', async () => {
    const area = newArea();
    const first = await addPartner(t, area, { score: 80 });
    const second = await addPartner(t, area, { score: 70 });
    const client = await addClient(t, area);
    const clock1 = fixedClock(TEST_NOW);
    const app1 = createApp({ db: t.db, config: testConfig(), clock: clock1, spaDir: path.join(tmpdir(), 'no-spa'), log: () => {} });
    const created = await request(app1.app).post('/api/engine/orders').set('Authorization', BEARER).send({ clientId: client, serviceCode: 'haircut', startsAt: at(3 * HOUR) });
    expect(created.status).toBe(201);
    expect(created.body.proposal.partnerId).toBe(first);
    app1.close();

    // A new process: a new app and a new worker, 10 minutes later.
    const clock2 = fixedClock(at(10 * MIN));
    const app2 = createApp({ db: t.db, config: testConfig(), clock: clock2, spaDir: path.join(tmpdir(), 'no-spa'), log: () => {} });
    const worker = startEngineWorker({ db: t.db, clock: clock2, autoStart: false, log: () => {} });
    try {
      const summary = await worker.runOnce();
      expect(summary.byKind.proposal_timeout).toBeGreaterThanOrEqual(1);
      const rows = (await t.db('proposals').where('orderId', created.body.order.id).orderBy('rank')) as TestRow[];
      expect(rows.map((r) => [r.partnerId, r.answer])).toEqual([
        [first, 'timeout'],
        [second, null],
      ]);
      // The deadline of the new proposal counts from when the new instance sent it.
      expect(new Date(rows[1].sentAt).toISOString()).toBe(at(10 * MIN));
      const accepted = await request(app2.app).post(`/api/engine/proposals/${rows[1].id}/answer`).set('Authorization', BEARER).send({ answer: 'accept' });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body.order).toMatchObject({ status: 'accepted', partnerId: second });
      // SCO-6: the worker keeps one daily recompute pending at the next Paris midnight.
      const daily = (await t.db('engineDeadlines').where({ kind: 'daily_recompute', status: 'pending' })) as TestRow[];
      expect(daily).toHaveLength(1);
      expect(new Date(daily[0].dueAt).toISOString()).toBe('2026-11-20T23:00:00.000Z');
      // The live engine's first start computed every breakdown and the platform mean (SCO-6).
      expect(await t.db('engineState').where('key', 'platformMean').first()).toBeTruthy();
      expect(JSON.parse((await t.db('partners').where('id', 1).first()).scoreDetails)).toMatchObject({ R: expect.any(Number), A: expect.any(Number), F: expect.any(Number) });
    } finally {
      await worker.stop();
      app2.close();
    }
  });

  it('when two workers (two pools on PostgreSQL) race on the same due timers, then each timer is handled exactly once', async () => {
    const { orders, proposals } = await dispatching(12);
    clock.set(at(5 * MIN));
    const [a, b] = await Promise.all([
      processDueDeadlines({ db: t.db, clock }, { workerId: 'worker-a', batchSize: 3 }),
      processDueDeadlines({ db: other, clock }, { workerId: 'worker-b', batchSize: 3 }),
    ]);
    expect((a.byKind.proposal_timeout ?? 0) + (b.byKind.proposal_timeout ?? 0)).toBe(12);
    expect(a.failed + b.failed).toBe(0);
    await expectHandledOnce(orders, proposals);
  });

  it('when two workers claim at the same moment, then their claims are disjoint and cover every due timer', async () => {
    const { orders, proposals } = await dispatching(8);
    const now = new Date(at(5 * MIN));
    const [ca, cb] = await Promise.all([claimDueDeadlines(t.db, { workerId: 'claim-a', now, limit: 100 }), claimDueDeadlines(other, { workerId: 'claim-b', now, limit: 100 })]);
    const ids = [...ca, ...cb].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ours = new Set(proposals.map((p) => p.id));
    const claimedTimeouts = [...ca, ...cb].filter((d) => d.kind === 'proposal_timeout' && ours.has(d.refId));
    expect(claimedTimeouts).toHaveLength(8);
    // A claimed timer is not claimable by the other worker while its lease runs.
    for (const d of ca) expect(await claimDeadline(other, d.id, { workerId: 'claim-b', now })).toBeNull();
    clock.set(now);
    await Promise.all([
      ...ca.map((d) => processClaimedDeadline(t.db, clock, d, 'claim-a')),
      ...cb.map((d) => processClaimedDeadline(other, clock, d, 'claim-b')),
    ]);
    await expectHandledOnce(orders, proposals);
  });

  it('when a lease runs out and another worker takes the timer over, then the first worker’s late attempt does nothing', async () => {
    const { orders, proposals } = await dispatching(1);
    const timer = (await t.db('engineDeadlines').where({ kind: 'proposal_timeout', refId: proposals[0].id }).first()) as TestRow;
    const now = new Date(at(5 * MIN));
    const byA = await claimDeadline(t.db, timer.id, { workerId: 'slow-a', now });
    expect(byA).not.toBeNull();
    expect(await claimDeadline(other, timer.id, { workerId: 'fast-b', now: new Date(now.getTime() + LEASE_MS - 1) })).toBeNull();
    const later = new Date(now.getTime() + LEASE_MS + 1);
    const byB = await claimDeadline(other, timer.id, { workerId: 'fast-b', now: later });
    expect(byB).not.toBeNull();
    clock.set(later);
    const [ra, rb] = await Promise.all([processClaimedDeadline(t.db, clock, byA!, 'slow-a'), processClaimedDeadline(other, clock, byB!, 'fast-b')]);
    expect([ra, rb].sort()).toEqual(['done', 'lost']);
    expect(rb).toBe('done');
    await expectHandledOnce(orders, proposals);
  });

  it('when a handler fails, then its effects roll back and the timer is retried later with a back-off', async () => {
    const { proposals } = await dispatching(1);
    const timer = (await t.db('engineDeadlines').where({ kind: 'proposal_timeout', refId: proposals[0].id }).first()) as TestRow;
    // Break the proposal's order reference for a moment: the handler throws (order not found).
    await t.db('engineDeadlines').where('id', timer.id).update({ refId: 99999999, kind: 'order_expiry' });
    clock.set(at(5 * MIN));
    const errors: unknown[] = [];
    const claimed = await claimDeadline(t.db, timer.id, { workerId: 'w', now: clock.now() });
    expect(await processClaimedDeadline(t.db, clock, claimed!, 'w', { onError: (e) => errors.push(e) })).toBe('failed');
    expect(errors).toHaveLength(1);
    const after = (await t.db('engineDeadlines').where('id', timer.id).first()) as TestRow;
    expect(after).toMatchObject({ status: 'pending', attempts: 1, leasedBy: null });
    expect(after.lastError).toMatch(/introuvable/);
    expect(new Date(after.leaseUntil).toISOString()).toBe(at(6 * MIN));
    expect(await claimDeadline(t.db, timer.id, { workerId: 'w', now: new Date(at(5 * MIN + 30_000)) })).toBeNull();
    await t.db('engineDeadlines').where('id', timer.id).update({ status: 'cancelled' });
  });

  it('when rows were left without their timers (a seed, another writer), then a starting worker adopts them: the order expires, its proposal times out, a due negative review is published', async () => {
    const area = newArea();
    await addPartner(t, area, { score: 80 });
    const api = (url: string, body?: object) => request(t.app).post(`/api/engine${url}`).set('Authorization', BEARER).send(body ?? {});
    const a = (await api('/orders', { clientId: await addClient(t, area), serviceCode: 'haircut', startsAt: at(3 * HOUR) })).body;
    const bClient = await addClient(t, area);
    const b = (await api('/orders', { clientId: bClient, serviceCode: 'haircut', startsAt: at(3 * DAY) })).body;
    expect((await api(`/proposals/${b.proposal.id}/answer`, { answer: 'accept' })).status).toBe(200);
    clock.set(at(3 * DAY + HOUR));
    expect((await api(`/orders/${b.order.id}/complete`)).status).toBe(200);
    const review = (await api('/reviews', { orderId: b.order.id, clientId: bClient, rating: 1 })).body.review;
    expect(review.publishedAt).toBeNull();
    // The timers are lost (as if another writer had made these rows).
    await t.db('engineDeadlines').where({ kind: 'order_expiry', refId: a.order.id }).del();
    await t.db('engineDeadlines').where({ kind: 'proposal_timeout', refId: a.proposal.id }).del();
    await t.db('engineDeadlines').where({ kind: 'review_publish', refId: review.id }).del();
    await t.db('engineDeadlines').where({ kind: 'payment_due' }).whereIn('refId', t.db('payments').select('id').where('orderId', b.order.id)).del();

    const clockW = fixedClock(at(3 * DAY + HOUR + 7 * DAY));
    const worker = startEngineWorker({ db: t.db, clock: clockW, autoStart: false, log: () => {} });
    try {
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    expect((await t.db('orders').where('id', a.order.id).first()).status).toBe('expired');
    expect((await t.db('proposals').where('id', a.proposal.id).first()).answer).toBe('timeout');
    expect(new Date((await t.db('reviews').where('id', review.id).first()).publishedAt).toISOString()).toBe(at(3 * DAY + HOUR + 7 * DAY));
    const capture = await t.db('payments').where({ orderId: b.order.id, kind: 'capture' }).first();
    expect(capture.doneAt).not.toBeNull();
  });

  it('when the worker runs on its own timer, then it handles due deadlines, never overlaps itself, and stop() waits for the step in progress', async () => {
    const { orders } = await dispatching(2);
    const clockW = fixedClock(at(5 * MIN));
    const worker = startEngineWorker({ db: t.db, clock: clockW, intervalMs: 20, log: () => {} });
    const p1 = worker.runOnce();
    const p2 = worker.runOnce();
    expect(p1).toBe(p2); // joins the step in progress
    await p1;
    const deadline = Date.now() + 5_000;
    for (;;) {
      const rows = (await t.db('proposals').whereIn('orderId', orders.map((o) => o.id))) as TestRow[];
      if (rows.filter((r) => r.answer === 'timeout').length === 2) break;
      if (Date.now() > deadline) throw new Error('the worker did not handle the timeouts');
      await new Promise((r) => setTimeout(r, 20));
    }
    await worker.stop();
    const count = Number((await t.db('auditLog').count({ n: '*' }))[0].n);
    clockW.set(at(DAY));
    await new Promise((r) => setTimeout(r, 100));
    // Stopped: nothing more happens although timers are now due.
    expect(Number((await t.db('auditLog').count({ n: '*' }))[0].n)).toBe(count);
  });
});
