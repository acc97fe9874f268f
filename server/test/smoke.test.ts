import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';

describe('foundation smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when support lists partners by score, then nulls come last and Content-Range tells the total', async () => {
    const agent = await t.as('support');
    const res = await agent.get(listUrl('partners', { sort: ['score', 'DESC'], range: [0, 79] }));
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('partners 0-79/80');
    const scores = res.body.map((p: { score: number | null }) => p.score);
    const firstNull = scores.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(scores.slice(firstNull).every((s: unknown) => s === null)).toBe(true);
    const nonNull = scores.slice(0, firstNull) as number[];
    expect(nonNull).toEqual([...nonNull].sort((a, b) => b - a));
  });
});
