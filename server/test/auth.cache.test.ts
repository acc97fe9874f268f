/**
 * The read path of every request keeps the session and the staff row for a moment
 * (server/auth/sessionStore.ts, server/auth/userCache.ts). These tests pin what that may
 * and may not change: no write per read, and changes made elsewhere reach this one — from
 * another PostgreSQL instance on the very next request (server/data/tableChanges.ts), from
 * another process writing the SQLite file within the caches' 2 s.
 */
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { isPostgres } from '../db';

const CACHE_TTL_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** PostgreSQL instances hear each other before reusing a kept row; SQLite's other processes are bounded by the TTL. */
const afterOtherProcessWrites = (t: TestApp) => (isPostgres(t.db) ? Promise.resolve() : sleep(CACHE_TTL_MS + 100));

describe('session and staff row on the read path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reading pages writes nothing to the database (no session touch per request)', async () => {
    const agent = await t.as('support');
    const writes: string[] = [];
    const listener = (q: { sql: string }) => {
      if (!/^\s*(select|pragma)\b/i.test(q.sql)) writes.push(q.sql);
    };
    t.db.on('query', listener);
    try {
      for (let i = 0; i < 5; i++) expect((await agent.get('/api/partners?range=[0,4]')).status).toBe(200);
      expect((await agent.get('/api/auth/me')).status).toBe(200);
    } finally {
      t.db.removeListener('query', listener);
    }
    expect(writes).toEqual([]);
  });

  it('a session ended by another process stops working here (PostgreSQL: at once; SQLite: within the cache delay)', async () => {
    const agent = await t.as('ops');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    const other = knex(t.db.client.config);
    try {
      // Another instance signs this session out: it deletes the row (this process does not see the write).
      await other('sessions').del();
    } finally {
      await other.destroy();
    }
    await afterOtherProcessWrites(t);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('an account deactivated by another process loses access here (PostgreSQL: at once; SQLite: within the cache delay)', async () => {
    const agent = await t.as('coordinator');
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    const other = knex(t.db.client.config);
    try {
      await other('users').where('email', 'coordinator@demo.test').update({ active: false });
    } finally {
      await other.destroy();
    }
    await afterOtherProcessWrites(t);
    expect((await agent.get('/api/orders?range=[0,0]')).status).toBe(401);
  });
});
