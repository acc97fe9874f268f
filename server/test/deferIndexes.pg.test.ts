/**
 * A bulk load on PostgreSQL (db/seeds/deferPgIndexes.ts) runs without the secondary indexes
 * and the foreign keys, and `restore` brings back exactly what the migrations made — checking
 * the loaded rows against each foreign key. PostgreSQL only: vitest.config.ts includes
 * `*.pg.test.ts` when TEST_DATABASE_URL is set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deferIndexes } from '../../db/seeds/deferIndexes';
import { createTestDb, type TestDb } from './harness';
import { pgCatalogue, type PgCatalogue } from './pgCatalogue';

if (!process.env.TEST_DATABASE_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

const ofTable = (lines: string[], table: string) => lines.filter((l) => l.startsWith(`${table} `));
const foreignKeys = (c: PgCatalogue) => c.constraints.filter((l) => l.includes(' (f): '));

describe('indexes and foreign keys deferred during a bulk load (PostgreSQL)', () => {
  let t: TestDb;
  let migrated: PgCatalogue;
  beforeEach(async () => {
    t = await createTestDb();
    migrated = await pgCatalogue(t.db);
  });
  afterEach(() => t.cleanup());

  it('drops the plain and trigram indexes and the foreign keys; keeps primary keys, unique indexes and the other constraints', async () => {
    expect(foreignKeys(migrated).length).toBeGreaterThan(30);
    await deferIndexes(t.db);
    const during = await pgCatalogue(t.db);
    expect(foreignKeys(during)).toEqual([]);
    expect(during.constraints).toEqual(migrated.constraints.filter((l) => !l.includes(' (f): ')));
    const orders = ofTable(during.indexes, 'orders').map((l) => l.split(':')[0]);
    expect(orders).toEqual(['orders orders_pkey', 'orders orders_reference_unique']);
    for (const line of during.indexes) expect(line.includes('UNIQUE INDEX') || line.includes('_pkey'), line).toBe(true);
  });

  it('restore(table) rebuilds that table only; restore() the rest, as the migrations made them', async () => {
    const deferred = await deferIndexes(t.db);
    await deferred.restore('clients');
    const partly = await pgCatalogue(t.db);
    expect(ofTable(partly.indexes, 'clients')).toEqual(ofTable(migrated.indexes, 'clients'));
    expect(ofTable(partly.indexes, 'clients').some((l) => l.includes('gin_trgm_ops'))).toBe(true);
    expect(ofTable(partly.indexes, 'orders').length).toBeLessThan(ofTable(migrated.indexes, 'orders').length);
    await deferred.restore();
    expect(await pgCatalogue(t.db)).toEqual(migrated);
  });

  it('a restore started while another builds waits for it: nothing is built twice', async () => {
    const deferred = await deferIndexes(t.db);
    const first = deferred.restore(['orders', 'clients']);
    const second = deferred.restore();
    await Promise.all([first, second]);
    expect(await pgCatalogue(t.db)).toEqual(migrated);
  });

  it('a row loaded meanwhile that breaks a foreign key makes restore fail, naming the constraint; without it the restore completes', async () => {
    const deferred = await deferIndexes(t.db);
    await t.db('partnerServices').insert({ partnerId: 424242, serviceCode: 'no-such-service' });
    await expect(deferred.restore('partnerServices')).rejects.toThrow(/partnerservices_partnerid_foreign|foreign key/i);
    await t.db('partnerServices').where({ partnerId: 424242 }).delete();
    await deferred.restore();
    expect(foreignKeys(await pgCatalogue(t.db))).toEqual(foreignKeys(migrated));
  });
});
