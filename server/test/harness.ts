/**
 * Test harness: the real app on a real database. SQLite (a temporary file, WAL) by
 * default; PostgreSQL when TEST_DATABASE_URL=postgres://… is set, in a schema of its
 * own per test file (created, migrated, and dropped after), so files run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import request from 'supertest';
import type { Role } from '../../shared/roles';
import { createApp, type AppDeps, type BuiltApp } from '../app';
import { fixedClock, type Clock } from '../clock';
import type { AppConfig } from '../config';
import { createDb, isPostgresUrl } from '../db';
import { migrateLatest } from '../../db/migrate';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../db/seeds/demo';
import { setPasswordCostForTests } from '../auth/passwords';
import type { JsonObject } from '../../shared/json';

/**
 * The suites seed and sign in hundreds of times: scrypt at a test cost (1 MiB) rather than
 * production's OWASP cost (128 MiB, about half a second a hash). Tests of the hashing itself
 * set OWASP's parameters back (setPasswordCostForTests(null)).
 */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;
setPasswordCostForTests(TEST_SCRYPT);

/** The instant every seeded test database ends at (a fixed "now" makes the rows identical on every run). */
export const TEST_NOW = new Date('2026-11-20T10:00:00.000Z');

export interface TestDb {
  db: Knex;
  kind: 'sqlite' | 'postgres';
  /** Another handle on the same database (what a second server instance would have); closed by cleanup. */
  openAnother(): Knex;
  cleanup(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    if (!isPostgresUrl(url)) throw new Error(`TEST_DATABASE_URL must be a postgres:// URL, got ${url}`);
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = createDb(url, { poolMax: 1 });
    try {
      await admin.raw('CREATE SCHEMA ??', [schema]);
    } catch (err) {
      await admin.destroy();
      throw new Error(`Cannot create a schema on TEST_DATABASE_URL (${url}): is PostgreSQL running? ${(err as Error).message}`);
    }
    await admin.destroy();
    const db = createDb(url, { searchPath: schema, poolMax: 5 });
    await migrateLatest(db);
    const others: Knex[] = [];
    return {
      db,
      kind: 'postgres',
      openAnother() {
        const other = createDb(url, { searchPath: schema, poolMax: 5 });
        others.push(other);
        return other;
      },
      async cleanup() {
        await Promise.all(others.map((o) => o.destroy()));
        await db.destroy();
        const dropper = createDb(url, { poolMax: 1 });
        await dropper.raw('DROP SCHEMA ?? CASCADE', [schema]);
        await dropper.destroy();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'console-test-'));
  const file = path.join(dir, 'test.sqlite');
  const db = createDb(file);
  await migrateLatest(db);
  const others: Knex[] = [];
  return {
    db,
    kind: 'sqlite',
    openAnother() {
      const other = createDb(file);
      others.push(other);
      return other;
    },
    async cleanup() {
      await Promise.all(others.map((o) => o.destroy()));
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    databaseUrl: 'unused-in-tests',
    uploadsDir: mkdtempSync(path.join(tmpdir(), 'console-uploads-')),
    sessionSecret: 'test-secret-not-for-production',
    maxUploadMb: 10,
    nodeEnv: 'test',
    trustProxy: false,
    allowedOrigins: [],
    loginMaxFailures: 5,
    loginAccountMaxFailures: 10,
    loginWindowMs: 15 * 60_000,
    sessionTtlMs: 3600_000,
    registryMode: 'offline',
    ...overrides,
  };
}

export interface TestApp extends TestDb {
  built: BuiltApp;
  app: BuiltApp['app'];
  clock: Clock;
  /** A supertest agent signed in as the demo account of `role` (cookies kept). */
  as(role: Role): Promise<request.Agent>;
  anonymous(): request.Agent;
  close(): Promise<void>;
}

export async function createTestApp(options: { seed?: boolean; config?: Partial<AppConfig>; events?: AppDeps['events'] } = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  if (options.seed !== false) await seedDemo(testDb.db, { now: TEST_NOW });
  const clock = fixedClock(TEST_NOW);
  const built = createApp({ db: testDb.db, config: testConfig(options.config), clock, spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {}, events: options.events });
  const agents = new Map<Role, request.Agent>();
  return {
    ...testDb,
    built,
    app: built.app,
    clock,
    async as(role) {
      const cached = agents.get(role);
      if (cached) return cached;
      const user = DEMO_USERS.find((u) => u.role === role);
      if (!user) throw new Error(`no demo account for role ${role}`);
      const agent = request.agent(built.app);
      const res = await agent.post('/api/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
      agents.set(role, agent);
      return agent;
    },
    anonymous: () => request.agent(built.app),
    async close() {
      built.close();
      await testDb.cleanup();
    },
  };
}

/** Builds a ra-data-simple-rest list URL. */
export function listUrl(resource: string, q: { sort?: [string, string]; range?: [number, number]; filter?: JsonObject } = {}): string {
  const params = new URLSearchParams();
  if (q.sort) params.set('sort', JSON.stringify(q.sort));
  if (q.range) params.set('range', JSON.stringify(q.range));
  if (q.filter) params.set('filter', JSON.stringify(q.filter));
  const s = params.toString();
  return `/api/${resource}${s ? `?${s}` : ''}`;
}
