/**
 * The route × role walk (every declared route, every role and anonymous), the
 * cross-site request guard, and the masking of sensitive fields (CONTRACT.md
 * "Demo accounts", "HTTP").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Role } from '../../shared/permissions';
import type { RouteRow } from './helpers';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seeds/demo';
import { createTestApp, listUrl, type TestApp } from './harness';
import { collectRoutes, expectError, MASKED_IBAN, routeKey, VALID_IBAN } from './helpers';

const table = await collectRoutes();
afterAll(() => table.dispose());

type Who = Role | 'anonymous';
const WHO: readonly Who[] = [...ROLES, 'anonymous'];

/** An existing id for each resource's `:id` (services are keyed by code; the others' id 1 exists in the seed). */
function concretePath(route: RouteRow): string {
  const resource = route.path.split('/')[1];
  return `/api${route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' && resource === 'services' ? 'haircut' : '1'))}`;
}

type Expectation = 'pass' | 401 | 403;

function expected(route: RouteRow, who: Who): Expectation {
  const access = route.access;
  switch (access.kind) {
    case 'public':
      return 'pass';
    case 'session':
      return who === 'anonymous' ? 401 : 'pass';
    case 'app':
      // The engine API takes an app token, never a staff session.
      return 401;
    case 'permission':
      if (who === 'anonymous') return 401;
      return can(who, access.resource, access.action) ? 'pass' : 403;
  }
}

const cases = table.routes.flatMap((route) =>
  WHO.map((who) => {
    const exp = expected(route, who);
    return {
      key: routeKey(route),
      route,
      who,
      exp,
      label: exp === 'pass' ? 'is let through (never 401/403)' : exp === 401 ? 'is 401 not_authenticated' : 'is 403 forbidden',
    };
  }),
);

const SENSITIVE_VIEWERS: readonly Role[] = ['support', 'admin'];
const MASKED_FOR: readonly Role[] = ROLES.filter((r) => !SENSITIVE_VIEWERS.includes(r));

