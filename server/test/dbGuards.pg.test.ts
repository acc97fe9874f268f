/**
 * PostgreSQL cancels a statement that runs longer than DATABASE_STATEMENT_TIMEOUT_MS (set on
 * every connection, server/db.ts), and the request that ran it answers 503 database_timeout.
 * PostgreSQL only: vitest.config.ts includes `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { expectError } from './helpers';
import { failingApp } from './failingApp';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

describe('statement_timeout on PostgreSQL', () => {
  const db = createDb(PG_URL, { poolMax: 1, statementTimeoutMs: 200 });
  afterAll(async () => {
    await db.destroy();
  });

  it('every connection carries the timeout, a longer statement is cancelled (57014) and its request answers 503; the connection serves the next query', async () => {
    const shown = (await db.raw('SHOW statement_timeout')) as { rows: { statement_timeout: string }[] };
    expect(shown.rows[0].statement_timeout).toBe('200ms');
    const { app, logged } = failingApp(() => db.raw('SELECT pg_sleep(2)').then((r: unknown) => r));
    const res = await request(app).get('/fail');
    expectError(res, 503, 'database_timeout');
    expect((logged[0] as { code?: string }).code).toBe('57014');
    expect(((await db.raw('SELECT 1 AS one')) as { rows: { one: number }[] }).rows).toEqual([{ one: 1 }]);
  });
});
