/**
 * SQLite keeps prepared statements per connection (server/db.ts): the same SQL text must
 * still see schema changes, new rows and fresh bindings. (On PostgreSQL the same
 * assertions run through `pg`, which has no such cache.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './harness';

describe('prepared statements reused on the same connection', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.schema.createTable('stmtProbe', (tb) => {
      tb.increments('id');
      tb.text('a');
    });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('the same query text sees new rows, new bindings and a column added since it was first prepared', async () => {
    await t.db('stmtProbe').insert({ a: 'x' });
    const read = () => t.db('stmtProbe').select('*').orderBy('id');
    expect(await read()).toEqual([{ id: 1, a: 'x' }]);
    await t.db.schema.alterTable('stmtProbe', (tb) => tb.text('b'));
    await t.db('stmtProbe').update({ b: 'y' });
    await t.db('stmtProbe').insert({ a: 'z', b: 'w' });
    expect(await read()).toEqual([
      { id: 1, a: 'x', b: 'y' },
      { id: 2, a: 'z', b: 'w' },
    ]);
    for (const a of ['x', 'z', 'none']) {
      expect((await t.db('stmtProbe').where('a', a).select('id')).map((r) => r.id)).toEqual(a === 'x' ? [1] : a === 'z' ? [2] : []);
    }
  });

  it('transactions begin and commit again and again on cached statements', async () => {
    for (let i = 0; i < 3; i++) await t.db.transaction(async (trx) => trx('stmtProbe').insert({ a: `tx${i}` }));
    await t.db.transaction(async (trx) => {
      await trx('stmtProbe').insert({ a: 'rolled back' });
      throw new Error('rollback');
    }).catch(() => undefined);
    expect((await t.db('stmtProbe').where('a', 'like', 'tx%')).length).toBe(3);
    expect(await t.db('stmtProbe').where('a', 'rolled back')).toEqual([]);
  });
});
