/**
 * Issue 8 — health endpoints (liveness, readiness naming the failing check) and the
 * security headers (CSP, nosniff, frame denial; Secure cookies and HSTS behind TLS).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knex from 'knex';
import { PROJECT_ROOT } from '../config';
import { readiness } from '../ops/health';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { createTestApp, type TestApp } from './harness';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when anyone asks GET /api/health, then 200 {status: ok}', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when the database answers, migrations are current and uploads are writable, then ready is 200 with every check ok', async () => {
    const res = await t.anonymous().get('/api/health/ready');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok', uploads: 'ok', pool: 'ok' } });
  });

  it('when a migration is missing from the database, then ready is 503 naming migrations', async () => {
    const last = await t.db('knex_migrations').orderBy('id', 'desc').first();
    await t.db('knex_migrations').where('id', last.id).delete();
    try {
      const res = await t.anonymous().get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', failing: ['migrations'], checks: { database: 'ok', migrations: expect.stringMatching(/^failing/), uploads: 'ok' } });
    } finally {
      await t.db('knex_migrations').insert(last);
    }
  });

  it('when the uploads folder cannot take a file, then ready is 503 naming uploads', async () => {
    const notADir = path.join(mkdtempSync(path.join(tmpdir(), 'ready-')), 'file');
    writeFileSync(notADir, 'x');
    const broken = await createTestApp({ seed: false, config: { uploadsDir: path.join(notADir, 'uploads') } });
    try {
      const res = await broken.anonymous().get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', failing: ['uploads'], checks: { database: 'ok', migrations: 'ok', uploads: 'failing: ENOTDIR' } });
    } finally {
      await broken.close();
    }
  });

  it('when every pooled connection is busy and more queries wait than DATABASE_POOL_QUEUE_LIMIT, then ready is 503 naming pool with its reason; ok again once they finish', async () => {
    const busy = await createTestApp({ seed: false, config: { databasePoolQueueLimit: 2 } });
    const releases: Array<() => void> = [];
    const holders: Promise<unknown>[] = [];
    try {
      const pool = (busy.db.client as { pool: { max: number; numUsed(): number; numPendingAcquires(): number } }).pool;
      // Transactions that keep their connection until released: the whole pool.
      for (let i = 0; i < pool.max; i++) holders.push(busy.db.transaction((trx) => trx.raw('select 1').then(() => new Promise<void>((r) => releases.push(r)))));
      while (pool.numUsed() < pool.max || releases.length < pool.max) await new Promise((r) => setTimeout(r, 5));
      // Three queries queued behind them (the limit is 2).
      const queued = [1, 2, 3].map(() => busy.db.raw('select 1').then((r: unknown) => r)); // knex runs a query once it is awaited
      while (pool.numPendingAcquires() < 3) await new Promise((r) => setTimeout(r, 5));
      const res = await busy.anonymous().get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.failing).toContain('pool');
      expect(res.body.checks.pool).toBe(`failing: pool saturated: all ${pool.max} connections busy, 3 queries waiting (limit 2)`);
      for (const release of releases) release();
      await Promise.all([...holders, ...queued]);
      const after = await busy.anonymous().get('/api/health/ready');
      expect(after.status).toBe(200);
      expect(after.body.checks.pool).toBe('ok');
    } finally {
      for (const release of releases) release();
      await Promise.allSettled(holders);
      await busy.close();
    }
  });

  it('when the database cannot be reached, then readiness names database (and migrations, which it cannot read)', async () => {
    const db = knex({
      client: 'better-sqlite3',
      connection: { filename: path.join(tmpdir(), 'no-such-dir-for-ready', 'x.sqlite') },
      useNullAsDefault: true,
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    try {
      const checks = await readiness(db, mkdtempSync(path.join(tmpdir(), 'ready-')));
      expect(checks.database.ok).toBe(false);
      expect(checks.migrations).toEqual({ ok: false, error: 'database unreachable' });
      expect(checks.uploads.ok).toBe(true);
    } finally {
      await db.destroy().catch(() => {});
    }
  });
});

describe('security headers', () => {
  let t: TestApp;
  let tls: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    tls = await createTestApp({ config: { trustProxy: true } });
  });
  afterAll(async () => {
    await t?.close();
    await tls?.close();
  });

  it.each(['/', '/api/health', '/api/partners'])('when %s is requested, then the CSP forbids inline scripts and framing, and nosniff and frame denial are set', async (url) => {
    const res = await t.anonymous().get(url);
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(['blob:']);
    expect(csp).not.toContain('unsafe-eval');
    expect(directives).not.toHaveProperty('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when the console’s HTML is read (source and, when built, admin/dist), then it has no inline script or event-handler attribute the CSP would block', () => {
    for (const file of [path.join(PROJECT_ROOT, 'admin', 'index.html'), path.join(PROJECT_ROOT, 'admin', 'dist', 'index.html')]) {
      if (!existsSync(file)) continue;
      const html = readFileSync(file, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, file).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, file).toMatch(/\bsrc=/);
        expect(body.trim(), file).toBe('');
      }
      expect(html, file).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it('when served over plain HTTP without TRUST_PROXY, then the session cookie is HttpOnly, SameSite=Lax and not Secure', async () => {
    const res = await t.anonymous().post('/api/auth/login').send({ email: 'admin@demo.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('when TRUST_PROXY is set and the proxy says HTTPS, then the cookie is Secure and HSTS is sent; over HTTP the cookie is not Secure', async () => {
    const https = await tls.anonymous().post('/api/auth/login').set('X-Forwarded-Proto', 'https').send({ email: 'admin@demo.test', password: DEMO_PASSWORD });
    expect(https.status).toBe(200);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const http = await tls.anonymous().post('/api/auth/login').set('X-Forwarded-Proto', 'http').send({ email: 'support@demo.test', password: DEMO_PASSWORD });
    expect(http.status).toBe(200);
    expect(String(http.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
