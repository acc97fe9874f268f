/**
 * The dashboard's figures (GET /api/stats/marketplace) and a partner's engine summary
 * (GET /api/partners/{id}/engine): the numbers come from the rows, and bad input gets
 * the contract's error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

describe('insights endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when ops asks for a period, then the figures agree with the rows (SCO-7 buckets, DSP-12 unfilled, LIM in force)', async () => {
    const agent = await t.as('ops');
    const res = await agent.get('/api/stats/marketplace?from=2026-10-01&to=2026-11-20');
    expect(res.status).toBe(200);
    const active = await t.db('partners').where('status', 'active').whereNotNull('score').count({ n: '*' }).first();
    expect(res.body.scores.partners).toBe(Number(active?.n));
    expect(res.body.scores.buckets.reduce((s: number, b: { partners: number }) => s + b.partners, 0)).toBe(Number(active?.n));
    expect(res.body.perDay).toHaveLength(51);
    const unfilled = res.body.perDay.reduce((s: number, d: { unfilled: number }) => s + d.unfilled, 0);
    expect(unfilled).toBe(res.body.fill.decided - res.body.fill.filled);
    expect(res.body.timeToAcceptance.map((b: { band: string }) => b.band)).toEqual(['lt4h', 'lt24h', 'lt72h', 'ge72h']);
    if (res.body.acceptance.rate !== null) expect(res.body.acceptance.rate).toBeCloseTo(res.body.acceptance.accepted / res.body.acceptance.answered, 10);
  });

  it.each([
    ['from=2026-13-01', 'a month that does not exist'],
    ['from=yesterday', 'not a date'],
    ['from=2026-11-20&to=2026-11-01', 'from after to'],
    ['from=2024-01-01&to=2026-11-01', 'more than a year'],
    ['days=3', 'an unknown parameter'],
  ])('when the period is %s (%s), then it is a 400 in the contract shape', async (query) => {
    const res = await (await t.as('ops')).get(`/api/stats/marketplace?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('when anonymous, then the figures are refused with 401', async () => {
    const res = await t.anonymous().get('/api/stats/marketplace');
    expect(res.status).toBe(401);
  });

  it('when support opens a partner’s engine summary, then the proposals and reviews counts are the rows’ (LIM-1, REV-1)', async () => {
    const row = await t.db('proposals').select('partnerId').count({ n: '*' }).groupBy('partnerId').orderBy('n', 'desc').first();
    const partnerId = Number((row as { partnerId: number }).partnerId);
    const res = await (await t.as('support')).get(`/api/partners/${partnerId}/engine`);
    expect(res.status).toBe(200);
    const answered = await t.db('proposals').where('partnerId', partnerId).whereNotNull('answer').count({ n: '*' }).first();
    expect(res.body.proposals.answered).toBe(Number(answered?.n));
    expect(res.body.proposals.lastAnswered).toBe(Math.min(50, Number(answered?.n)));
    const ratings = await t.db('reviews').where('partnerId', partnerId).count({ n: '*' }).first();
    expect(res.body.reviews.ratingsCount).toBe(Number(ratings?.n));
  });

  it.each(['999999', 'abc'])('when the partner %s does not exist, then the engine summary is a 404', async (id) => {
    const res = await (await t.as('support')).get(`/api/partners/${id}/engine`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
