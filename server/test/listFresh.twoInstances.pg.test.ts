/**
 * Two server instances on one PostgreSQL (two apps, each with its own database handle and
 * pool, on the same schema): a list read on one right after a write on the other shows the
 * write, rows and Content-Range total alike — PostgreSQL lists keep nothing across requests
 * (server/http/readCache.ts), so the staleness bound is zero. Each instance reads its lists
 * before the write too, so that a cache, if there were one, would hold the old answer.
 * PostgreSQL only: vitest.config.ts includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BuiltApp } from '../app';
import { fixedClock } from '../clock';
import { createDb, type Db } from '../db';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { createTestApp, listUrl, testConfig, TEST_NOW, type TestApp } from './harness';
import type { TestRow } from './helpers';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');


function totalOf(res: request.Response): number {
  const m = /\/(\d+)$/.exec(res.headers['content-range'] ?? '');
  expect(m, `Content-Range: ${res.headers['content-range']}`).not.toBeNull();
  return Number(m![1]);
}

describe('two instances on one PostgreSQL: lists are fresh on both', () => {
  let a: TestApp;
  let dbB: Db;
  let b: BuiltApp;
  let agentA: request.Agent;
  let agentB: request.Agent;

  beforeAll(async () => {
    a = await createTestApp();
    const { rows } = (await a.db.raw('SELECT current_schema() AS schema')) as { rows: { schema: string }[] };
    dbB = createDb(PG_URL, { searchPath: rows[0].schema, poolMax: 3 });
    b = createApp({ db: dbB, config: testConfig(), clock: fixedClock(TEST_NOW), spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {} });
    agentA = await a.as('admin');
    agentB = request.agent(b.app);
    const login = await agentB.post('/api/auth/login').send({ email: 'admin@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
  });
  afterAll(async () => {
    b?.close();
    await dbB?.destroy();
    await a?.close();
  });

  it('a staff account created through instance A is in instance B’s next `q` list, rows and total', async () => {
    const url = listUrl('users', { filter: { q: 'fraicheur' }, sort: ['id', 'ASC'], range: [0, 24] });
    for (let i = 0; i < 2; i++) {
      const before = await agentB.get(url);
      expect(before.status).toBe(200);
      expect(before.body).toEqual([]);
      expect(totalOf(before)).toBe(0);
    }
    const created = await agentA.post('/api/users').send({ email: 'fraicheur@demo.test', fullName: 'Camille Fraîcheur', role: 'support', password: 'fraicheur-2026' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const after = await agentB.get(url);
    expect(after.body.map((r: TestRow) => r.id)).toEqual([created.body.id]);
    expect(totalOf(after)).toBe(1);
  });

  it('an order changed by instance A leaves instance B’s filtered page and total at once, and the reverse', async () => {
    const url = listUrl('orders', { filter: { status: 'completed' }, sort: ['startsAt', 'DESC'], range: [0, 4] });
    const read = async (agent: request.Agent) => {
      const res = await agent.get(url);
      expect(res.status).toBe(200);
      return { ids: res.body.map((r: TestRow) => r.id) as number[], total: totalOf(res) };
    };
    const first = await read(agentB);
    expect(await read(agentB)).toEqual(first);
    expect(await read(agentA)).toEqual(first);

    // Instance A's own handle writes (as its engine or an operation would, in a transaction).
    await a.db.transaction(async (trx) => trx('orders').where('id', first.ids[0]).update({ status: 'cancelled_by_client' }));
    const onB = await read(agentB);
    expect(onB.total).toBe(first.total - 1);
    expect(onB.ids).not.toContain(first.ids[0]);
    expect(onB.ids.slice(0, 4)).toEqual(first.ids.slice(1));

    // And back, written by instance B, read by instance A.
    await dbB('orders').where('id', first.ids[0]).update({ status: 'completed' });
    expect(await read(agentA)).toEqual(first);
  });
});
