/**
 * The verification queue's counts are the file page's (both evaluate the file with
 * server/verification/fileStatus.ts): for every file on the queue, "complete", the blocking
 * items still missing and those waiting for the agent are what the file's page lists. The one
 * allowed difference: the queue reads only the registry answers already kept, the page asks
 * the registry. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';
import type { TestRow } from './helpers';

describe('the verification queue counts what each file page lists', () => {
  let t: TestApp;
  let support: request.Agent;
  beforeAll(async () => {
    t = await createTestApp();
    support = await t.as('support');
  });
  afterAll(async () => {
    await t?.close();
  });

  const queueRows = async (): Promise<TestRow[]> => {
    const res = await support.get(listUrl('verification-queue', { sort: ['waitingSince', 'ASC'], range: [0, 999] }));
    expect(res.status).toBe(200);
    return res.body as TestRow[];
  };
  /** What a file's page lists: complete, the blocking items missing and those waiting for the agent. */
  const filePage = async (id: number) => {
    const res = await support.get(`/api/partners/${id}/verification`);
    expect(res.status).toBe(200);
    const blocking = (res.body.items as TestRow[]).filter((i) => i.blocking);
    return {
      complete: res.body.complete as boolean,
      missing: blocking.filter((i) => i.status !== 'pending').map((i) => i.requirement as string),
      toReview: blocking.filter((i) => i.status === 'pending').map((i) => i.requirement as string),
      blocking: res.body.missing as string[],
    };
  };
  const counted = (row: TestRow) => ({ complete: row.complete, missing: row.missing, toReview: row.toReview });

  it('when the file pages are opened, then each queue row’s complete, missing and to-review are its page’s; before, only the registry check not yet asked differs', async () => {
    const cold = await queueRows();
    // The demo's queue holds complete and incomplete files, some with documents to review.
    expect(cold.some((r) => r.complete)).toBe(true);
    expect(cold.some((r) => r.missingCount > 0)).toBe(true);
    expect(cold.some((r) => r.toReviewCount > 0)).toBe(true);

    const pages = new Map<number, Awaited<ReturnType<typeof filePage>>>();
    for (const row of cold) pages.set(row.id, await filePage(row.id));
    // The queue never calls the registry (one call per file of the page): a company nobody has
    // looked up yet is "to review" there until its file is opened, which asks and keeps the answer.
    for (const row of cold) {
      const page = pages.get(row.id)!;
      const unasked = row.toReview.includes('siren_active') && !page.toReview.includes('siren_active');
      const expected = unasked
        ? { complete: false, missing: page.missing.filter((r) => r !== 'siren_active'), toReview: ['siren_active', ...page.toReview] }
        : { complete: page.complete, missing: page.missing, toReview: page.toReview };
      const sorted = (c: { toReview: string[] }) => ({ ...c, toReview: [...c.toReview].sort() });
      expect(sorted(counted(row)), `file ${row.reference}, queue read first`).toEqual(sorted(expected));
    }

    const warm = await queueRows();
    expect(warm.map((r) => r.id).sort()).toEqual(cold.map((r) => r.id).sort());
    for (const row of warm) {
      const page = pages.get(row.id)!;
      expect(counted(row), `file ${row.reference}`).toEqual({ complete: page.complete, missing: page.missing, toReview: page.toReview });
      expect([row.missingCount, row.toReviewCount]).toEqual([row.missing.length, row.toReview.length]);
      // The page's own "n blocking items" is the two together.
      expect([...row.missing, ...row.toReview].sort()).toEqual([...page.blocking].sort());
    }
  });
});
