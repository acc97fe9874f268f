/**
 * The read caches' invalidation (server/data/tableChanges.ts): a write names its table
 * through the query builder, a raw write drops everything, a transaction's tables move again
 * at its end, and on PostgreSQL a write committed by another instance reaches this one
 * through migration 020's notifications. Runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestDb, type TestDb } from './harness';
import { isPostgres } from '../db';
import { tableChanges } from '../data/tableChanges';
import { TABLE_NAMES, type ServicesRow } from '../data/tables';
import { cachedCount } from '../http/readCache';

async function until(check: () => boolean, ms = 3_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

function insertService(db: Knex, id: string) {
  return db<ServicesRow>('services').insert({ id, vertical: 'wellness', name: id, durationMin: 60, priceCents: 5000, partnerPayCents: 4000, regulated: false, searchText: id });
}

describe('tableChanges', () => {
  let t: TestDb;
  let db: Knex;
  beforeAll(async () => {
    t = await createTestDb();
    db = t.db;
    // PostgreSQL: the caches are used once the listener is connected.
    expect(await until(() => tableChanges(db).live)).toBe(true);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('a builder write changes the stamp of its table only', async () => {
    const changes = tableChanges(db);
    const services = changes.stampOfTables(['services']);
    const users = changes.stampOfTables(['users']);
    await insertService(db, 'probe_builder');
    expect(changes.stampOfTables(['services'])).not.toBe(services);
    expect(changes.stampOfTables(['users'])).toBe(users);
  });

  it('a read changes nothing; a raw write changes every stamp', async () => {
    const changes = tableChanges(db);
    const users = changes.stampOfTables(['users']);
    await db('users').select('id');
    await db.raw('select count(*) from services');
    expect(changes.stampOfTables(['users'])).toBe(users);
    await db.raw(`update services set "name" = 'x' where id = 'nothing'`);
    expect(changes.stampOfTables(['users'])).not.toBe(users);
  });

  it('a read depends on every table its SQL names, subqueries included', () => {
    const changes = tableChanges(db);
    const sql = db('partners').whereIn('id', db('partnerServices').select('partnerId').where('serviceCode', 'x')).toSQL().sql;
    const before = changes.stampOf(sql);
    changes.noteWrite('partnerServices');
    expect(changes.stampOf(sql)).not.toBe(before);
    const unrelated = changes.stampOf(sql);
    changes.noteWrite('reviews');
    expect(changes.stampOf(sql)).toBe(unrelated);
  });

  it('a table written in a transaction moves again when the transaction ends', async () => {
    const changes = tableChanges(db);
    let inside = '';
    await db.transaction(async (trx) => {
      await insertService(trx, 'probe_tx');
      inside = changes.stampOfTables(['services']);
    });
    expect(changes.stampOfTables(['services'])).not.toBe(inside);
  });

  it('a read through a transaction is never kept (it may see its own uncommitted rows)', async () => {
    await db.transaction(async (trx) => {
      expect(tableChanges(trx).live).toBe(false);
      expect(await tableChanges(trx).sync()).toBe(false);
    });
  });

  it('a cached total follows a write by this process at once', async () => {
    const count = () => cachedCount(db, db('services').where('id', 'like', 'probe_%').count({ total: '*' }));
    const before = await count();
    await insertService(db, 'probe_count');
    expect(await count()).toBe(before + 1);
  });

  it('PostgreSQL: a write committed by another instance is seen by the next read here; every table announces its writes', async () => {
    if (!isPostgres(db)) return;
    const other = t.openAnother();
    const changes = tableChanges(db);
    const count = () => cachedCount(db, db('services').where('id', 'like', 'probe_%').count({ total: '*' }));
    const before = await count();
    expect(await count()).toBe(before); // kept
    await insertService(other, 'probe_other');
    // Read at once, before this process could have heard the commit by chance: the read first
    // makes sure it has heard every commit made before it began (staleness zero).
    expect(await count()).toBe(before + 1);
    const stamp = changes.stampOfTables(['services']);
    await insertService(other, 'probe_other_2');
    expect(await until(() => changes.stampOfTables(['services']) !== stamp)).toBe(true);

    const { rows } = (await db.raw(
      `select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and g.tgname like '%\\_writeNotify'`,
    )) as { rows: { table: string }[] };
    expect(rows.map((r) => r.table).sort()).toEqual([...TABLE_NAMES].sort());
  });
});
