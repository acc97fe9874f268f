/**
 * The ra-data-simple-rest list dialect (CONTRACT.md "HTTP"): sort, range, filter,
 * `q`, and the 400s for everything malformed or unknown. Expected rows are computed
 * from the database the app reads, so the same assertions hold on SQLite and PostgreSQL.
 * One file, though long: it is the dialect's table of cases, one parameter after another.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';
import { expectError, fold, ids, type TestRow } from './helpers';


/** Rows are sorted `order` on `field` with nulls last, whatever the direction. */
function expectSortedNullsLast(rows: TestRow[], field: string, order: 'ASC' | 'DESC') {
  const values = rows.map((r) => r[field]);
  const firstNull = values.indexOf(null);
  const head = firstNull === -1 ? values : values.slice(0, firstNull);
  if (firstNull !== -1) expect(values.slice(firstNull).every((v) => v === null), `${field} ${order}: a non-null after a null`).toBe(true);
  const cmp = (a: unknown, b: unknown) => (typeof a === 'number' ? (a as number) - (b as number) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  for (let i = 1; i < head.length; i++) {
    const c = cmp(head[i - 1], head[i]);
    expect(order === 'ASC' ? c <= 0 : c >= 0, `${field} ${order} at ${i}: ${head[i - 1]} then ${head[i]}`).toBe(true);
  }
}

function countOf(res: request.Response): number {
  const m = /^(\S+) (?:\d+-\d+|\*)\/(\d+)$/.exec(res.headers['content-range'] ?? '');
  expect(m, `Content-Range: ${res.headers['content-range']}`).not.toBeNull();
  return Number(m![2]);
}

describe('list dialect', () => {
  let t: TestApp;
  let agent: request.Agent;
  let partners: TestRow[];
  let totalPartners: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('admin');
    partners = await t.db('partners').select('*');
    totalPartners = partners.length;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (resource: string, q: Parameters<typeof listUrl>[1]) => agent.get(listUrl(resource, q));

  describe('sort', () => {
    it.each([
      ['partners', 'score', 'ASC'],
      ['partners', 'score', 'DESC'],
      ['partners', 'radiusKm', 'ASC'],
      ['partners', 'reference', 'DESC'],
      ['partners', 'createdAt', 'ASC'],
      ['partners', 'status', 'ASC'],
      ['reviews', 'publishedAt', 'ASC'],
      ['reviews', 'publishedAt', 'DESC'],
      ['reviews', 'rating', 'DESC'],
      ['services', 'priceCents', 'ASC'],
      ['orders', 'startsAt', 'DESC'],
      ['orders', 'sheetSignedAt', 'ASC'],
    ] as const)('when %s are sorted by %s %s, then the whole set comes back in that order with nulls last', async (resource, field, order) => {
      const res = await get(resource, { sort: [field, order], range: [0, 999] });
      expect(res.status).toBe(200);
      const total = countOf(res);
      expect(res.body.length).toBe(Math.min(total, 1000));
      expectSortedNullsLast(res.body, field, order);
    });

    it('when the sort field has nulls (partners.score, reviews.publishedAt), then both directions put them last and the fixture really has some', async () => {
      for (const [resource, field] of [
        ['partners', 'score'],
        ['reviews', 'publishedAt'],
      ] as const) {
        const nulls = Number((await t.db(resource).whereNull(field).count({ n: '*' }))[0].n);
        const all = Number((await t.db(resource).count({ n: '*' }))[0].n);
        expect(nulls, `${resource}.${field} has nulls`).toBeGreaterThan(0);
        expect(nulls).toBeLessThan(all);
        for (const order of ['ASC', 'DESC'] as const) {
          const res = await get(resource, { sort: [field, order], range: [0, 999] });
          const values = res.body.map((r: TestRow) => r[field]);
          expect(values.slice(0, all - nulls).every((v: unknown) => v !== null)).toBe(true);
          expect(values.slice(all - nulls).every((v: unknown) => v === null)).toBe(true);
          // The first page is non-null too (nulls last, not first).
          const first = await get(resource, { sort: [field, order], range: [0, 4] });
          expect(first.body.every((r: TestRow) => r[field] !== null)).toBe(true);
        }
      }
    });

    it('when sorted ascending then descending, then the non-null values are mirror images', async () => {
      const asc = (await get('partners', { sort: ['score', 'ASC'], range: [0, 999] })).body.map((r: TestRow) => r.score).filter((s: unknown) => s !== null);
      const desc = (await get('partners', { sort: ['score', 'DESC'], range: [0, 999] })).body.map((r: TestRow) => r.score).filter((s: unknown) => s !== null);
      expect(asc.length).toBeGreaterThan(10);
      expect(desc).toEqual([...asc].reverse());
    });

    it('when the sort order is lower case, then it is accepted', async () => {
      const res = await get('partners', { sort: ['radiusKm', 'desc'], range: [0, 999] });
      expect(res.status).toBe(200);
      expectSortedNullsLast(res.body, 'radiusKm', 'DESC');
    });

    it('when the sort field is unknown or not sortable, then 400 invalid_request naming it', async () => {
      for (const field of ['nope', 'searchText', 'services', 'version']) {
        const err = expectError(await get('partners', { sort: [field, 'ASC'] }), 400, 'invalid_request');
        expect(err.details).toMatchObject({ param: 'sort', field });
      }
    });

    it('when the sort order is neither ASC nor DESC, or the sort is not a pair, then 400', async () => {
      for (const raw of ['["score","UP"]', '["score"]', '"score"', '{"field":"score"}', '["score","ASC; DROP TABLE partners"]']) {
        expectError(await agent.get(`/api/partners?sort=${encodeURIComponent(raw)}`), 400, 'invalid_request');
      }
    });
  });

  describe('range', () => {
    it('when paging 10 by 10 through partners, then pages never overlap, cover everything, and Content-Range says "partners a-b/total"', async () => {
      const seen: unknown[] = [];
      for (let start = 0; start < totalPartners; start += 10) {
        const res = await get('partners', { sort: ['createdAt', 'DESC'], range: [start, start + 9] });
        expect(res.status).toBe(200);
        const end = Math.min(start + 9, totalPartners - 1);
        expect(res.headers['content-range']).toBe(`partners ${start}-${end}/${totalPartners}`);
        expect(res.body.length).toBe(end - start + 1);
        seen.push(...ids(res.body));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(partners.map((p) => p.id)));
    });

    it('when paging on a field with many ties (status), then pages still never repeat or skip a row', async () => {
      const seen: unknown[] = [];
      for (let start = 0; start < totalPartners; start += 7) {
        const res = await get('partners', { sort: ['status', 'ASC'], range: [start, start + 6] });
        seen.push(...ids(res.body));
      }
      expect(seen.length).toBe(totalPartners);
      expect(new Set(seen).size).toBe(totalPartners);
    });

    it('when the first page is asked, then Content-Range is exactly "partners 0-9/<total>" and the header is exposed to the browser', async () => {
      const res = await get('partners', { range: [0, 9] });
      expect(res.headers['content-range']).toBe(`partners 0-9/${totalPartners}`);
      expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/i);
    });

    it('when the page is past the end, then an empty array and "partners */<total>"', async () => {
      const res = await get('partners', { range: [totalPartners + 20, totalPartners + 29] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.headers['content-range']).toBe(`partners */${totalPartners}`);
    });

    it('when no range is given, then at most 1000 rows come back', async () => {
      const res = await agent.get('/api/proposals');
      expect(res.status).toBe(200);
      const total = countOf(res);
      expect(total).toBeGreaterThan(1000);
      expect(res.body.length).toBe(1000);
      expect(res.headers['content-range']).toBe(`proposals 0-999/${total}`);
    });

    it('when a range asks for exactly 1000 rows, then 200; 1001 rows, then 400', async () => {
      expect((await get('proposals', { range: [0, 999] })).status).toBe(200);
      const err = expectError(await get('proposals', { range: [0, 1000] }), 400, 'invalid_request');
      expect(err.details).toMatchObject({ param: 'range', max: 1000 });
      expectError(await get('proposals', { range: [5, 5000] }), 400, 'invalid_request');
    });

    it.each(['[0]', '[-1,5]', '[5,2]', '[0,1,2]', '["0","9"]', '[0.5,9]', '{"start":0}', '"0-9"', '[0,9'])(
      'when range is %s, then 400 invalid_request',
      async (raw) => {
        expectError(await agent.get(`/api/partners?range=${encodeURIComponent(raw)}`), 400, 'invalid_request');
      },
    );
  });

  describe('filter', () => {
    it('when filtering on equality (status), then exactly the matching rows come back', async () => {
      const res = await get('partners', { filter: { status: 'active' }, range: [0, 999] });
      expect(res.status).toBe(200);
      const expected = partners.filter((p) => p.status === 'active').map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(new Set(ids(res.body))).toEqual(new Set(expected));
      expect(countOf(res)).toBe(expected.length);
    });

    it('when filtering on a list of values, then rows matching any of them come back', async () => {
      const res = await get('partners', { filter: { status: ['active', 'refused'] }, range: [0, 999] });
      const expected = partners.filter((p) => p.status === 'active' || p.status === 'refused').map((p) => p.id);
      expect(partners.some((p) => p.status === 'refused')).toBe(true);
      expect(new Set(ids(res.body))).toEqual(new Set(expected));
    });

    it('when filtering on an empty list, then nothing comes back', async () => {
      const res = await get('partners', { filter: { status: [] } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.headers['content-range']).toBe('partners */0');
    });

    it('when filtering on a list of ids (getMany), then exactly those records come back', async () => {
      const wanted = [partners[3].id, partners[17].id, partners[42].id];
      const res = await get('partners', { filter: { id: wanted } });
      expect(res.status).toBe(200);
      expect(new Set(ids(res.body))).toEqual(new Set(wanted));
      const asStrings = await get('partners', { filter: { id: wanted.map(String) } });
      expect(new Set(ids(asStrings.body))).toEqual(new Set(wanted));
      const services = await get('services', { filter: { id: ['haircut', 'cleaning'] } });
      expect(new Set(ids(services.body))).toEqual(new Set(['haircut', 'cleaning']));
    });

    it('when filtering a number range (score_gte / score_lte), then bounds are inclusive and nulls excluded', async () => {
      const scores = partners.map((p) => p.score).filter((s): s is number => s !== null).sort((a, b) => a - b);
      const lo = scores[Math.floor(scores.length / 4)];
      const hi = scores[Math.floor((3 * scores.length) / 4)];
      const res = await get('partners', { filter: { score_gte: lo, score_lte: hi }, range: [0, 999] });
      expect(res.status).toBe(200);
      const expected = partners.filter((p) => p.score !== null && p.score >= lo && p.score <= hi).map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(new Set(ids(res.body))).toEqual(new Set(expected));
      expect(res.body.some((p: TestRow) => p.score === lo)).toBe(true);
      expect(res.body.some((p: TestRow) => p.score === hi)).toBe(true);
      const asText = await get('partners', { filter: { score_gte: String(lo), score_lte: String(hi) }, range: [0, 999] });
      expect(new Set(ids(asText.body))).toEqual(new Set(expected));
    });

    it('when filtering an instant range (createdAt_gte / createdAt_lte), then only rows in it come back, bounds inclusive', async () => {
      const sorted = partners.map((p) => new Date(p.createdAt).toISOString()).sort();
      const lo = sorted[10];
      const hi = sorted[50];
      const res = await get('partners', { filter: { createdAt_gte: lo, createdAt_lte: hi }, range: [0, 999] });
      expect(res.status).toBe(200);
      const expected = partners.filter((p) => {
        const at = new Date(p.createdAt).toISOString();
        return at >= lo && at <= hi;
      });
      expect(new Set(ids(res.body))).toEqual(new Set(expected.map((p) => p.id)));
      expect(res.body.length).toBeGreaterThanOrEqual(41);
      for (const row of res.body) {
        expect(row.createdAt >= lo && row.createdAt <= hi).toBe(true);
        expect(row.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
    });

    it('when an instant bound is given with a time-zone offset, then it means the same instant', async () => {
      const orders = await t.db('orders').select('id', 'startsAt');
      const sorted = orders.map((o) => new Date(o.startsAt).toISOString()).sort();
      const pivot = sorted[800];
      const paris = new Date(pivot).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).replace(' ', 'T');
      const offsetMin = (Date.parse(`${paris}Z`) - Date.parse(pivot)) / 60000;
      const withOffset = `${paris}+${String(Math.floor(offsetMin / 60)).padStart(2, '0')}:${String(offsetMin % 60).padStart(2, '0')}`;
      expect(Date.parse(withOffset)).toBe(Date.parse(pivot));
      const a = await get('orders', { filter: { startsAt_gte: pivot }, range: [0, 0] });
      const b = await get('orders', { filter: { startsAt_gte: withOffset }, range: [0, 0] });
      expect(countOf(a)).toBe(sorted.filter((s) => s >= pivot).length);
      expect(countOf(b)).toBe(countOf(a));
    });

    it('when a range bound is null or malformed, then 400', async () => {
      expectError(await get('partners', { filter: { score_gte: null } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { score_gte: 'high' } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { createdAt_gte: 'yesterday' } }), 400, 'invalid_request');
      // status is filterable, but not by range
      expectError(await get('partners', { filter: { status_gte: 'active' } }), 400, 'invalid_request');
    });

    it('when filtering on null, then rows where the field is empty come back (limitation: null, score: null)', async () => {
      const noLimit = await get('partners', { filter: { limitation: null }, range: [0, 999] });
      expect(noLimit.status).toBe(200);
      expect(new Set(ids(noLimit.body))).toEqual(new Set(partners.filter((p) => p.limitation === null).map((p) => p.id)));
      const noScore = await get('partners', { filter: { score: null }, range: [0, 999] });
      const expected = partners.filter((p) => p.score === null).map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(totalPartners);
      expect(new Set(ids(noScore.body))).toEqual(new Set(expected));
      const scored = partners.find((p) => p.score !== null)!;
      const mixed = await get('partners', { filter: { score: [null, scored.score] }, range: [0, 999] });
      expect(new Set(ids(mixed.body))).toEqual(new Set(partners.filter((p) => p.score === null || p.score === scored.score).map((p) => p.id)));
    });

    it('when filtering null on a field that is never empty, then 400', async () => {
      expectError(await get('partners', { filter: { status: null } }), 400, 'invalid_request');
    });

    it('when filtering on booleans (true, false, "true"), then the right rows come back on both databases', async () => {
      const all = await t.db('reviews').select('id', 'recommended');
      const truthy = (v: unknown) => v === true || v === 1;
      for (const [value, want] of [
        [true, true],
        [false, false],
        ['true', true],
        ['false', false],
      ] as const) {
        const res = await get('reviews', { filter: { recommended: value }, range: [0, 999] });
        expect(res.status).toBe(200);
        const expected = all.filter((r) => truthy(r.recommended) === want).map((r) => r.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(new Set(ids(res.body))).toEqual(new Set(expected));
        expect(res.body.every((r: TestRow) => r.recommended === want)).toBe(true);
      }
      const regulated = await get('services', { filter: { regulated: false } });
      expect(regulated.body.length).toBeGreaterThan(0);
      expect(regulated.body.every((s: TestRow) => s.regulated === false)).toBe(true);
      expectError(await get('reviews', { filter: { recommended: 'yes' } }), 400, 'invalid_request');
      expectError(await get('reviews', { filter: { recommended: 1 } }), 400, 'invalid_request');
    });

    it('when an enum filter has a value outside the enum, then 400 naming the field', async () => {
      const err = expectError(await get('partners', { filter: { status: 'sleeping' } }), 400, 'invalid_request');
      expect(err.details).toMatchObject({ param: 'filter', field: 'status' });
      expectError(await get('partners', { filter: { status: ['active', 'sleeping'] } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { vertical: 'WELLNESS' } }), 400, 'invalid_request');
    });

    it('when an integer filter gets a non-integer, then 400', async () => {
      expectError(await get('orders', { filter: { clientId: 'one' } }), 400, 'invalid_request');
      expectError(await get('orders', { filter: { clientId: 1.5 } }), 400, 'invalid_request');
      expectError(await get('orders', { filter: { clientId: { $gt: 0 } } }), 400, 'invalid_request');
    });

    it('when the filter names an unknown field, then 400 with the contract shape and the allowed fields', async () => {
      const res = await get('partners', { filter: { shoeSize: 42 } });
      const err = expectError(res, 400, 'invalid_request');
      expect(err.details).toMatchObject({ param: 'filter', field: 'shoeSize' });
      expect(err.details!.allowed).toEqual(expect.arrayContaining(['status', 'q', 'service']));
      expect(err.details!.allowed).not.toContain('iban');
      // A column that exists in the table but is not a filter (searchText, version) is unknown too.
      expectError(await get('partners', { filter: { searchText: 'x' } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { version: 1 } }), 400, 'invalid_request');
    });

    it('when filter is not a JSON object, then 400', async () => {
      for (const raw of ['[1,2]', 'null', '"status"', '42']) {
        expectError(await agent.get(`/api/partners?filter=${encodeURIComponent(raw)}`), 400, 'invalid_request');
      }
    });

    it.each(['sort', 'range', 'filter'])('when %s is malformed JSON, then 400 naming the parameter', async (param) => {
      const err = expectError(await agent.get(`/api/partners?${param}=${encodeURIComponent('{"oops": ')}`), 400, 'invalid_request');
      expect(err.details).toMatchObject({ param });
    });

    it('when a query parameter is unknown or repeated, then 400', async () => {
      const err = expectError(await agent.get('/api/partners?page=2'), 400, 'invalid_request');
      expect(err.details).toMatchObject({ param: 'page' });
      expectError(await agent.get('/api/partners?filter[status]=active'), 400, 'invalid_request');
      expectError(await agent.get(`/api/partners?sort=${encodeURIComponent('["id","ASC"]')}&sort=${encodeURIComponent('["id","DESC"]')}`), 400, 'invalid_request');
    });

    it('when filtering by the custom filter service, then exactly the partners offering it come back', async () => {
      const links = await t.db('partnerServices').where('serviceCode', 'haircut').select('partnerId');
      const expected = links.map((l) => Number(l.partnerId));
      expect(expected.length).toBeGreaterThan(0);
      const res = await get('partners', { filter: { service: 'haircut' }, range: [0, 999] });
      expect(res.status).toBe(200);
      expect(new Set(ids(res.body))).toEqual(new Set(expected));
      for (const p of res.body) expect(p.services).toContain('haircut');
      const combined = await get('partners', { filter: { service: 'haircut', status: 'active' }, range: [0, 999] });
      expect(new Set(ids(combined.body))).toEqual(new Set(res.body.filter((p: TestRow) => p.status === 'active').map((p: TestRow) => p.id)));
      const none = await get('partners', { filter: { service: 'no_such_service' } });
      expect(none.body).toEqual([]);
      expectError(await get('partners', { filter: { service: "haircut' OR 1=1 --" } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { service: ['haircut'] } }), 400, 'invalid_request');
    });
  });

  describe('injection and wildcards', () => {
    const NASTY = ["' OR 1=1 --", '%', '_', '"; DROP TABLE partners; --', "Robert'); DROP TABLE partners;--", '\\', '%%', 'a%b'];

    it.each(NASTY)('when q is %j, then 200 and no row is found by injection or wildcard', async (q) => {
      const res = await get('partners', { filter: { q }, range: [0, 999] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.headers['content-range']).toBe('partners */0');
    });

    it.each(NASTY)('when an equality filter value is %j, then 200, no rows, and the table survives', async (value) => {
      for (const field of ['city', 'reference', 'email']) {
        const res = await get('partners', { filter: { [field]: value } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      }
      const res = await get('partners', { filter: { city: [value, 'Paris'] }, range: [0, 999] });
      expect(new Set(ids(res.body))).toEqual(new Set(partners.filter((p) => p.city === 'Paris').map((p) => p.id)));
      expect(Number((await t.db('partners').count({ n: '*' }))[0].n)).toBe(totalPartners);
    });

    it('when q contains _ or %, then they match literally (services with an underscore in their code, not every service)', async () => {
      const all = await get('services', {});
      const withUnderscore = all.body.filter((s: TestRow) => String(s.id).includes('_') || String(s.name).includes('_'));
      expect(withUnderscore.length).toBeGreaterThan(0);
      expect(withUnderscore.length).toBeLessThan(all.body.length);
      const res = await get('services', { filter: { q: '_' } });
      expect(new Set(ids(res.body))).toEqual(new Set(ids(withUnderscore)));
      const pct = await get('services', { filter: { q: '%' } });
      expect(pct.body).toEqual([]);
      const pattern = await get('services', { filter: { q: 'sport_c' } });
      expect(ids(pattern.body)).toEqual(['sport_coaching']);
      // `_` must not act as "any one character": "sport_c" must not match "sportXc", nor "h_ircut" match "haircut".
      expect((await get('services', { filter: { q: 'h_ircut' } })).body).toEqual([]);
    });

    it('when SQL is sent in the sort field, then 400 and the table survives', async () => {
      expectError(await get('partners', { sort: ['id; DROP TABLE partners; --', 'ASC'] }), 400, 'invalid_request');
      expectError(await get('partners', { sort: ['(SELECT 1)', 'ASC'] }), 400, 'invalid_request');
      expect(Number((await t.db('partners').count({ n: '*' }))[0].n)).toBe(totalPartners);
    });
  });

  describe('q search', () => {
    const haystack = (p: TestRow) => fold([p.reference, p.firstName, p.lastName, p.email, p.phone, p.postcode, p.city, p.siren].join(' '));

    it.each([
      ['LEFEVRE', 'Lefèvre'],
      ['lefèvre', 'Lefèvre'],
      ['héléne', 'Hélène'],
      ['HELENE', 'Hélène'],
    ])('when searching %j, then every partner named %s is found, and only matches', async (q, name) => {
      const named = partners.filter((p) => p.lastName === name || p.firstName === name);
      expect(named.length, `the demo data has a partner named ${name}`).toBeGreaterThan(0);
      const res = await get('partners', { filter: { q }, range: [0, 999] });
      expect(res.status).toBe(200);
      const found = new Set(ids(res.body));
      for (const p of named) expect(found.has(p.id), `${p.firstName} ${p.lastName}`).toBe(true);
      const needle = fold(q);
      for (const p of res.body) expect(haystack(p)).toContain(needle);
      // Exactly the partners whose folded text contains the needle.
      expect(found).toEqual(new Set(partners.filter((p) => haystack(p).includes(needle)).map((p) => p.id)));
    });

    it('when searching several words in any order, then rows containing all of them are found', async () => {
      const p = partners.find((x) => x.firstName === 'Hélène')!;
      const a = await get('partners', { filter: { q: `${p.lastName.toUpperCase()} helene` }, range: [0, 999] });
      const b = await get('partners', { filter: { q: `  hélène   ${p.lastName} ` }, range: [0, 999] });
      expect(ids(a.body)).toContain(p.id);
      expect(ids(a.body)).toEqual(ids(b.body));
      for (const row of a.body) {
        expect(haystack(row)).toContain('helene');
        expect(haystack(row)).toContain(fold(p.lastName));
      }
      const nobody = await get('partners', { filter: { q: 'helene zzzzzz' } });
      expect(nobody.body).toEqual([]);
    });

    it('when searching a reference or a postcode, then it is found', async () => {
      const p = partners[12];
      const res = await get('partners', { filter: { q: p.reference.toLowerCase() } });
      expect(ids(res.body)).toEqual([p.id]);
      const byPostcode = await get('partners', { filter: { q: p.postcode }, range: [0, 999] });
      expect(ids(byPostcode.body)).toContain(p.id);
    });

    it('when searching clients and reviews, then the same folding applies', async () => {
      const clients = await t.db('clients').select('id', 'firstName', 'lastName');
      const helenes = clients.filter((c) => c.firstName === 'Hélène').map((c) => c.id);
      expect(helenes.length).toBeGreaterThan(0);
      const res = await get('clients', { filter: { q: 'HÉLÈNE' }, range: [0, 999] });
      for (const id of helenes) expect(ids(res.body)).toContain(id);
      const reviews = await t.db('reviews').select('id', 'comment');
      const decue = reviews.filter((r) => fold(String(r.comment ?? '')).includes('decue')).map((r) => r.id);
      expect(decue.length).toBeGreaterThan(0);
      const found = await get('reviews', { filter: { q: 'DECUE' }, range: [0, 999] });
      expect(new Set(ids(found.body))).toEqual(new Set(decue));
    });

    it('when q is used on a resource without search, or is not a string, then 400', async () => {
      expectError(await get('payments', { filter: { q: 'x' } }), 400, 'invalid_request');
      expectError(await get('partners', { filter: { q: ['a', 'b'] } }), 400, 'invalid_request');
    });

    it('when q is empty, then it is ignored', async () => {
      const res = await get('partners', { filter: { q: '' }, range: [0, 0] });
      expect(res.headers['content-range']).toBe(`partners 0-0/${totalPartners}`);
    });
  });
});
