/** Every failure leaves the server in the contract's error shape (CONTRACT.md "HTTP" → Errors). */
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../auth/authenticate';
import { ApiRouter } from '../http/apiRouter';
import { noContent } from '../http/answers';
import { AppError, errorHandler, notFoundHandler } from '../http/errors';
import { createTestApp, listUrl, type TestApp } from './harness';
import { expectError } from './helpers';

/** Markers of internals that must never reach a client. */
const LEAKS = [/\bat .+:\d+:\d+/, /node_modules/, /\.ts\b/, /stack/i, /select /i, /no such table/i, /relation .* does not exist/i, /payouts_hidden/];

function expectNoLeak(text: string) {
  for (const re of LEAKS) expect(text, `leaks ${re}`).not.toMatch(re);
}

describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['get', '/api/nope'],
    ['get', '/api/partners/1/nope'],
    ['post', '/api/nope'],
    ['delete', '/api/partners/1'],
    ['get', '/api'],
  ] as const)('when %s %s has no route, then 404 not_found in the contract shape (JSON, not HTML)', async (method, url) => {
    const agent = await t.as('admin');
    const res = await agent[method](url);
    const err = expectError(res, 404, 'not_found');
    expect(err.message).toMatch(new RegExp(`^Aucune route ${method.toUpperCase()} /\\S*\\.$`));
    // One language per message: English when asked, and only English (CONTRACT.md "HTTP").
    const en = expectError(await agent[method](url).set('Accept-Language', 'en-GB,en;q=0.9,fr;q=0.5'), 404, 'not_found');
    expect(en.message).toBe('No such endpoint.');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when an unknown /api route is called anonymously, then it is also 404 JSON (no SPA fallback under /api)', async () => {
    const res = await t.anonymous().get('/api/does-not-exist');
    expectError(res, 404, 'not_found');
    expect(res.text).not.toMatch(/<html/i);
  });

  describe('an unexpected error', () => {
    let logged: unknown[];
    let app: express.Express;
    beforeAll(() => {
      logged = [];
      const api = new ApiRouter(createAuthenticator(t.db, t.clock));
      api.add({ method: 'get', path: '/boom', access: { kind: 'public' }, summary: 'throws', tag: 'test', status: 200, answer: noContent }, () => {
        throw new Error('secret internals at /srv/app/server/x.ts:12:3');
      });
      api.add({ method: 'get', path: '/boom-async', access: { kind: 'public' }, summary: 'rejects', tag: 'test', status: 200, answer: noContent }, async () => {
        await Promise.resolve();
        throw new TypeError("Cannot read properties of undefined (reading 'stack')");
      });
      api.add({ method: 'get', path: '/boom-app', access: { kind: 'public' }, summary: 'AppError', tag: 'test', status: 200, answer: noContent }, () => {
        throw AppError.conflict('Quelqu’un a agi avant vous. / Someone acted first.', { version: 3 });
      });
      app = express();
      app.use('/api', express.json(), api.router, notFoundHandler);
      app.use(errorHandler((err) => logged.push(err)));
    });

    it('when a handler throws a plain Error, then 500 internal_error without stack or message, and the error is logged', async () => {
      const res = await request(app).get('/api/boom');
      const err = expectError(res, 500, 'internal_error');
      expect(err.details).toBeUndefined();
      expect(res.text).not.toContain('secret internals');
      expectNoLeak(res.text);
      expect(logged.some((e) => (e as Error).message?.includes('secret internals'))).toBe(true);
    });

    it('when an async handler rejects, then 500 internal_error as well (Express 5 catches promises)', async () => {
      const res = await request(app).get('/api/boom-async');
      expectError(res, 500, 'internal_error');
      expect(res.text).not.toContain('Cannot read properties');
      expect(logged.some((e) => e instanceof TypeError)).toBe(true);
    });

    it('when a handler throws an AppError, then its status, code and details are kept and nothing is logged', async () => {
      const before = logged.length;
      const res = await request(app).get('/api/boom-app');
      const err = expectError(res, 409, 'conflict');
      expect(err.details).toEqual({ version: 3 });
      expect(logged.length).toBe(before);
    });
  });

  it('when the database fails under a real route, then 500 internal_error with no SQL or table name in the body', async () => {
    const agent = await t.as('admin');
    expect((await agent.get(listUrl('payouts'))).status).toBe(200);
    await t.db.schema.renameTable('payouts', 'payouts_hidden');
    try {
      const res = await agent.get(listUrl('payouts'));
      const err = expectError(res, 500, 'internal_error');
      expect(err.details).toBeUndefined();
      expectNoLeak(res.text);
    } finally {
      await t.db.schema.renameTable('payouts_hidden', 'payouts');
    }
    expect((await agent.get(listUrl('payouts'))).status).toBe(200);
  });

  it('when a POST body is not JSON (text/plain or a form), then 400 invalid_request and nothing is written', async () => {
    const support = await t.as('support');
    const count = Number((await t.db('partners').count({ n: '*' }))[0].n);
    const text = await support.post('/api/partners').set('Content-Type', 'text/plain').send('{"firstName":"A","lastName":"B","email":"a@b.fr","vertical":"care"}');
    expectError(text, 400, 'invalid_request');
    const form = await support.post('/api/partners').type('form').send({ firstName: 'A', lastName: 'B', email: 'a@b.fr', vertical: 'care' });
    expectError(form, 400, 'invalid_request');
    const login = await t.anonymous().post('/api/auth/login').type('form').send({ email: 'admin@demo.test', password: 'demo1234' });
    expectError(login, 400, 'invalid_request');
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(Number((await t.db('partners').count({ n: '*' }))[0].n)).toBe(count);
  });

  it('when a PUT body is malformed JSON or not an object, then 400 invalid_request', async () => {
    const support = await t.as('support');
    expectError(await support.put('/api/partners/1').set('Content-Type', 'application/json').send('{"city": "Lyon",'), 400, 'invalid_request');
    expectError(await support.put('/api/partners/1').set('Content-Type', 'application/json').send('"Lyon"'), 400, 'invalid_request');
    expectError(await support.put('/api/partners/1').send(['Lyon']), 400, 'invalid_request');
  });

  it('when a JSON body is over 1 MB, then 413 file_too_large', async () => {
    const big = JSON.stringify({ email: 'admin@demo.test', password: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.anonymous().post('/api/auth/login').set('Content-Type', 'application/json').send(big);
    expectError(res, 413, 'file_too_large');
    const support = await t.as('support');
    const put = await support.put('/api/partners/1').send({ address: 'x'.repeat(1024 * 1024 + 10) });
    expectError(put, 413, 'file_too_large');
  });

  it('when a JSON body is just under 1 MB, then it is parsed (and refused on its merits, not its size)', async () => {
    const support = await t.as('support');
    const res = await support.put('/api/partners/1').send({ address: 'x'.repeat(1000 * 1000) });
    expectError(res, 400, 'invalid_request');
    expect(res.body.error.details).toMatchObject({ fields: { address: expect.any(String) } });
  });

  it('when a JSON body declares an unsupported charset, then 415', async () => {
    const res = await t.anonymous().post('/api/auth/login').set('Content-Type', 'application/json; charset=klingon').send('{}');
    expectError(res, 415, 'unsupported_file_type');
  });

  it('when any error is answered, then the API headers (no-store, nosniff) are still set', async () => {
    const res = await t.anonymous().get('/api/partners');
    expectError(res, 401, 'not_authenticated');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
