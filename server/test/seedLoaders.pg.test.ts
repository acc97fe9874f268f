/**
 * The demo marketplace loaded into PostgreSQL by each of its two loaders (db/seeds/bulkLoad.ts:
 * COPY through pg-copy-streams, batched multi-row INSERTs) holds the same rows as the same
 * seed loaded into SQLite: every table, every column (values compared as the API reads them:
 * instants as ISO strings, booleans as 0/1, JSON by content). PostgreSQL only: vitest.config.ts
 * includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest } from '../../db/migrate';
import { PG_LOADERS, type PgLoader } from '../../db/seeds/bulkLoad';
import { seedMarketplace } from '../../db/seeds/marketplace';
import { createDb } from '../db';
import { createTestDb, TEST_NOW, type TestDb } from './harness';
import { pgCatalogue, type PgCatalogue } from './pgCatalogue';
import type { JsonObject } from '../../shared/json';
import type { Row } from '../data/rows';

if (!process.env.TEST_DATABASE_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

/** Salted on every run (scrypt): the only values two loads of one seed do not share. */
const SALTED = new Set(['passwordHash']);

function canonical(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as JsonObject)[k])]));
  if (typeof v === 'string') {
    // SQLite keeps JSON and instants as text; PostgreSQL returns objects and Dates.
    if (/^[[{]/.test(v)) {
      try {
        return canonical(JSON.parse(v));
      } catch {
        return v;
      }
    }
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  }
  return v;
}

/** Every row of `table`, each as canonical JSON, sorted: a content fingerprint independent of row order. */
async function tableContent(db: Knex, table: string): Promise<string[]> {
  const rows = (await db(table).select('*')) as Row[];
  return rows
    .map((row) => JSON.stringify(canonical(Object.fromEntries(Object.entries(row).filter(([k]) => !SALTED.has(k))))))
    .sort();
}

/** The tables the seed writes: SQLite's own, without FTS5's shadow tables and knex's bookkeeping. */
async function seededTables(sqlite: Knex): Promise<string[]> {
  const rows = (await sqlite.raw(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%' AND name NOT LIKE '%_search%' ORDER BY name`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

describe('demo marketplace loaded into PostgreSQL by COPY and by INSERT batches (test scale)', () => {
  let dir: string;
  let sqlite: Knex;
  const pg = new Map<PgLoader, TestDb>();
  /** The indexes and constraints of a freshly migrated schema, before any row. */
  let migrated: PgCatalogue;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'seed-loaders-'));
    sqlite = createDb(path.join(dir, 'seed.sqlite'));
    await migrateLatest(sqlite);
    await seedMarketplace(sqlite, { now: TEST_NOW, scale: 'test' });
    for (const loader of PG_LOADERS) {
      const t = await createTestDb();
      pg.set(loader, t);
      migrated ??= await pgCatalogue(t.db);
      await seedMarketplace(t.db, { now: TEST_NOW, scale: 'test', pgLoader: loader });
    }
  }, 300_000);
  afterAll(async () => {
    for (const t of pg.values()) await t.cleanup();
    await sqlite?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const loader of PG_LOADERS) {
    it(`the ${loader} loader stores in PostgreSQL the rows SQLite stores, table by table, column by column`, async () => {
      const db = pg.get(loader)!.db;
      const tables = await seededTables(sqlite);
      expect(tables).toContain('orders');
      const counts: Record<string, [number, number]> = {};
      for (const table of tables) {
        const [a, b] = [await tableContent(sqlite, table), await tableContent(db, table)];
        counts[table] = [a.length, b.length];
        // Row by row first: a difference shows as the first differing row, not a 10,000-line diff.
        const firstDiff = a.findIndex((row, i) => row !== b[i]);
        expect(firstDiff === -1 ? null : { table, sqlite: a[firstDiff], postgres: b[firstDiff] }).toBeNull();
        expect(b.length, table).toBe(a.length);
      }
      expect(counts.orders[0]).toBeGreaterThan(1000);
    });
  }

  for (const loader of PG_LOADERS) {
    it(`after the ${loader} loader, every index and constraint the load deferred is back as the migrations made it`, async () => {
      expect(migrated.indexes.some((l) => l.includes('gin_trgm_ops'))).toBe(true);
      expect(await pgCatalogue(pg.get(loader)!.db)).toEqual(migrated);
    });
  }

  it('the two loaders store the same rows in PostgreSQL, table by table', async () => {
    const [a, b] = PG_LOADERS.map((l) => pg.get(l)!.db);
    for (const table of await seededTables(sqlite)) {
      const [x, y] = [await tableContent(a, table), await tableContent(b, table)];
      expect(y, table).toEqual(x);
    }
  });
});
