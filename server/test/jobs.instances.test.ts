/**
 * Several server instances on one database behave like one: periodic jobs (the REF-8 sweep,
 * the engine's SCO-6 daily recompute, …) are rows of `engineDeadlines` claimed like the
 * engine's timers, so two instances' workers racing on a due run handle it once; and two
 * instances preparing an empty database at once migrate it and load the demo once. Two
 * handles stand for two processes: two pools on PostgreSQL, two connections on SQLite.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index';
import { prepareDatabase } from '../../db/prepare';
import { DEMO_USERS, seedDemo } from '../../db/seeds/demo';
import { dailyRecomputeJob, every, JobRegistry, nextParisMidnight, processDueDeadlines, requestJobRun, type PeriodicJob, type ProcessSummary } from '../engine/live';
import { MAX_ATTEMPTS } from '../engine/live/processDeadlines';
import { expiredSessionsJob } from '../auth/removeExpiredSessions';
import { serverJobs } from '../jobs';
import { verificationSweepJob } from '../verification/fileStatus';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { clockOf, DAY, HOUR, type Clocked } from './engineFixture';
import { emptyDatabase, secondHandle } from './instances';
import type { TestRow } from './helpers';


const count = async (db: Knex, table: string, where: TestRow = {}) => Number((await db(table).where(where).count({ n: '*' }).first())?.n);
const iso = (v: unknown) => new Date(v as string).toISOString();

describe('periodic jobs with two instances on one database', () => {
  let t: TestApp;
  let clock: Clocked;
  let other: Knex;
  const jobs = serverJobs({ uploadsDir: mkdtempSync(path.join(tmpdir(), 'jobs-uploads-')) });

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    other = secondHandle(t.db);
  });
  afterAll(async () => {
    await other?.destroy();
    await t?.close();
  });

  /** Both instances' worker steps at once, each on its own handle with its own worker id. */
  function bothWorkers(registry: JobRegistry = jobs): Promise<ProcessSummary[]> {
    return Promise.all([
      processDueDeadlines({ db: t.db, clock }, { workerId: 'instance-a', jobs: registry }),
      processDueDeadlines({ db: other, clock }, { workerId: 'instance-b', jobs: registry }),
    ]);
  }
  const handled = (summaries: ProcessSummary[], kind: string) => summaries.reduce((n, s) => n + (s.byKind[kind] ?? 0), 0);

  it('REF-8: when both instances’ workers find the verification sweep due at once, then it runs once and each expired document is expired once (exactly N documents.expire audit rows)', async () => {
    clock.set(TEST_NOW);
    // Documents past their last valid day (VER-2: an ID until its expiry date), besides any the demo already has.
    const planted = ((await t.db('documents').where({ type: 'identity', status: 'approved' }).orderBy('id').limit(12).select('id')) as TestRow[]).map((r) => Number(r.id));
    await t.db('documents').whereIn('id', planted).update({ expiresAt: '2026-11-01', validUntil: '2026-11-01' });
    const due = ((await t.db('documents').whereIn('status', ['pending', 'approved']).where('validUntil', '<', '2026-11-20').select('id')) as TestRow[]).map((r) => Number(r.id));
    expect(due).toEqual(expect.arrayContaining(planted));
    const auditBefore = await count(t.db, 'auditLog', { action: 'documents.expire' });

    await requestJobRun(t.db, verificationSweepJob.name, clock.now());
    const summaries = await bothWorkers();

    expect(handled(summaries, verificationSweepJob.name)).toBe(1);
    expect(summaries.every((s) => s.failed === 0)).toBe(true);
    const expired = ((await t.db('documents').whereIn('id', due).select('id', 'status')) as TestRow[]).filter((d) => d.status === 'expired');
    expect(expired.length).toBe(due.length);
    expect((await count(t.db, 'auditLog', { action: 'documents.expire' })) - auditBefore).toBe(due.length);
    const perDocument = (await t.db('auditLog').where('action', 'documents.expire').whereIn('resourceId', due.map(String)).select('resourceId').count({ n: '*' }).groupBy('resourceId')) as TestRow[];
    expect(perDocument.map((r) => Number(r.n))).toEqual(due.map(() => 1));
    // One run done, the next one pending at the next hour.
    const rows = (await t.db('engineDeadlines').where('kind', verificationSweepJob.name).orderBy('id')) as TestRow[];
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending').map((r) => iso(r.dueAt))).toEqual(['2026-11-20T11:00:00.000Z']);
  });

  it('SCO-6: when both instances’ workers find the engine’s daily recompute due at once, then it runs once (one partners.recompute_scores audit row) and the next waits at the next Paris midnight', async () => {
    clock.set(TEST_NOW);
    const before = await count(t.db, 'auditLog', { action: 'partners.recompute_scores' });
    await requestJobRun(t.db, dailyRecomputeJob.name, clock.now());
    const summaries = await bothWorkers();
    expect(handled(summaries, dailyRecomputeJob.name)).toBe(1);
    expect((await count(t.db, 'auditLog', { action: 'partners.recompute_scores' })) - before).toBe(1);
    const pending = (await t.db('engineDeadlines').where({ kind: dailyRecomputeJob.name, status: 'pending' })) as TestRow[];
    expect(pending.map((r) => iso(r.dueAt))).toEqual(['2026-11-20T23:00:00.000Z']);
  });

  it('when the sessions clean-up is due for both instances, then one of them deletes the expired sessions and keeps the live ones', async () => {
    clock.set(TEST_NOW);
    const session = (sid: string, offsetMs: number) => ({ sid, sess: JSON.stringify({ cookie: {} }), expired: new Date(TEST_NOW.getTime() + offsetMs).toISOString() });
    await t.db('sessions').insert([session('jobs-expired', -HOUR), session('jobs-live', HOUR)]);
    await requestJobRun(t.db, expiredSessionsJob.name, clock.now());
    expect(handled(await bothWorkers(), expiredSessionsJob.name)).toBe(1);
    expect(((await t.db('sessions').whereIn('sid', ['jobs-expired', 'jobs-live']).select('sid')) as TestRow[]).map((r) => r.sid)).toEqual(['jobs-live']);
  });

  it('when a job outside the database (files) is due for both instances, then one of them runs it once, after its claim committed; a failure waits for the next period', async () => {
    clock.set(TEST_NOW);
    const runs: string[] = [];
    const registry = new JobRegistry([
      {
        name: 'test_outside',
        next: every(HOUR),
        runAfterClaim: async (now) => {
          runs.push(now.toISOString());
          if (runs.length === 2) throw new Error('disk full');
        },
      },
    ]);
    await requestJobRun(t.db, 'test_outside', clock.now());
    const [a, b] = await bothWorkers(registry);
    expect(runs).toEqual([TEST_NOW.toISOString()]);
    expect(handled([a, b], 'test_outside')).toBe(1);

    clock.advance(HOUR);
    const errors: unknown[] = [];
    const again = await processDueDeadlines({ db: t.db, clock }, { workerId: 'instance-a', jobs: registry, onError: (e) => errors.push(e) });
    expect(again.failed).toBe(1);
    expect(errors).toHaveLength(1);
    const rows = (await t.db('engineDeadlines').where('kind', 'test_outside').orderBy('id')) as TestRow[];
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'pending']);
    expect(iso(rows[2].dueAt)).toBe('2026-11-20T12:00:00.000Z');
  });

  it('when a job’s run fails, then its writes roll back and it is retried with a back-off; after the last attempt it is parked as failed and its next period is scheduled', async () => {
    clock.set(TEST_NOW);
    let calls = 0;
    const failing: PeriodicJob = {
      name: 'test_failing',
      next: every(DAY),
      run: async (tx) => {
        calls++;
        await tx.trx('engineState').insert({ key: `test_failing_${calls}`, value: 'x', updatedAt: tx.now.toISOString() });
        throw new Error('payment provider unreachable');
      },
    };
    const registry = new JobRegistry([failing]);
    await requestJobRun(t.db, failing.name, clock.now());
    expect((await processDueDeadlines({ db: t.db, clock }, { workerId: 'instance-a', jobs: registry })).failed).toBe(1);
    const row = (await t.db('engineDeadlines').where({ kind: failing.name }).first()) as TestRow;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, leasedBy: null, lastError: 'payment provider unreachable' });
    expect(await t.db('engineState').where('key', 'like', 'test_failing_%')).toEqual([]);
    // Not claimable during its back-off (1 minute after the first failure).
    clock.advance(30_000);
    expect((await processDueDeadlines({ db: other, clock }, { workerId: 'instance-b', jobs: registry })).claimed).toBe(0);

    await t.db('engineDeadlines').where('id', row.id).update({ attempts: MAX_ATTEMPTS - 1 });
    clock.advance(20 * 60_000);
    expect((await processDueDeadlines({ db: other, clock }, { workerId: 'instance-b', jobs: registry })).failed).toBe(1);
    const rows = (await t.db('engineDeadlines').where({ kind: failing.name }).orderBy('id')) as TestRow[];
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ['failed', MAX_ATTEMPTS],
      ['pending', 0],
    ]);
    expect(iso(rows[1].dueAt)).toBe('2026-11-21T00:00:00.000Z');
  });

  it('when a run of a job this instance does not register is due, then it leaves it to an instance that does', async () => {
    clock.set(TEST_NOW);
    await requestJobRun(t.db, 'test_unknown', clock.now());
    const summary = await processDueDeadlines({ db: t.db, clock }, { workerId: 'instance-a', jobs });
    expect(summary.byKind.test_unknown).toBeUndefined();
    expect(await t.db('engineDeadlines').where({ kind: 'test_unknown' }).first()).toMatchObject({ status: 'pending', attempts: 0, leasedBy: null });
    await t.db('engineDeadlines').where({ kind: 'test_unknown' }).del();
  });

  it('when a job is registered, then its name must be a free row kind: not a timer kind, not another job’s', () => {
    const job: PeriodicJob = { name: 'payout_run', next: every(DAY), run: async () => undefined };
    expect(new JobRegistry([job]).register(job).names()).toEqual(['payout_run']);
    expect(() => new JobRegistry([job, { ...job }])).toThrow(/already/);
    expect(() => new JobRegistry([{ ...job, name: 'proposal_timeout' }])).toThrow(/already/);
    expect(() => new JobRegistry([{ ...job, name: 'Payout run' }])).toThrow(/lower-case/);
  });
});

