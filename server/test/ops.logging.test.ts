/**
 * Issue 8 — logs: one JSON line per request (request id, also in `X-Request-Id`; user id
 * and role; status; duration), unknown errors with their stack in the log and never in the
 * answer, and no personal data: a run of requests (sign-in, a partner with an e-mail, a
 * phone number and an IBAN, a search for that e-mail, a document upload) is captured and
 * grepped for every piece of it.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BuiltApp } from '../app';
import { fixedClock } from '../clock';
import { errorHandler } from '../http/errors';
import { captureStream, createLogger, requestLogger, scrubText, serializeError } from '../ops/logging';
import { findPersonalData } from '../ops/checkLogs';
import { DEMO_PASSWORD, seedDemo } from '../../db/seeds/demo';
import { demoPdf } from '../../db/seeds/demoFiles';
import { createTestDb, listUrl, testConfig, TEST_NOW, type TestDb } from './harness';

const PARTNER = {
  firstName: 'Camille',
  lastName: 'Journalisée',
  email: 'camille.journal@exemple.fr',
  phone: '06 12 34 56 78',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  vertical: 'wellness',
  services: ['haircut'],
};
const WRONG_PASSWORD = 'Pas-le-bon-M0t!';
const DOC_TEXT = 'CONTENU-CONFIDENTIEL-DU-DOCUMENT';
const compact = (s: string) => s.replace(/\s/g, '');

describe('request logs', () => {
  let testDb: TestDb;
  let built: BuiltApp;
  const out = captureStream();
  let cookie = '';

  beforeAll(async () => {
    testDb = await createTestDb();
    await seedDemo(testDb.db, { now: TEST_NOW });
    const logger = createLogger({ level: 'debug', destination: out });
    built = createApp({ db: testDb.db, config: testConfig(), clock: fixedClock(TEST_NOW), spaDir: path.join(tmpdir(), 'no-spa-in-tests'), logger });

    const agent = request.agent(built.app);
    expect((await agent.post('/api/auth/login').send({ email: 'support@demo.test', password: WRONG_PASSWORD })).status).toBe(401);
    const login = await agent.post('/api/auth/login').send({ email: 'support@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const created = await agent.post('/api/partners').send(PARTNER);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect((await agent.get(listUrl('partners', { filter: { q: PARTNER.email } }))).status).toBe(200);
    expect((await agent.get(`/api/partners?filter=${encodeURIComponent(JSON.stringify({ q: PARTNER.phone }))}`)).status).toBe(200);
    // A path segment is whatever the caller typed: a phone number pasted where an id goes.
    expect((await agent.get(`/api/partners/${compact(PARTNER.phone)}`)).status).toBe(404);
    const upload = await agent
      .post(`/api/partners/${id}/documents`)
      .field('type', 'identity')
      .attach('file', demoPdf([DOC_TEXT, PARTNER.email]), { filename: 'camille.journal@exemple.fr.pdf', contentType: 'application/pdf' });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    expect((await agent.put(`/api/partners/${id}`).send({ ...PARTNER, iban: 'FR7630006000011234567890189', services: ['haircut'], radiusKm: 10, weeklyHours: [] })).status).toBeLessThan(500);
    expect((await agent.get(`/api/partners/${id}`).set('Authorization', 'Bearer secret-token-abcdef')).status).toBe(200);
    expect((await request(built.app).post('/api/auth/logout').set('Cookie', cookie)).status).toBeLessThan(500);
  });
  afterAll(async () => {
    built?.close();
    await testDb?.cleanup();
  });

  it('when requests are served, then each leaves one JSON line with its request id, status, duration, and the caller when signed in', () => {
    const lines = out.lines.filter((l) => l.req);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      expect(line).toMatchObject({ requestId: expect.any(String), res: { statusCode: expect.any(Number) }, durationMs: expect.any(Number), time: expect.any(String) });
    }
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(lines.length);
    const create = lines.find((l) => (l.req as { method: string; url: string }).method === 'POST' && (l.req as { url: string }).url === '/api/partners');
    expect(create).toMatchObject({ level: 'info', userId: expect.any(Number), role: 'support', res: { statusCode: 201 } });
    const failedLogin = lines.find((l) => (l.res as { statusCode: number }).statusCode === 401);
    expect(failedLogin).toMatchObject({ level: 'warn' });
    expect(failedLogin).not.toHaveProperty('userId');
  });

  it('when the logs are grepped for the personal data that went through, then none of it is there', () => {
    const text = out.text();
    const secrets = [
      PARTNER.email,
      encodeURIComponent(PARTNER.email),
      'support@demo.test',
      PARTNER.phone,
      compact(PARTNER.phone),
      PARTNER.iban,
      compact(PARTNER.iban),
      DEMO_PASSWORD,
      WRONG_PASSWORD,
      DOC_TEXT,
      'secret-token-abcdef',
      'Journalisée',
      cookie.split('=')[1],
    ];
    for (const secret of secrets) expect(text, `"${secret}" in the logs`).not.toContain(secret);
    expect(text).not.toMatch(/cookie|authorization|set-cookie/i);
    // The masked search is still there for the operator.
    expect(text).toContain('[email]');
    // The same grep `npm run test:logs` runs over a whole test run's TEST_LOG_FILE.
    expect(findPersonalData(text)).toEqual({ requests: out.lines.filter((l) => l.req).length, findings: [] });
    const leaky = JSON.stringify({ requestId: 'x', req: { method: 'GET', url: `/api/x?q=${PARTNER.email}` }, msg: `IBAN ${PARTNER.iban}` });
    expect(findPersonalData(leaky).findings.map((f) => `${f.what} in ${f.field}`)).toEqual(expect.arrayContaining(['an e-mail address in req.url', 'an IBAN in msg']));
  });

  it('when a request carries a sane X-Request-Id, then it is kept and returned; a strange one is replaced', async () => {
    const kept = await request(built.app).get('/api/health').set('X-Request-Id', 'lb-1234abcd-5678');
    expect(kept.headers['x-request-id']).toBe('lb-1234abcd-5678');
    expect(out.lines.at(-1)).toMatchObject({ requestId: 'lb-1234abcd-5678', level: 'debug' });
    const replaced = await request(built.app).get('/api/health').set('X-Request-Id', 'x\u00e9<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await request(built.app).get('/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).not.toBe(replaced.headers['x-request-id']);
  });
});

describe('unknown errors', () => {
  it('when a route throws, then the 500 has no internals and the log line has the stack, with personal data masked', async () => {
    const out = captureStream();
    const app = express();
    app.use(requestLogger(createLogger({ destination: out })));
    app.get('/boom', () => {
      throw new Error('duplicate key (email)=(jeanne.martin@exemple.fr) phone +33 6 11 22 33 44 iban FR7630006000011234567890189');
    });
    app.use(errorHandler(() => {}));
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/duplicate|at |\.ts/);
    const line = out.lines.find((l) => l.err) as { level: string; err: { message: string; stack: string }; requestId: string };
    expect(line.level).toBe('error');
    expect(line.err.stack).toMatch(/ops\.logging\.test\.ts/);
    expect(line.err.message).toBe('duplicate key (email)=([email]) phone [number] iban [iban]');
    expect(res.headers['x-request-id']).toBe(line.requestId);
    expect(out.text()).not.toMatch(/jeanne|FR763000|11 22 33/);
  });

  it('scrubText masks e-mails, IBANs (grouped or not) and phone numbers, and leaves dates, ids and durations', () => {
    expect(scrubText('a@b.fr, FR76 3000 6000 0112 3456 7890 189, 0612345678, 06.12.34.56.78, +33 6 12 34 56 78')).toBe('[email], [iban], [number], [number], [number]');
    expect(scrubText('order 1234 on 2026-11-20T10:00:00.000Z took 35 ms')).toBe('order 1234 on 2026-11-20T10:00:00.000Z took 35 ms');
    expect(serializeError(Object.assign(new Error('x@y.fr'), { detail: 'Key (email)=(x@y.fr)', code: '23505' }))).toEqual({
      type: 'Error',
      code: '23505',
      message: '[email]',
      stack: expect.stringContaining('[email]'),
    });
  });
});
