/**
 * Issue 8 — two server processes (`tsx server/main.ts`) on one PostgreSQL database and one
 * uploads folder: a session opened on one is valid on the other (and a sign-out on one ends it
 * on both), a document uploaded through one is served by the other, and the engine deadlines
 * both workers race on (the demo data's timers, due since the seed's "now") are each handled
 * exactly once. PostgreSQL only: vitest.config.ts includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { demoPdf } from '../../db/seeds/demoFiles';
import { loginCookie, processDatabase, spawnServer, type ServerChild } from './ops.processes';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

describe('two server processes on one PostgreSQL', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let a: ServerChild;
  let b: ServerChild;
  let raced: number[] = [];
  /** The server process's pid as its JSON log says (tsx runs the server in a child process). */
  const pidOf = (s: ServerChild) => String(s.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'listening')?.pid);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ops-two-'));
    const uploads = path.join(dir, 'uploads');
    database = await processDatabase(dir, uploads);
    // Work for both workers to race on: published reviews made unpublished again, each with a
    // review_publish timer due now (REV-2's handler publishes and audits, once per review).
    const db = createDb(database.url, { poolMax: 1 });
    try {
      const reviews = (await db('reviews').whereNotNull('publishedAt').orderBy('id').limit(600).select('id')).map((r) => Number(r.id));
      raced = reviews;
      await db('reviews').whereIn('id', reviews).update({ publishedAt: null });
      const dueAt = new Date(Date.now() - 60_000).toISOString();
      for (let i = 0; i < reviews.length; i += 200) {
        await db('engineDeadlines').insert(reviews.slice(i, i + 200).map((refId) => ({ kind: 'review_publish', refId, dueAt, status: 'pending', attempts: 0 })));
      }
    } finally {
      await db.destroy();
    }
    const env = { DATABASE_URL: database.url, UPLOADS_DIR: uploads };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  }, 120_000);
  afterAll(async () => {
    for (const s of [a, b]) if (s?.child.exitCode === null) s.child.kill('SIGTERM');
    await Promise.all([a, b].filter(Boolean).map((s) => s.exited));
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('when a user signs in on one instance, then the other knows the session; a sign-out on the other ends it on both', async () => {
    const cookie = await loginCookie(a.url, 'support@demo.test');
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'support@demo.test', role: 'support' });
    expect((await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBeLessThan(300);
    expect((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('when a document is uploaded through one instance, then the other serves the same bytes', async () => {
    const cookie = await loginCookie(a.url, 'support@demo.test');
    const pdf = demoPdf(['Deux instances', 'un dossier partagé']);
    const form = new FormData();
    form.set('type', 'identity');
    form.set('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'deux.pdf');
    const up = await fetch(`${a.url}/api/partners/7/documents`, { method: 'POST', headers: { cookie }, body: form });
    expect(up.status, await up.clone().text()).toBe(201);
    const doc = (await up.json()) as { id: number };
    const down = await fetch(`${b.url}/api/documents/${doc.id}/file`, { headers: { cookie } });
    expect(down.status).toBe(200);
    const bytes = Buffer.from(await down.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('when both engine workers run on the same due deadlines, then each deadline is handled once, by one of them', async () => {
    const db = createDb(database.url, { poolMax: 1 });
    try {
      const now = () => new Date().toISOString();
      // Both workers start at once; wait until no due timer is left pending (or 40 s).
      const deadline = Date.now() + 40_000;
      for (;;) {
        const pending = Number((await db('engineDeadlines').where('status', 'pending').where('dueAt', '<=', now()).count({ n: '*' }).first())?.n);
        if (pending === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const done = await db('engineDeadlines').where('status', 'done').select('id', 'kind', 'refId', 'leasedBy', 'attempts');
      expect(done.length).toBeGreaterThan(raced.length);
      expect(await db('engineDeadlines').where('status', 'failed')).toEqual([]);
      // Every done timer was taken by one of the two processes' workers (worker ids carry the pid).
      const pids = new Set([pidOf(a), pidOf(b)]);
      expect(pids.size).toBe(2);
      const byProcess = new Map<string, number>();
      for (const d of done) {
        const pid = String(d.leasedBy).split('-')[1];
        byProcess.set(pid, (byProcess.get(pid) ?? 0) + 1);
      }
      expect([...byProcess.keys()].every((pid) => pids.has(pid)), JSON.stringify([...byProcess])).toBe(true);
      // Both processes took part in the race.
      expect(byProcess.size, JSON.stringify([...byProcess])).toBe(2);
      // Every raced review was published once.
      const publishes = await db('auditLog').where('action', 'reviews.publish').whereIn('resourceId', raced.map(String)).select('resourceId');
      expect(publishes.map((r) => Number(r.resourceId)).sort((x, y) => x - y)).toEqual([...raced].sort((x, y) => x - y));
      expect(await db('reviews').whereIn('id', raced).whereNull('publishedAt')).toEqual([]);
      // Handled once: each handler's effect is audited once per timer (never twice for the same row).
      const twice = await db('auditLog')
        .select('action', 'resourceId')
        .count({ n: '*' })
        .whereIn('action', ['proposals.timeout', 'proposals.slot_timeout', 'orders.expire', 'reviews.publish', 'payments.done', 'limitations.awaiting_review'])
        .groupBy('action', 'resourceId')
        .having(db.raw('count(*) > 1'));
      expect(twice).toEqual([]);
      const handled = Number((await db('auditLog').whereIn('action', ['proposals.timeout', 'orders.expire', 'reviews.publish', 'payments.done']).where('at', '>', '2026-11-20T10:00:00.000Z').count({ n: '*' }).first())?.n);
      expect(handled).toBeGreaterThan(0);
      console.log(`two instances: ${done.length} deadlines done; by process ${JSON.stringify(Object.fromEntries(byProcess))}; ${handled} audited effects`);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
