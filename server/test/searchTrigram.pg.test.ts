/**
 * PostgreSQL's trigram indexes for `q` (db/migrations/010_pg_trigram.ts): the queries the list
 * sends are served by the GIN index on realistic rows, the extension is created by a role that is
 * not a superuser (pg_trgm is trusted), several schemas migrating at once all get it, and a role
 * that may not create it stops the start-up with the statement an administrator must run.
 * PostgreSQL only: vitest.config.ts includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { migrateLatest } from '../../db/migrate';
import { createTestApp, listUrl, type TestApp } from './harness';
import type { TestRow } from './helpers';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

const SEARCHABLE = ['users', 'partners', 'clients', 'services', 'orders', 'reviews', 'cases'];

describe('q on orders uses the trigram index (realistic rows)', () => {
  let t: TestApp;
  let agent: request.Agent;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('admin');
    // The default demo's size (~75,000 orders): copies of the seeded orders with new references.
    await t.db.raw(`
      INSERT INTO orders (reference, "clientId", "partnerId", "serviceCode", "startsAt", "endsAt", status, "priceCents", "partnerPayCents",
                          address, postcode, city, lat, lng, "createdAt", version, "searchText")
      SELECT 'X' || lpad((g * 100000 + o.id)::text, 8, '0'), "clientId", "partnerId", "serviceCode", "startsAt" - g * interval '7 days',
             "endsAt" - g * interval '7 days', status, "priceCents", "partnerPayCents", address, postcode, city, lat, lng,
             "createdAt" - g * interval '7 days', version, 'x' || lpad((g * 100000 + o.id)::text, 8, '0') || ' ' || lower(coalesce(city, ''))
        FROM orders o, generate_series(1, 45) g`);
    await t.db.raw('ANALYZE orders');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The SQL statements that read `searchText` while `fn` runs, with their bindings. */
  async function searchQueries(fn: () => Promise<unknown>): Promise<{ sql: string; bindings: readonly unknown[] }[]> {
    const seen: { sql: string; bindings: readonly unknown[] }[] = [];
    const listener = (e: { sql: string; bindings?: readonly unknown[] }) => {
      if (e.sql.includes('searchText')) seen.push({ sql: e.sql, bindings: e.bindings ?? [] });
    };
    t.db.on('query', listener);
    try {
      await fn();
    } finally {
      t.db.off('query', listener);
    }
    return seen;
  }

  async function plan(q: { sql: string; bindings: readonly unknown[] }): Promise<string> {
    // The query event shows pg's numbered placeholders; knex.raw takes `?`.
    const { rows } = (await t.db.raw(`EXPLAIN ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as Knex.RawBinding[])) as { rows: { 'QUERY PLAN': string }[] };
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('a reference typed in q: the page and its Content-Range total are bitmap scans of orders_searchtext_trgm', async () => {
    expect(Number((await t.db('orders').count({ n: '*' }))[0].n)).toBeGreaterThan(70_000);
    const order: TestRow = await t.db('orders').where('reference', 'like', 'X%').orderBy('id', 'desc').first();
    const token = String(order.reference).toLowerCase().slice(1);
    let res: request.Response | undefined;
    const queries = await searchQueries(async () => {
      res = await agent.get(listUrl('orders', { filter: { q: token }, sort: ['startsAt', 'DESC'], range: [0, 24] }));
    });
    expect(res!.status, JSON.stringify(res!.body)).toBe(200);
    expect(res!.body.map((r: TestRow) => Number(r.id))).toEqual([Number(order.id)]);
    expect(res!.headers['content-range']).toBe('orders 0-0/1');

    const count = queries.find((q) => /count\(\*\)/i.test(q.sql));
    const matches = queries.find((q) => /with "matches" as materialized/i.test(q.sql));
    expect(count, queries.map((q) => q.sql).join('\n')).toBeDefined();
    expect(matches, 'a single match cannot fill the walked page: the matches are looked up').toBeDefined();
    for (const q of [count!, matches!]) {
      const text = await plan(q);
      expect(text, text).toMatch(/Bitmap Index Scan on orders_searchtext_trgm/);
      expect(text, text).not.toMatch(/Seq Scan on orders/);
    }
  });

  it('a frequent word sorted by date: the page walks the date index, at most a bounded number of rows, and is the contract page', async () => {
    const row = (await t.db('orders').select('city').count({ n: '*' }).whereNotNull('city').groupBy('city').orderBy('n', 'desc').first()) as TestRow;
    const token = String(row.city).toLowerCase().split(' ')[0];
    let res: request.Response | undefined;
    const queries = await searchQueries(async () => {
      res = await agent.get(listUrl('orders', { filter: { q: token }, sort: ['startsAt', 'DESC'], range: [0, 24] }));
    });
    expect(res!.status).toBe(200);
    const want = await t
      .db('orders')
      .where('searchText', 'like', `%${token}%`)
      .orderBy([
        { column: 'startsAt', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(25)
      .select('id');
    expect(res!.body.map((r: TestRow) => Number(r.id))).toEqual(want.map((r) => Number(r.id)));
    const walk = queries.find((q) => /from \(select/i.test(q.sql));
    expect(walk).toBeDefined();
    expect(queries.some((q) => /materialized/i.test(q.sql)), 'the walk filled the page').toBe(false);
    const text = await plan(walk!);
    expect(text, text).toMatch(/Index Scan( Backward)? using orders_(startsat|status_startsat)_index/);
  });

  it('every searchable table has its GIN trigram index on searchText', async () => {
    const { rows } = (await t.db.raw(
      `SELECT c.relname AS "table", i.relname AS "index", pg_get_indexdef(i.oid) AS def
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND i.relname LIKE '%_searchtext_trgm'`,
    )) as { rows: TestRow[] };
    expect(rows.map((r) => r.table).sort()).toEqual([...SEARCHABLE].sort());
    for (const r of rows) expect(r.def).toMatch(/USING gin \("searchText" \w+\.gin_trgm_ops\)/);
  });
});

describe('creating pg_trgm: a plain role, concurrent schemas, and a role that may not', () => {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `trgm_${suffix}`;
  const role = `trgm_role_${suffix}`;
  const admin = createDb(PG_URL, { poolMax: 1 });
  const urlFor = () => {
    const u = new URL(PG_URL);
    u.pathname = `/${database}`;
    u.username = role;
    u.password = '';
    return u.toString();
  };
  /** A statement run by the test's own (superuser) account inside the new database. */
  const inDatabase = async (sql: string) => {
    const u = new URL(PG_URL);
    u.pathname = `/${database}`;
    const db = createDb(u.toString(), { poolMax: 1 });
    try {
      await db.raw(sql);
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    await admin.raw(`CREATE ROLE ?? LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`, [role]);
    // template0: a database without pg_trgm, whatever template1 holds.
    await admin.raw(`CREATE DATABASE ?? TEMPLATE template0`, [database]);
    await admin.raw(`GRANT CONNECT ON DATABASE ?? TO ??`, [database, role]);
    for (const s of ['s_refused', 's_a', 's_b', 's_c']) await inDatabase(`CREATE SCHEMA "${s}" AUTHORIZATION "${role}"`);
  }, 60_000);
  afterAll(async () => {
    await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [database]);
    await admin.raw(`DROP ROLE IF EXISTS ??`, [role]);
    await admin.destroy();
  }, 60_000);

  it('a role without CREATE on the database: the migration fails, naming the statement an administrator must run, and leaves no table', async () => {
    const db = createDb(urlFor(), { searchPath: 's_refused', poolMax: 1 });
    try {
      const failure = await migrateLatest(db).then(
        () => null,
        (err: Error) => err.message,
      );
      expect(failure).toMatch(/pg_trgm/);
      expect(failure).toContain(`database "${database}": CREATE EXTENSION pg_trgm;`);
      // The migrations run in one transaction: none of the tables stays behind.
      const { rows } = (await db.raw(`SELECT to_regclass('s_refused.orders') AS t`)) as { rows: { t: string | null }[] };
      expect(rows[0].t).toBeNull();
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('the database owner (not a superuser) creates it, and three schemas migrating at once all get their indexes', async () => {
    await admin.raw(`ALTER DATABASE ?? OWNER TO ??`, [database, role]);
    const dbs = ['s_a', 's_b', 's_c'].map((s) => createDb(urlFor(), { searchPath: s, poolMax: 2 }));
    try {
      const { rows: who } = (await dbs[0].raw('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')) as { rows: { rolsuper: boolean }[] };
      expect(who[0].rolsuper).toBe(false);
      await Promise.all(dbs.map((db) => migrateLatest(db)));
      const { rows: ext } = (await dbs[0].raw(
        `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
      )) as { rows: { schema: string }[] };
      expect(ext).toEqual([{ schema: 'public' }]);
      for (const db of dbs) {
        const { rows } = (await db.raw(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%_searchtext_trgm'`)) as {
          rows: { n: number }[];
        };
        expect(rows[0].n).toBe(SEARCHABLE.length);
      }
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  }, 120_000);
});
