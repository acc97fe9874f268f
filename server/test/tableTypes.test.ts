/**
 * The row types (server/data/tables.ts) follow the migrations: a migration that adds or
 * changes a column without regenerating them fails here, naming the command to run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db';
import { PROJECT_ROOT } from '../config';
import { migrateLatest } from '../../db/migrate';
import { renderTableTypes } from '../../db/tableTypes';

describe('the generated row types', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'table-types-test-'));
  let db: Db;
  beforeAll(async () => {
    db = createDb(path.join(dir, 'schema.sqlite'));
    await migrateLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the migrations run, then server/data/tables.ts is what scripts/generate-table-types.ts writes from their schema', async () => {
    const expected = await renderTableTypes(db);
    const actual = readFileSync(path.join(PROJECT_ROOT, 'server', 'data', 'tables.ts'), 'utf8');
    expect(actual, 'server/data/tables.ts is behind the migrations: run npx tsx scripts/generate-table-types.ts').toBe(expected);
  });

  it('when a column is nullable or an instant, then its type says so (both databases’ values)', async () => {
    const text = await renderTableTypes(db);
    expect(text).toMatch(/export type PartnersRow = \{[^}]*\n {2}siren: string \| null;/);
    expect(text).toMatch(/export type OrdersRow = \{[^}]*\n {2}startsAt: Instant;/);
    expect(text).toMatch(/export type UsersRow = \{[^}]*\n {2}active: Flag;/);
    expect(text).not.toMatch(/_search/);
  });
});
