/**
 * The checklist and the queue are kept on SQLite while the tables they read are unwritten
 * (server/http/readCache.ts `cachedAnswer`): any write — API, knex, raw SQL — shows in the
 * next answer. On PostgreSQL the same assertions run on answers computed every time.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';

const READY = 8; // demo: in_review, assigned to support, checklist complete

describe('verification answers follow every write', () => {
  let t: TestApp;
  let support: request.Agent;
  beforeAll(async () => {
    t = await createTestApp();
    support = await t.as('support');
  });
  afterAll(async () => {
    await t?.close();
  });

  const checklist = async () => {
    const res = await support.get(`/api/partners/${READY}/verification`);
    expect(res.status).toBe(200);
    return res.body as { complete: boolean; missing: string[] };
  };
  const queueRow = async () => {
    const res = await support.get(listUrl('verification-queue', { range: [0, 999] }));
    expect(res.status).toBe(200);
    return (res.body as Array<{ id: number; complete: boolean; assignedToName: string | null }>).find((r) => r.id === READY)!;
  };

  it('a document rejected and restored outside the API, and a renamed agent, show in the next checklist and queue', async () => {
    expect((await checklist()).complete).toBe(true);
    expect((await queueRow()).complete).toBe(true);
    const doc = await t.db('documents').where({ partnerId: READY, status: 'approved' }).orderBy('id').first();

    await t.db('documents').where('id', doc.id).update({ status: 'rejected' });
    expect((await checklist()).complete).toBe(false);
    expect((await queueRow()).complete).toBe(false);

    await t.db.raw('UPDATE documents SET status = ? WHERE id = ?', ['approved', doc.id]);
    expect((await checklist()).complete).toBe(true);
    expect((await queueRow()).complete).toBe(true);

    await t.db('users').where('email', 'support@demo.test').update({ fullName: 'Sophie Renommée' });
    expect((await queueRow()).assignedToName).toBe('Sophie Renommée');
  });
});