describe('permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when the walk table is built, then it is exactly the app’s declared routes', () => {
    expect(table.routes.map(routeKey)).toEqual(t.built.routes.map(routeKey));
    expect(table.routes.map((r) => r.access)).toEqual(t.built.routes.map((r) => r.access));
    expect(table.routes.length).toBeGreaterThan(30);
    expect(new Set(table.routes.map(routeKey)).size).toBe(table.routes.length);
  });

  it('when a route needs a permission, then its resource and action exist in the permission table for at least admin', () => {
    for (const route of t.built.routes) {
      if (route.access.kind !== 'permission') continue;
      expect(can('admin', route.access.resource, route.access.action), routeKey(route)).toBe(true);
    }
  });

  describe('the walk: every route × every role', () => {
    /** Sign-out routes get a fresh signed-in agent so that they do not end the shared session. */
    async function agentFor(who: Who, route: RouteRow): Promise<request.Agent> {
      if (who === 'anonymous') return t.anonymous();
      if (route.path.startsWith('/auth/logout')) {
        const user = DEMO_USERS.find((u) => u.role === who)!;
        const agent = t.anonymous();
        const res = await agent.post('/api/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
        expect(res.status).toBe(200);
        return agent;
      }
      return t.as(who);
    }

    it.each(cases.map((c) => [c.who, c.key, c.label, c] as const))('when %s calls %s, then it %s', async (_who, _key, _label, { route, who, exp }) => {
      const agent = await agentFor(who, route);
      const url = concretePath(route);
      let req = agent[route.method](url);
      if (route.method === 'post' || route.method === 'put') req = req.send({});
      const res = await req;
      if (exp === 'pass') {
        expect(res.status, `${routeKey(route)} as ${who}: ${res.status} ${JSON.stringify(res.body)}`).not.toBe(401);
        expect(res.status, `${routeKey(route)} as ${who}: ${res.status} ${JSON.stringify(res.body)}`).not.toBe(403);
        expect(res.status).toBeLessThan(500);
      } else {
        expectError(res, exp, exp === 401 ? 'not_authenticated' : 'forbidden');
      }
    });
  });

  describe('cross-site request forgery', () => {
    // A server of our own on a known port, so that the test computes the app's own
    // origin exactly as a browser would (scheme://host:port the request goes to).
    let server: Server;
    let base: string;
    let support: request.Agent;
    beforeAll(async () => {
      server = createServer(t.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      support = request.agent(base);
      const login = await support.post('/api/auth/login').send({ email: 'support@demo.test', password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    it('when a signed-in browser sends a POST/PUT from another Origin, then 403 cross_site and nothing changes', async () => {
      const before = await t.db('partners').where('id', 2).first();
      const put = await support.put('/api/partners/2').set('Origin', 'https://evil.example').send({ city: 'Evilville' });
      expect(expectError(put, 403, 'forbidden').details).toEqual({ reason: 'cross_site' });
      const after = await t.db('partners').where('id', 2).first();
      expect(after.city).toBe(before.city);

      const count = Number((await t.db('partners').count({ n: '*' }))[0].n);
      const post = await support
        .post('/api/partners')
        .set('Origin', 'https://evil.example')
        .send({ firstName: 'Eve', lastName: 'Evil', email: 'eve@evil.example', vertical: 'care' });
      expect(expectError(post, 403, 'forbidden').details).toEqual({ reason: 'cross_site' });
      expect(Number((await t.db('partners').count({ n: '*' }))[0].n)).toBe(count);
    });

    it('when the Origin is the app’s host on another port or scheme, or "null", then it is refused too', async () => {
      const own = new URL(base);
      for (const origin of [`http://127.0.0.1:${Number(own.port) + 1}`, `https://${own.host}`, 'null', `${base}.evil.example`]) {
        const res = await support.put('/api/partners/2').set('Origin', origin).send({ city: 'Elsewhere' });
        expect(expectError(res, 403, 'forbidden').details, origin).toEqual({ reason: 'cross_site' });
      }
      expect((await t.db('partners').where('id', 2).first()).city).not.toBe('Elsewhere');
    });

    it('when a cross-site sign-in is attempted, then 403 and no session is created', async () => {
      const res = await t
        .anonymous()
        .post('/api/auth/login')
        .set('Origin', 'https://evil.example')
        .send({ email: 'support@demo.test', password: DEMO_PASSWORD });
      expect(expectError(res, 403, 'forbidden').details).toEqual({ reason: 'cross_site' });
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('when Sec-Fetch-Site says cross-site (or same-site) and there is no Origin, then 403', async () => {
      const res = await support.put('/api/partners/2').set('Sec-Fetch-Site', 'cross-site').send({ city: 'Evilville' });
      expect(expectError(res, 403, 'forbidden').details).toEqual({ reason: 'cross_site' });
      const sibling = await support.put('/api/partners/2').set('Sec-Fetch-Site', 'same-site').send({ city: 'Evilville' });
      expect(expectError(sibling, 403, 'forbidden').details).toEqual({ reason: 'cross_site' });
      expect((await t.db('partners').where('id', 2).first()).city).not.toBe('Evilville');
    });

    it('when the Origin is the app’s own (scheme, host and port the request went to), then the write is allowed', async () => {
      const res = await support.put('/api/partners/2').set('Origin', base).set('Sec-Fetch-Site', 'same-origin').send({ city: 'Lyon' });
      expect(res.status).toBe(200);
      expect(res.body.city).toBe('Lyon');
    });

    it('when a script sends neither Origin nor Sec-Fetch-Site, then the session cookie alone is enough', async () => {
      const res = await support.put('/api/partners/2').send({ city: 'Nantes' });
      expect(res.status).toBe(200);
      expect((await t.db('partners').where('id', 2).first()).city).toBe('Nantes');
    });

    it('when a cross-site GET arrives, then reads are not blocked by the guard (no state change)', async () => {
      const res = await support.get('/api/partners/2').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site');
      expect(res.status).toBe(200);
    });
  });

  describe('masking of iban and birthDate', () => {
    const PARTNER_ID = 5;
    let real: { iban: string; birthDate: string };
    beforeAll(async () => {
      real = await t.db('partners').select('iban', 'birthDate').where('id', PARTNER_ID).first();
      expect(real.iban).toMatch(/^FR\d{2}/);
      expect(real.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    function expectMasked(row: { iban?: unknown; birthDate?: unknown }, actual: { iban: string; birthDate: string }) {
      expect(row.iban).toMatch(MASKED_IBAN);
      expect(row.iban).not.toBe(actual.iban);
      expect(String(row.iban).slice(0, 4)).toBe(actual.iban.slice(0, 4));
      expect(String(row.iban).slice(-4)).toBe(actual.iban.slice(-4));
      expect(row.birthDate).not.toBe(actual.birthDate);
      expect(String(row.birthDate)).not.toMatch(/\d/);
    }

    it.each(SENSITIVE_VIEWERS)('when %s reads a partner (list and show), then iban and birthDate are in full', async (role) => {
      const agent = await t.as(role);
      const list = await agent.get(listUrl('partners', { filter: { id: [PARTNER_ID] } }));
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0].iban).toBe(real.iban);
      expect(list.body[0].birthDate).toBe(real.birthDate);
      const show = await agent.get(`/api/partners/${PARTNER_ID}`);
      expect(show.body.iban).toBe(real.iban);
      expect(show.body.birthDate).toBe(real.birthDate);
    });

    it.each(MASKED_FOR)('when %s reads a partner (list and show), then iban and birthDate are masked', async (role) => {
      const agent = await t.as(role);
      const list = await agent.get(listUrl('partners', { filter: { id: [PARTNER_ID] } }));
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(1);
      expectMasked(list.body[0], real);
      const show = await agent.get(`/api/partners/${PARTNER_ID}`);
      expect(show.status).toBe(200);
      expectMasked(show.body, real);
      // Nowhere in the answers, whatever the field.
      expect(list.text).not.toContain(real.iban);
      expect(show.text).not.toContain(real.iban);
      expect(show.text).not.toContain(real.birthDate);
    });

    it.each(MASKED_FOR)('when %s lists every partner, then no row carries a full iban or birthDate', async (role) => {
      const agent = await t.as(role);
      const list = await agent.get(listUrl('partners', { range: [0, 999] }));
      expect(list.status).toBe(200);
      const withIban = list.body.filter((p: { iban: string | null }) => p.iban !== null);
      expect(withIban.length).toBeGreaterThan(0);
      for (const p of withIban) expect(p.iban).toMatch(MASKED_IBAN);
      for (const p of list.body) if (p.birthDate !== null) expect(p.birthDate).not.toMatch(/\d/);
    });

    describe('inside the audit trail', () => {
      let oldIban: string;
      let newIban: string;
      beforeAll(async () => {
        oldIban = real.iban;
        const support = await t.as('support');
        const res = await support.put(`/api/partners/${PARTNER_ID}`).send({ iban: VALID_IBAN });
        expect(res.status).toBe(200);
        newIban = res.body.iban;
        expect(newIban.replace(/\s/g, '')).toBe(VALID_IBAN);
      });

      async function auditRow(role: Role) {
        const agent = await t.as(role);
        const res = await agent.get(
          listUrl('audit-log', { filter: { resource: 'partners', resourceId: String(PARTNER_ID), action: 'partners.update' }, sort: ['id', 'DESC'] }),
        );
        expect(res.status).toBe(200);
        expect(res.body.length).toBeGreaterThanOrEqual(1);
        return { row: res.body[0], text: res.text, agent };
      }

      it.each(SENSITIVE_VIEWERS)('when %s reads the audit row of an IBAN change, then before and after show the IBANs in full', async (role) => {
        const { row } = await auditRow(role);
        expect(row.before.iban).toBe(oldIban);
        expect(row.after.iban).toBe(newIban);
        expect(row.before.birthDate).toBe(real.birthDate);
      });

      it.each(MASKED_FOR)('when %s reads the audit row of an IBAN change (list and show), then before and after are masked', async (role) => {
        const { row, text, agent } = await auditRow(role);
        expectMasked(row.before, { iban: oldIban, birthDate: real.birthDate });
        expectMasked(row.after, { iban: newIban, birthDate: real.birthDate });
        expect(text).not.toContain(oldIban);
        expect(text).not.toContain(newIban);
        const show = await agent.get(`/api/audit-log/${row.id}`);
        expect(show.status).toBe(200);
        expectMasked(show.body.before, { iban: oldIban, birthDate: real.birthDate });
        expectMasked(show.body.after, { iban: newIban, birthDate: real.birthDate });
        expect(show.text).not.toContain(oldIban);
      });
    });

    it.each([
      ['filter on iban', { filter: { iban: 'FR7612037485065304333721291' } }],
      ['filter on birthDate', { filter: { birthDate: '1975-07-18' } }],
      ['range filter on birthDate', { filter: { birthDate_gte: '1975-01-01' } }],
      ['list filter on iban', { filter: { iban: ['FR76'] } }],
      ['sort on iban', { sort: ['iban', 'ASC'] as [string, string] }],
      ['sort on birthDate', { sort: ['birthDate', 'DESC'] as [string, string] }],
    ])('when ops tries a %s, then 400 invalid_request (no oracle on hidden values)', async (_name, q) => {
      const ops = await t.as('ops');
      expectError(await ops.get(listUrl('partners', q)), 400, 'invalid_request');
    });

    it('when ops searches q with a partner’s full IBAN or birth date, then nothing is found (search is no oracle)', async () => {
      const p = await t.db('partners').select('iban', 'birthDate').where('id', 1).first();
      const ops = await t.as('ops');
      for (const q of [p.iban, p.iban.slice(4, 14), p.birthDate]) {
        const res = await ops.get(listUrl('partners', { filter: { q } }));
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      }
    });
  });
});
