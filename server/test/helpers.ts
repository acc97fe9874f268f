/**
 * Small helpers shared by the server suites: the contract's error shape, the route
 * table known at collection time (for tables of `it.each` cases), and an
 * accent-folding function written independently of the app's own.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import { expect } from 'vitest';
import type { Response } from 'supertest';
import { createApp } from '../app';
import { fixedClock } from '../clock';
import { createDb } from '../db';
import { migrateLatest } from '../../db/migrate';
import type { Access, Method } from '../http/apiRouter';
import { TEST_NOW, testConfig } from './harness';
import type { JsonObject } from '../../shared/json';

/**
 * A database row or an answer's record as a test reads it: every field reachable without a
 * cast, so that an assertion states what it expects, not how to reach it.
 */
export type TestRow = Record<string, any>;

/** Asserts the contract's error shape `{error: {code, message, details?}}` with the given status and code. */
export function expectError(res: Response, status: number, code: string): { code: string; message: string; details?: JsonObject } {
  expect(res.status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['error']);
  const err = res.body.error;
  expect(err.code).toBe(code);
  expect(typeof err.message).toBe('string');
  expect(err.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(err)) expect(['code', 'message', 'details']).toContain(key);
  if ('details' in err) expect(typeof err.details).toBe('object');
  return err;
}

export interface RouteRow {
  method: Method;
  path: string;
  access: Access;
}

/**
 * The app's declared routes, known before any test runs (so that `it.each` can name a
 * case per route): the real createApp on a throw-away in-memory database. The suites
 * check that this table equals `t.built.routes` of their own app.
 */
export async function collectRoutes(): Promise<{ routes: RouteRow[]; dispose(): Promise<void> }> {
  const db = createDb(':memory:');
  await migrateLatest(db);
  const built = createApp({ db, config: testConfig(), clock: fixedClock(TEST_NOW), spaDir: path.join(tmpdir(), 'no-spa-in-tests'), log: () => {} });
  const routes = built.routes.map(({ method, path: p, access }) => ({ method, path: p, access }));
  return {
    routes,
    async dispose() {
      built.close();
      await db.destroy();
    },
  };
}

export function routeKey(r: { method: string; path: string }): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

/** Case- and accent-insensitive comparison form, independent of shared/text.ts. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function ids(rows: Array<{ id: unknown }>): unknown[] {
  return rows.map((r) => r.id);
}

/** A valid French IBAN (the contract's own example). */
export const VALID_IBAN = 'FR7630006000011234567890189';

/** The IBAN mask of CONTRACT.md, e.g. `FR76 •••• 0189`. */
export const MASKED_IBAN = /^[A-Z]{2}\d{2} •••• \w{4}$/;
