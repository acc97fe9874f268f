/**
 * `q` search and list totals stay exact with the speed-ups of the list target: the trigram
 * search indexes (db/migrations/008_search_index.ts on SQLite, 010_pg_trigram.ts on
 * PostgreSQL) and the cached totals (server/http/readCache.ts, SQLite). Every expectation is
 * recomputed from the rows in the database, so the same assertions hold on both databases.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';
import { fold, type TestRow } from './helpers';
import knex from 'knex';
import { cachedCount, readTtlMs } from '../http/readCache';
import { planSearch } from '../http/searchIndex';
import { isPostgres } from '../db';
import { tableChanges } from '../data/tableChanges';
import { announceWrites } from '../../db/migrations/020_table_write_notify';


function totalOf(res: request.Response): number {
  const m = /\/(\d+)$/.exec(res.headers['content-range'] ?? '');
  expect(m, `Content-Range: ${res.headers['content-range']}`).not.toBeNull();
  return Number(m![1]);
}

describe('q search through the index and the plain scan', () => {
  let t: TestApp;
  let agent: request.Agent;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Ids whose searchText holds every folded token, straight from the table. */
  async function expectedIds(table: string, q: string): Promise<number[]> {
    const tokens = fold(q).split(' ').filter(Boolean);
    const rows: TestRow[] = await t.db(table).select('id', 'searchText');
    return rows.filter((r) => tokens.every((tok) => String(r.searchText).includes(tok))).map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  async function searchIds(resource: string, q: string): Promise<{ ids: number[]; total: number }> {
    const res = await agent.get(listUrl(resource, { filter: { q }, sort: ['id', 'ASC'], range: [0, 999] }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { ids: res.body.map((r: TestRow) => Number(r.id)), total: totalOf(res) };
  }

  it('finds the same clients as a scan, for long, short, accented and multi-word queries', async () => {
    const client: TestRow = await t.db('clients').orderBy('id').first();
    const last = String(client.lastName);
    const queries = [last, last.slice(0, 2), last.slice(1, 4).toUpperCase(), `${client.firstName} ${last}`, String(client.reference), 'zzzqqq'];
    for (const q of queries) {
      const want = await expectedIds('clients', q);
      const got = await searchIds('clients', q);
      expect(got.ids, `q=${q}`).toEqual(want.slice(0, 1000));
      expect(got.total, `q=${q}`).toBe(want.length);
    }
  });

  it('orders and reviews search the index too', async () => {
    const order: TestRow = await t.db('orders').orderBy('id').first();
    for (const q of [String(order.reference), String(order.reference).slice(-4)]) {
      const got = await searchIds('orders', q);
      expect(got.ids).toEqual((await expectedIds('orders', q)).slice(0, 1000));
      expect(got.ids).toContain(Number(order.id));
    }
    const review: TestRow | undefined = await t.db('reviews').whereNot('searchText', '').orderBy('id').first();
    expect(review, 'the demo seed has a review with a comment').toBeDefined();
    const word = String(review!.searchText).split(' ').find((w) => w.length >= 4)!;
    const got = await searchIds('reviews', word);
    expect(got.ids).toEqual((await expectedIds('reviews', word)).slice(0, 1000));
    expect(got.ids).toContain(Number(review!.id));
  });

  it('LIKE wildcards typed by a user match themselves (% and _)', async () => {
    const client: TestRow = await t.db('clients').orderBy('id').first();
    for (const q of ['%', '_', '100%', 'a_b']) {
      const got = await searchIds('clients', q);
      expect(got.ids, `q=${q}`).toEqual(await expectedIds('clients', q));
    }
    expect((await searchIds('clients', '%')).ids).not.toContain(Number(client.id));
  });

  it('full-text query syntax typed by a user is searched as text, never a 500 (quotes, operators, prefixes)', async () => {
    const client: TestRow = await t.db('clients').orderBy('id').first();
    const last = fold(String(client.lastName));
    // On SQLite these go through FTS5 MATCH: each token must stay a quoted phrase.
    for (const q of ['"', `"${last}`, `${last}"`, `${last} OR zzz`, `${last} NOT zzz`, 'NEAR(abc def)', `${last}*`, `-${last}`, `{lastName}:${last}`, 'a"b"c', '^abc']) {
      for (const resource of ['clients', 'orders', 'reviews']) {
        const got = await searchIds(resource, q);
        expect(got.ids, `${resource} q=${q}`).toEqual((await expectedIds(resource, q)).slice(0, 1000));
      }
    }
  });

  it('the index follows inserts, updates and deletes made on the table, whatever the path', async () => {
    const template: TestRow = await t.db('clients').orderBy('id').first();
    const { id: _id, ...rest } = template;
    const [inserted] = await t.db('clients').insert({ ...rest, reference: 'CLI-IDX-1', email: 'idx@example.test', searchText: 'zyxwvu idxmarker' }).returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    expect((await searchIds('clients', 'idxmarker')).ids).toEqual([id]);

    await t.db('clients').where('id', id).update({ searchText: 'zyxwvu renamedmarker' });
    expect((await searchIds('clients', 'idxmarker')).ids).toEqual([]);
    expect((await searchIds('clients', 'renamedmarker')).ids).toEqual([id]);

    await t.db('clients').where('id', id).del();
    expect((await searchIds('clients', 'renamedmarker')).ids).toEqual([]);
  });

  // q on SQLite: the page walks the sort order when many rows match, and uses the index when few do.
  /** The city most orders are in: a token many rows contain. */
  async function denseToken(): Promise<string> {
    const row = (await t.db('orders').select('city').count({ n: '*' }).whereNotNull('city').groupBy('city').orderBy('n', 'desc').first()) as TestRow;
    return fold(String(row.city)).split(' ')[0];
  }

  /** The page the contract promises, computed from every row: matches sorted by `field` then id, nulls last. */
  async function expectedPage(q: string, field: string, dir: 'ASC' | 'DESC', range: [number, number], where: TestRow = {}): Promise<{ ids: number[]; total: number }> {
    const rows: TestRow[] = await t.db('orders').select('id', field, 'searchText').where(where);
    const tokens = fold(q).split(' ').filter(Boolean);
    const hits = rows.filter((r) => tokens.every((tok) => String(r.searchText).includes(tok)));
    const sign = dir === 'ASC' ? 1 : -1;
    hits.sort((a, b) => {
      const x = a[field] instanceof Date ? a[field].toISOString() : a[field];
      const y = b[field] instanceof Date ? b[field].toISOString() : b[field];
      if (x === null || y === null) return x === y ? sign * (a.id - b.id) : x === null ? 1 : -1;
      return x < y ? -sign : x > y ? sign : sign * (a.id - b.id);
    });
    return { ids: hits.slice(range[0], range[1] + 1).map((r) => Number(r.id)), total: hits.length };
  }

  it('pages of a frequent word, sorted by an indexed column, a nullable one, with a filter: the rows and totals of the contract', async () => {
    const token = await denseToken();
    const cases: { sort: [string, 'ASC' | 'DESC']; range: [number, number]; filter?: TestRow }[] = [
      { sort: ['startsAt', 'DESC'], range: [0, 24] },
      { sort: ['startsAt', 'ASC'], range: [25, 49] },
      { sort: ['completedAt', 'ASC'], range: [0, 24] },
      { sort: ['priceCents', 'DESC'], range: [0, 9] },
      { sort: ['startsAt', 'DESC'], range: [0, 24], filter: { status: 'completed' } },
    ];
    for (const c of cases) {
      const res = await agent.get(listUrl('orders', { sort: c.sort, range: c.range, filter: { q: token, ...(c.filter ?? {}) } }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const want = await expectedPage(token, c.sort[0], c.sort[1], c.range, c.filter);
      expect(res.body.map((r: TestRow) => Number(r.id)), JSON.stringify(c)).toEqual(want.ids);
      expect(totalOf(res), JSON.stringify(c)).toBe(want.total);
    }
  });

  it('chooses the scan for a frequent word sorted by an indexed column, the index otherwise', async () => {
    const token = await denseToken();
    const order: TestRow = await t.db('orders').orderBy('id').first();
    const dense = await planSearch(t.db, 'orders', [token], { column: 'startsAt', rowsWanted: 25 });
    const rare = await planSearch(t.db, 'orders', [fold(String(order.reference))], { column: 'startsAt', rowsWanted: 25 });
    const unindexed = await planSearch(t.db, 'orders', [token], { column: 'priceCents', rowsWanted: 25 });
    const nullsFirst = await planSearch(t.db, 'orders', [token], { column: null, rowsWanted: 25 });
    const short = await planSearch(t.db, 'orders', [token.slice(0, 2)], { column: 'startsAt', rowsWanted: 25 });
    if (isPostgres(t.db)) {
      // PostgreSQL counts nothing ahead: a bounded walk whenever the sort column leads an index, else the matches through the index.
      for (const plan of [dense, rare, short]) expect(plan).toEqual({ form: 'scan', matches: null });
      for (const plan of [unindexed, nullsFirst]) expect(plan).toEqual({ form: 'index', matches: null });
      return;
    }
    const count = async (tok: string) => Number((await t.db('orders').where('searchText', 'like', `%${tok}%`).count({ n: '*' }))[0].n);
    expect(dense).toEqual({ form: 'scan', matches: await count(token) });
    expect(rare).toEqual({ form: 'index', matches: await count(fold(String(order.reference))) });
    expect(unindexed.form).toBe('index');
    expect(nullsFirst.form).toBe('index');
    // Under 3 characters the index cannot answer: a plain LIKE, no count.
    expect(short).toEqual({ form: 'index', matches: null });
  });
});

describe('list totals stay exact after writes (count cache)', () => {
  let t: TestApp;
  let agent: request.Agent;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const total = async (resource: string, filter: TestRow = {}) => totalOf(await agent.get(listUrl(resource, { filter, range: [0, 0] })));
  const dbCount = async (table: string, where: TestRow = {}) => Number((await t.db(table).where(where).count({ n: '*' }))[0].n);

  it('a write through the API, a transaction, a raw statement or a delete shows in the next total', async () => {
    const services = await total('services');
    expect(services).toBe(await dbCount('services'));

    // A plain insert outside any transaction.
    const template: TestRow = await t.db('services').first();
    await t.db('services').insert({ ...template, id: 'count-cache-test', name: 'Test du cache' });
    expect(await total('services')).toBe(services + 1);

    const completed = await total('orders', { status: 'completed' });
    expect(completed).toBe(await dbCount('orders', { status: 'completed' }));
    const some: TestRow = await t.db('orders').where('status', 'completed').orderBy('id').first();

    // A transaction that commits.
    await t.db.transaction(async (trx) => {
      await trx('orders').where('id', some.id).update({ status: 'cancelled_by_client' });
    });
    expect(await total('orders', { status: 'completed' })).toBe(completed - 1);

    // A transaction that rolls back leaves the total as it was.
    await t.db
      .transaction(async (trx) => {
        await trx('orders').where('id', some.id).update({ status: 'completed' });
        throw new Error('rolled back on purpose');
      })
      .catch(() => undefined);
    expect(await total('orders', { status: 'completed' })).toBe(completed - 1);

    // Raw SQL.
    await t.db.raw('UPDATE orders SET status = ? WHERE id = ?', ['completed', some.id]);
    expect(await total('orders', { status: 'completed' })).toBe(completed);

    // The engine's reviews: a delete.
    const reviews = await total('reviews');
    const review: TestRow = await t.db('reviews').orderBy('id', 'desc').first();
    await t.db('reviews').where('id', review.id).del();
    expect(await total('reviews')).toBe(reviews - 1);
    expect(await total('reviews')).toBe(await dbCount('reviews'));
  });

  it('the rows of a page show a change made by any write path at once (rows are cached on SQLite)', async () => {
    const page = async () => (await agent.get(listUrl('partners', { sort: ['id', 'ASC'], range: [0, 4] }))).body as TestRow[];
    const first = (await page())[0];
    expect((await page())[0]).toEqual(first);
    await t.db('partners').where('id', first.id).update({ city: 'Cache-sur-Mer' });
    expect((await page())[0].city).toBe('Cache-sur-Mer');
    await t.db.transaction(async (trx) => trx('partners').where('id', first.id).update({ city: 'Transaction-les-Bains' }));
    expect((await page())[0].city).toBe('Transaction-les-Bains');
    await t.db.raw('UPDATE partners SET city = ? WHERE id = ?', ['Brute', first.id]);
    expect((await page())[0].city).toBe('Brute');
    // Masking still applies per role on the shared rows: ops sees the IBAN masked, admin in full.
    const ops = await t.as('ops');
    const asOps = (await ops.get(listUrl('partners', { sort: ['id', 'ASC'], range: [0, 4] }))).body as TestRow[];
    const full = await page();
    expect(full[0].iban, 'the first demo partner has an IBAN').toBeTruthy();
    expect(asOps[0].iban).not.toBe(full[0].iban);
    expect((await page())[0].iban).toBe(full[0].iban);
  });

  it('a filter on a joined table (services offered) follows writes to that table', async () => {
    const link: TestRow = await t.db('partnerServices').first();
    const before = await total('partners', { service: link.serviceCode });
    expect(before).toBe(Number((await t.db('partnerServices').where('serviceCode', link.serviceCode).countDistinct({ n: 'partnerId' }))[0].n));
    await t.db('partnerServices').where({ partnerId: link.partnerId, serviceCode: link.serviceCode }).del();
    expect(await total('partners', { service: link.serviceCode })).toBe(before - 1);
  });
});

describe('cachedCount: writes from another process (another instance)', () => {
  it('a second handle on the same database: heard at its commit on PostgreSQL, within the TTL on SQLite', async () => {
    const t = await createTestApp({ seed: false });
    const other = knex(t.db.client.config);
    try {
      await t.db.schema.createTable('countProbe', (tb) => tb.increments('id'));
      if (isPostgres(t.db)) await announceWrites(t.db, 'countProbe');
      let clock = 1_000_000;
      const now = () => clock;
      const count = () => cachedCount(t.db, t.db('countProbe').count({ total: '*' }), now);
      if (isPostgres(t.db)) {
        // Each instance keeps its reads while its listener hears every commit (migration 020).
        const deadline = Date.now() + 3_000;
        while (!tableChanges(t.db).live && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(readTtlMs(t.db)).toBeGreaterThan(0);
        expect(await count()).toBe(0);
        await other('countProbe').insert({});
        let seen = await count();
        while (seen !== 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          seen = await count();
        }
        expect(seen).toBe(1);
      } else {
        expect(await count()).toBe(0);
        await other('countProbe').insert({});
        // SQLite has one writing process: what this process did not write keeps the cached total…
        expect(await count()).toBe(0);
        clock += readTtlMs(t.db) - 1;
        expect(await count()).toBe(0);
        // …for at most the TTL.
        clock += 2;
        expect(await count()).toBe(1);
      }
      // A write by this process shows at once.
      await t.db('countProbe').insert({});
      expect(await count()).toBe(2);
    } finally {
      await other.destroy();
      await t.close();
    }
  });
});