describe('next runs', () => {
  it('when a job runs every hour, then every instance computes the same slot: the next whole hour, whatever the minute it ran', () => {
    const hourly = every(HOUR);
    expect(hourly(new Date('2026-11-20T10:00:00.000Z')).toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(hourly(new Date('2026-11-20T10:59:59.999Z')).toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });

  it('SCO-6: when a daily job runs, then the next is at the next Paris midnight, across the daylight-saving changes', () => {
    expect(nextParisMidnight(new Date('2026-11-20T10:00:00.000Z')).toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(nextParisMidnight(new Date('2026-03-28T23:00:00.000Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(nextParisMidnight(new Date('2026-10-24T22:00:00.000Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('two instances starting on an empty database', () => {
  it('when two instances prepare an empty database at once, then one migrates and loads the demo, the other waits and finds it ready: one demo dataset', async () => {
    const empty = await emptyDatabase(2);
    try {
      let waits = 0;
      const prepare = (db: Knex) => prepareDatabase(db, { onWait: () => waits++, pollMs: 20, seed: (h) => seedDemo(h, { now: TEST_NOW }) });
      const results = await Promise.all(empty.handles.map(prepare));
      expect(waits).toBe(1);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, MIGRATIONS.length]);
      expect(results.filter((r) => r.seeded !== null)).toHaveLength(1);
      const [db] = empty.handles;
      expect(await count(db, 'knex_migrations')).toBe(MIGRATIONS.length);
      expect(await count(db, 'users')).toBe(DEMO_USERS.length);
      expect(await count(db, 'partners')).toBe(results.find((r) => r.seeded)!.seeded!.partners);
      expect(await count(db, 'orders')).toBe(results.find((r) => r.seeded)!.seeded!.orders);
      // A later start finds the database ready.
      const again = await prepareDatabase(empty.handles[1], { seed: () => Promise.reject(new Error('seeded twice')) });
      expect(again).toEqual({ applied: [], seeded: null });
    } finally {
      await empty.cleanup();
    }
  }, 60_000);
});
