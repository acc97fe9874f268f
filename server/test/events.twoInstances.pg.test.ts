/**
 * Two server instances on one PostgreSQL (two apps, each with its own database handle and its
 * own listening connection, on the same schema): a change made through instance A reaches a
 * stream open on instance B — the audit row's notification (migration 018) is heard by both.
 * PostgreSQL only: vitest.config.ts includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BuiltApp } from '../app';
import { fixedClock } from '../clock';
import { createDb, type Db } from '../db';
import { createTestApp, testConfig, TEST_NOW, type TestApp } from './harness';
import { listen, openStream, signIn, waitUntil, type OpenedStream } from './eventStream';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

describe('two instances on one PostgreSQL: live updates cross instances', () => {
  let a: TestApp;
  let dbB: Db;
  let b: BuiltApp;
  let httpA: Awaited<ReturnType<typeof listen>>;
  let httpB: Awaited<ReturnType<typeof listen>>;
  const opened: OpenedStream[] = [];

  beforeAll(async () => {
    a = await createTestApp();
    const { rows } = (await a.db.raw('SELECT current_schema() AS schema')) as { rows: { schema: string }[] };
    dbB = createDb(PG_URL, { searchPath: rows[0].schema, poolMax: 3 });
    b = createApp({ db: dbB, config: testConfig(), clock: fixedClock(TEST_NOW), spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {} });
    httpA = await listen(a.app);
    httpB = await listen(b.app);
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await httpA?.close();
    await httpB?.close();
    await b?.endStreams();
    b?.close();
    await dbB?.destroy();
    await a?.close();
  });

  it('when a support agent takes a file through instance A, then a colleague’s stream on instance B receives it', async () => {
    const watcher = await openStream(httpB.base, await signIn(httpB.base, 'admin@demo.test'));
    opened.push(watcher);
    expect(watcher.status).toBe(200);
    const partner = await a.db('partners').where('status', 'applicant').orderBy('id').first('id');
    const cookie = await signIn(httpA.base, 'support@demo.test');
    const take = await fetch(`${httpA.base}/api/partners/${partner.id}/take`, { method: 'POST', headers: { cookie } });
    expect(take.status, await take.clone().text()).toBe(200);
    await waitUntil('the take on the stream of instance B', () => watcher.changes.some((c) => c.action === 'partners.take' && c.id === Number(partner.id)));
    expect(watcher.changes.find((c) => c.action === 'partners.take')).toMatchObject({ resource: 'partners', actorName: 'Sophie Support' });
  });

  it('when a user signs out on instance A, then their stream on instance B ends', async () => {
    const cookie = await signIn(httpA.base, 'ops@demo.test');
    const stream = await openStream(httpB.base, cookie);
    opened.push(stream);
    expect(stream.status).toBe(200);
    expect((await fetch(`${httpA.base}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    await waitUntil('the stream on B to end', () => stream.ended());
  });
});
