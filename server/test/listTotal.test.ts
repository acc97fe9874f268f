/**
 * List totals (server/http/listTotal.ts, CONTRACT.md "HTTP"): exact up to LIST_EXACT_TOTAL_MAX
 * matching rows; beyond, PostgreSQL answers the planner's estimate and says so with
 * `X-Total-Estimated: true`, SQLite still counts exactly. The bound is lowered here so that the
 * test population crosses it.
 */
import type request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';

function totalOf(res: request.Response): number {
  const m = /\/(\d+)$/.exec(res.headers['content-range'] ?? '');
  expect(m, `Content-Range: ${res.headers['content-range']}`).not.toBeNull();
  return Number(m![1]);
}

describe('list totals', () => {
  let t: TestApp;
  let agent: request.Agent;
  let allOrders: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('admin');
    allOrders = Number((await t.db('orders').count({ n: '*' }))[0].n);
    // The planner's statistics of the seeded tables, as the demo seeding leaves them.
    if (t.kind === 'postgres') await t.db.raw('ANALYZE orders');
  });
  afterEach(() => {
    delete process.env.LIST_EXACT_TOTAL_MAX;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts exactly under the default bound, without the estimate header', async () => {
    expect(allOrders).toBeGreaterThan(50);
    const res = await agent.get(listUrl('orders', { range: [0, 9] })).expect(200);
    expect(totalOf(res)).toBe(allOrders);
    expect(res.headers['x-total-estimated']).toBeUndefined();
  });

  it('counts exactly a set at or under a lowered bound', async () => {
    const [{ clientId }] = await t.db('orders').select('clientId').groupBy('clientId').havingRaw('count(*) between 2 and 20').limit(1);
    const expected = Number((await t.db('orders').where({ clientId }).count({ n: '*' }))[0].n);
    process.env.LIST_EXACT_TOTAL_MAX = '20';
    const res = await agent.get(listUrl('orders', { range: [0, 0], filter: { clientId } })).expect(200);
    expect(totalOf(res)).toBe(expected);
    expect(res.headers['x-total-estimated']).toBeUndefined();
  });

  it('beyond the bound: an estimate flagged as such on PostgreSQL, the exact count on SQLite', async () => {
    process.env.LIST_EXACT_TOTAL_MAX = '20';
    const res = await agent.get(listUrl('orders', { range: [0, 9] })).expect(200);
    expect(res.body).toHaveLength(10);
    if (t.kind === 'postgres') {
      expect(res.headers['x-total-estimated']).toBe('true');
      expect(totalOf(res)).toBeGreaterThan(20);
      // ANALYZE counted the table itself: the estimate of an unfiltered list is close to it.
      expect(Math.abs(totalOf(res) - allOrders) / allOrders).toBeLessThan(0.2);
    } else {
      expect(res.headers['x-total-estimated']).toBeUndefined();
      expect(totalOf(res)).toBe(allOrders);
    }
  });

  it('estimates a filtered set from the column statistics', async () => {
    const active = Number((await t.db('partners').where({ status: 'active' }).count({ n: '*' }))[0].n);
    if (t.kind === 'postgres') await t.db.raw('ANALYZE partners');
    process.env.LIST_EXACT_TOTAL_MAX = '5';
    const res = await agent.get(listUrl('partners', { range: [0, 4], filter: { status: 'active' } })).expect(200);
    expect(active).toBeGreaterThan(5);
    if (t.kind === 'postgres') {
      expect(res.headers['x-total-estimated']).toBe('true');
      expect(Math.abs(totalOf(res) - active) / active).toBeLessThan(0.2);
    } else {
      expect(totalOf(res)).toBe(active);
    }
  });
});
