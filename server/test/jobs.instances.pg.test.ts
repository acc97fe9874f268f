/**
 * Several instances on one PostgreSQL database (READ COMMITTED, two pools — what two
 * server processes have): the sweep's updates are conditional on the state they read, so
 * even two sweeps run at once outside the claims change each row once; two workers starting
 * together run the first daily recompute once; two server processes started together on an
 * empty database load one demo. PostgreSQL only: vitest.config.ts includes `*.pg.test.ts`
 * when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index';
import { DEMO_USERS } from '../../db/seeds/demo';
import { fixedClock } from '../clock';
import { SCALES } from '../engine/sim/population';
import { createDb } from '../db';
import { dailyRecomputeJob, startEngineWorker } from '../engine/live';
import { serverJobs } from '../jobs';
import { sweepVerification } from '../verification/fileStatus';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { secondHandle } from './instances';
import { processDatabase, spawnServer, type ServerChild } from './ops.processes';
import type { TestRow } from './helpers';

if (!process.env.TEST_DATABASE_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

const count = async (db: Knex, table: string, where: TestRow = {}) => Number((await db(table).where(where).count({ n: '*' }).first())?.n);

describe('two instances on one PostgreSQL database', () => {
  let t: TestApp;
  let other: Knex;

  beforeAll(async () => {
    t = await createTestApp();
    other = secondHandle(t.db);
  });
  afterAll(async () => {
    await other?.destroy();
    await t?.close();
  });

  it('REF-8: when two sweeps run at once outside the claims, then each document is expired once and each file flagged once: the updates are conditional on the state read', async () => {
    // Active partners' IDs past their expiry date: expired by the sweep, and their files become incomplete (VER-6).
    const planted = ((await t.db('documents as d').join('partners as p', 'p.id', 'd.partnerId').where({ 'd.type': 'identity', 'd.status': 'approved', 'p.status': 'active' }).orderBy('d.id').limit(20).select('d.id')) as TestRow[]).map((r) => Number(r.id));
    await t.db('documents').whereIn('id', planted).update({ expiresAt: '2026-11-01', validUntil: '2026-11-01' });
    const due = ((await t.db('documents').whereIn('status', ['pending', 'approved']).where('validUntil', '<', '2026-11-20').select('id')) as TestRow[]).map((r) => Number(r.id));
    const at = (db: Knex) => ({ db, clock: fixedClock(TEST_NOW) });

    const [a, b] = await Promise.all([sweepVerification(at(t.db)), sweepVerification(at(other))]);

    expect(a.expiredDocuments + b.expiredDocuments).toBe(due.length);
    expect(await count(t.db, 'auditLog', { action: 'documents.expire' })).toBe(due.length);
    expect(await t.db('documents').whereIn('id', due).whereNot('status', 'expired')).toEqual([]);
    const flags = (await t.db('auditLog').where('action', 'partners.file_incomplete').select('resourceId').count({ n: '*' }).groupBy('resourceId')) as TestRow[];
    expect(flags.length).toBe(a.flagged + b.flagged);
    expect(flags.filter((f) => Number(f.n) !== 1)).toEqual([]);
    expect(a.flagged + b.flagged).toBeGreaterThan(0);
  });

  it('SCO-6: when two instances start their workers at once on a database the live engine never scored, then the first daily recompute runs once and every job has one pending run', async () => {
    await t.db('engineState').where('key', 'platformMean').del();
    const before = await count(t.db, 'auditLog', { action: 'partners.recompute_scores' });
    const jobs = serverJobs({ uploadsDir: mkdtempSync(path.join(tmpdir(), 'jobs-pg-uploads-')) });
    const clock = fixedClock(TEST_NOW);
    const workers = [t.db, other].map((db, i) => startEngineWorker({ db, clock, jobs, workerId: `instance-${i}`, autoStart: false, log: () => {} }));
    try {
      const summaries = await Promise.all(workers.map((w) => w.runOnce()));
      expect(summaries.reduce((n, s) => n + (s.byKind[dailyRecomputeJob.name] ?? 0), 0)).toBe(1);
      expect(summaries.every((s) => s.failed === 0)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect((await count(t.db, 'auditLog', { action: 'partners.recompute_scores' })) - before).toBe(1);
    expect(await t.db('engineState').where('key', 'platformMean').first()).toBeTruthy();
    const pending = (await t.db('engineDeadlines').whereIn('kind', [dailyRecomputeJob.name, ...jobs.names()]).where('status', 'pending').select('kind').count({ n: '*' }).groupBy('kind')) as TestRow[];
    expect(Object.fromEntries(pending.map((r) => [r.kind, Number(r.n)]))).toEqual({ daily_recompute: 1, verification_sweep: 1, signals_refresh: 1, uploads_cleanup: 1, sessions_cleanup: 1, payout_run: 1 });
  });
});

describe('two server processes starting together on an empty PostgreSQL database', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerChild[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jobs-start-'));
    database = await processDatabase(dir, undefined, { empty: true });
    const env = { DATABASE_URL: database.url, UPLOADS_DIR: path.join(dir, 'uploads'), DEMO_SCALE: 'test' };
    servers = await Promise.all([spawnServer(env), spawnServer(env)]);
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('when two server processes start at once on an empty database, then one migrates and loads the demo while the other waits, and both serve one demo dataset', async () => {
    const outputs = servers.map((s) => s.output());
    expect(outputs.filter((o) => o.includes('empty database: generating the demo marketplace'))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('another instance is preparing the database'))).toHaveLength(1);
    const db = createDb(database.url, { poolMax: 1 });
    try {
      expect(await count(db, 'knex_migrations')).toBe(MIGRATIONS.length);
      expect(await count(db, 'users')).toBe(DEMO_USERS.length);
      expect(await count(db, 'partners')).toBe(SCALES.test.partners);
      expect(await count(db, 'clients')).toBe(SCALES.test.clients);
      // The live engine's first recompute, once, by one of the two workers.
      const first = async () => count(db, 'auditLog', { action: 'partners.recompute_scores' });
      for (const until = Date.now() + 20_000; (await first()) === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 250));
      expect(await first()).toBe(1);
    } finally {
      await db.destroy();
    }
    for (const s of servers) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  });
});
