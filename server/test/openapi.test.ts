/**
 * The OpenAPI document is true: valid OpenAPI 3.1 (swagger-parser), generated from each
 * route's own declaration (success status, answer body, access rule) — and the router checks
 * every success answer against that declaration under the test suites (answerCheck.ts).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can } from '../../shared/permissions';
import { createAuthenticator } from '../auth/authenticate';
import { ApiRouter, type RouteMeta } from '../http/apiRouter';
import { isJsonAnswer, noContent, pdfAnswer } from '../http/answers';
import { errorHandler, notFoundHandler } from '../http/errors';
import { createTestApp, type TestApp } from './harness';
import type { TestRow } from './helpers';

const pathOf = (route: RouteMeta) => `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: TestRow;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    doc = (await t.anonymous().get('/api/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('when it is validated by swagger-parser, then it is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect(Object.keys(api.paths ?? {}).length).toBeGreaterThan(50);
  });

  it('when it is read, then no schema uses `nullable` (removed in 3.1: null is a type)', () => {
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
  });

  it('when each route is looked up, then its documented success statuses are exactly the ones it declares', () => {
    const wrong: string[] = [];
    for (const route of t.built.routes) {
      const op = doc.paths[pathOf(route)]?.[route.method];
      const documented = Object.keys(op?.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number).sort();
      const declared = [route.status].flat().slice().sort();
      if (JSON.stringify(documented) !== JSON.stringify(declared)) wrong.push(`${route.method} ${route.path}: ${documented} ≠ ${declared}`);
    }
    expect(wrong).toEqual([]);
  });

  it('when each route is looked up, then every success answer has a body schema (JSON), a content type (file) or is a 204', () => {
    const empty: string[] = [];
    for (const route of t.built.routes) {
      const op = doc.paths[pathOf(route)][route.method];
      for (const status of [route.status].flat()) {
        const content = op.responses[String(status)].content as TestRow | undefined;
        if (status === 204) {
          if (content) empty.push(`${route.method} ${route.path} 204 has content`);
          continue;
        }
        const json = content?.['application/json']?.schema;
        if (isJsonAnswer(route.answer) ? !json || Object.keys(json).length === 0 : !content || Object.keys(content).length === 0) empty.push(`${route.method} ${route.path}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('when a route needs a permission, then its description names exactly the roles the permission table lets through', () => {
    for (const route of t.built.routes) {
      const description: string = doc.paths[pathOf(route)][route.method].description;
      expect(description, `${route.method} ${route.path}`).toMatch(/^Access: /);
      if (route.access.kind !== 'permission') continue;
      const { resource, action } = route.access;
      const roles = ROLES.filter((r) => can(r, resource, action));
      expect(description).toContain(`roles ${roles.join(', ')};`);
    }
  });

  it('when signals are filed, then the document does not say ops may (the permission table refuses them)', () => {
    const description: string = doc.paths['/api/signals'].post.description;
    expect(description).not.toMatch(/\bops\b/);
    expect(description).toMatch(/mediator/);
  });

  it('when a record is answered, then its schema is the resource component, with null as a type for nullable fields', () => {
    expect(doc.paths['/api/partners/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Partners' });
    expect(doc.components.schemas.Partners.properties.phone.type).toEqual(['string', 'null']);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });
});

describe('the answer check of the test suites', () => {
  let app: express.Express;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    const api = new ApiRouter(createAuthenticator(t.db, t.clock));
    const answer = z.strictObject({ ok: z.literal(true) });
    const route = (path: string, extra: Partial<RouteMeta> = {}): RouteMeta => ({ method: 'get', path, access: { kind: 'public' }, summary: path, tag: 'test', status: 200, answer, ...extra });
    api.add(route('/kept'), (_req, res) => void res.json({ ok: true }));
    api.add(route('/wrong-status'), (_req, res) => void res.status(201).json({ ok: true }));
    api.add(route('/wrong-body'), (_req, res) => void res.json({ ok: 'yes', extra: 1 }));
    api.add(route('/wrong-type', { answer: pdfAnswer }), (_req, res) => void res.type('text/html').send('<p>'));
    api.add(route('/empty', { status: 204, answer: noContent }), (_req, res) => void res.status(204).end());
    api.add(route('/error'), (_req, res) => void res.status(404).json({ error: { code: 'not_found', message: 'no' } }));
    app = express();
    app.use('/api', api.router, notFoundHandler);
    app.use(errorHandler(() => {}));
  });
  afterAll(() => t.close());

  it('when a route answers as declared, then the answer goes out unchanged', async () => {
    expect((await request(app).get('/api/kept')).body).toEqual({ ok: true });
    expect((await request(app).get('/api/empty')).status).toBe(204);
    expect((await request(app).get('/api/error')).status).toBe(404);
  });

  it('when a route answers another success status, then 500 answer_contract naming both', async () => {
    const res = await request(app).get('/api/wrong-status');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('answer_contract');
    expect(res.body.error.message).toContain('answered 201, declared 200');
  });

  it('when a route answers a body its schema refuses, then 500 answer_contract naming the field', async () => {
    const res = await request(app).get('/api/wrong-body');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(/ok:/);
  });

  it('when a file route sends another content type, then 500', async () => {
    const res = await request(app).get('/api/wrong-type');
    expect(res.status).toBe(500);
    expect(res.headers['x-answer-contract']).toContain('declared application/pdf');
  });
});
