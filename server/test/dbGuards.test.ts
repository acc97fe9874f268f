/**
 * Guard rails of the database handle: a statement PostgreSQL cancels (statement_timeout, code
 * 57014) answers a clear 503 in the contract's shape, never a bare 500 with internals; the pool
 * and the timeout come from DATABASE_POOL_MAX and DATABASE_STATEMENT_TIMEOUT_MS. The real
 * cancellation by PostgreSQL is in dbGuards.pg.test.ts.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseSettingsFromEnv, DATABASE_DEFAULTS } from '../config';
import { createDb } from '../db';
import { failingApp } from './failingApp';
import { expectError } from './helpers';

describe('database guard rails', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['DATABASE_POOL_MAX', 'DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_POOL_QUEUE_LIMIT']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('a statement cancelled by PostgreSQL (57014) is a 503 database_timeout in French, without internals, and logged', async () => {
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', routine: 'ProcessInterrupts', where: 'SELECT secret FROM payouts_hidden' });
    const { app, logged } = failingApp(() => Promise.reject(cancelled));
    const res = await request(app).get('/fail');
    const err = expectError(res, 503, 'database_timeout');
    expect(err.message).toMatch(/^La base de données n’a pas répondu à temps/);
    expect(res.text).not.toMatch(/canceling|statement timeout|payouts_hidden|ProcessInterrupts/);
    expect(logged).toEqual([cancelled]);
  });

  it('any other database error stays a 500 internal_error', async () => {
    const { app } = failingApp(() => Promise.reject(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' })));
    expectError(await request(app).get('/fail'), 500, 'internal_error');
  });

  it('DATABASE_POOL_MAX, DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_POOL_QUEUE_LIMIT are read, with their defaults, and refused when malformed', async () => {
    for (const name of ['DATABASE_POOL_MAX', 'DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_POOL_QUEUE_LIMIT']) delete process.env[name];
    expect(databaseSettingsFromEnv()).toEqual({ poolMax: 10, statementTimeoutMs: 15_000, poolQueueLimit: 50 });
    expect(DATABASE_DEFAULTS).toEqual({ poolMax: 10, statementTimeoutMs: 15_000, poolQueueLimit: 50 });
    process.env.DATABASE_POOL_MAX = '3';
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '0';
    process.env.DATABASE_POOL_QUEUE_LIMIT = '7';
    expect(databaseSettingsFromEnv()).toEqual({ poolMax: 3, statementTimeoutMs: 0, poolQueueLimit: 7 });
    // A PostgreSQL handle takes them (no connection is opened to read the pool's size).
    const db = createDb('postgres://nobody@127.0.0.1:1/none');
    try {
      expect((db.client as { pool: { max: number } }).pool.max).toBe(3);
      expect((db.client.config.connection as { statement_timeout: number }).statement_timeout).toBe(0);
    } finally {
      await db.destroy();
    }
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '-1';
    expect(() => databaseSettingsFromEnv()).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '15000';
    process.env.DATABASE_POOL_MAX = '0';
    expect(() => databaseSettingsFromEnv()).toThrow(/DATABASE_POOL_MAX/);
  });
});
