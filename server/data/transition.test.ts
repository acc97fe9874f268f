/**
 * The one write path's status change (REF-9): of two people acting on a record at once one
 * succeeds with its audit row, the other gets 409 `conflict` naming who acted first — on the
 * database under test (SQLite by default, PostgreSQL with TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../auth/actor';
import { fixedClock } from '../clock';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { createTestDb, TEST_NOW, type TestDb } from '../test/harness';
import { actedFirst } from './actedFirst';
import { num } from './rows';
import { inTransaction, type Tx } from './transaction';
import { transition, transitionIfStill } from './transition';
import type { JsonObject } from '../../shared/json';
import type { Row } from './rows';

let t: TestDb;
let alice: StaffActor;
let bruno: StaffActor;

async function staffMember(fullName: string, email: string): Promise<StaffActor> {
  const at = TEST_NOW.toISOString();
  const [row] = await t.db('users').insert({ email, fullName, role: 'ops', passwordHash: 'x', active: true, createdAt: at, updatedAt: at }).returning('id');
  return { kind: 'staff', id: num(typeof row === 'object' ? (row as { id: unknown }).id : row), email, fullName, role: 'ops' };
}

async function newRow(status = 'open'): Promise<number> {
  const [row] = await t.db('raceRows').insert({ status, version: 1, note: null, updatedAt: TEST_NOW.toISOString() }).returning('id');
  return num(typeof row === 'object' ? (row as { id: unknown }).id : row);
}

const ctxOf = (actor: StaffActor, at = TEST_NOW): Ctx => ({ db: t.db, clock: fixedClock(at), actor });

const close = (id: number, note: string) => ({
  from: ['open'],
  to: 'closed',
  set: { note },
  action: 'raceRows.close',
  lost: (tx: Tx, status: string | undefined) =>
    actedFirst(tx.trx, 'raceRows', id, { on: 'sur cette ligne', outcome: ` (statut désormais : ${String(status)})`, english: 'anonymous', status }),
});

beforeAll(async () => {
  t = await createTestDb();
  await t.db.schema.createTable('raceRows', (table) => {
    table.increments('id');
    table.string('status', 20).notNullable();
    table.integer('version').notNullable();
    table.text('note');
    table.string('updatedAt', 40);
  });
  alice = await staffMember('Alice Ops', 'alice.race@example.test');
  bruno = await staffMember('Bruno Ops', 'bruno.race@example.test');
});

afterAll(async () => {
  await t?.cleanup();
});

describe('transition', () => {
  it('when the record is in a `from` status, then it moves, its version and updatedAt follow, and one audit row holds before and after', async () => {
    const id = await newRow();
    const later = new Date(TEST_NOW.getTime() + 60_000);
    const after = await inTransaction(ctxOf(alice, later), (tx) => transition(tx, 'raceRows', id, close(id, 'done')));
    expect(after).toMatchObject({ status: 'closed', note: 'done', version: 2, updatedAt: later.toISOString() });
    const audit = await t.db('auditLog').where({ resource: 'raceRows', resourceId: String(id) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'raceRows.close', actorId: alice.id, actorKind: 'staff' });
    expect(new Date(audit[0].at as string).toISOString()).toBe(later.toISOString());
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as JsonObject;
    expect(parse(audit[0].before)).toMatchObject({ status: 'open', version: 1 });
    expect(parse(audit[0].after)).toMatchObject({ status: 'closed', version: 2, note: 'done' });
  });

  it('when two people close the same record at once, then one succeeds and the other gets 409 naming who acted first, with one audit row', async () => {
    const id = await newRow();
    const results = await Promise.allSettled([
      inTransaction(ctxOf(alice), (tx) => transition(tx, 'raceRows', id, close(id, 'by Alice'))),
      inTransaction(ctxOf(bruno), (tx) => transition(tx, 'raceRows', id, close(id, 'by Bruno'))),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Row>).value.note === 'by Alice' ? alice : bruno;
    const err = lost[0].reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`${winner.fullName} a agi sur cette ligne avant vous`);
    expect(err.message).toContain('(statut désormais : closed). Rechargez la page. / Someone acted first.');
    expect(err.details).toMatchObject({ actedBy: winner.id, actedByName: winner.fullName, status: 'closed' });
    expect(await t.db('auditLog').where({ resource: 'raceRows', resourceId: String(id) })).toHaveLength(1);
    expect((await t.db('raceRows').where('id', id).first()).version).toBe(2);
  });

  it('when the version read is no longer the row’s, then an edit that keeps the status is refused too', async () => {
    const id = await newRow();
    await inTransaction(ctxOf(alice), (tx) => transition(tx, 'raceRows', id, { from: ['open'], set: { note: 'first edit' }, action: 'raceRows.update', lost: close(id, '').lost }));
    const stale = inTransaction(ctxOf(bruno), (tx) => transition(tx, 'raceRows', id, { from: ['open'], version: 1, set: { note: 'stale edit' }, action: 'raceRows.update', lost: close(id, '').lost }));
    await expect(stale).rejects.toMatchObject({ status: 409, details: { actedByName: 'Alice Ops', status: 'open' } });
    expect((await t.db('raceRows').where('id', id).first()).note).toBe('first edit');
  });

  it('when a writer gives way (transitionIfStill) to a record that moved, then it gets null and writes no audit row', async () => {
    const id = await newRow('closed');
    const result = await inTransaction(ctxOf(alice), (tx) => transitionIfStill(tx, 'raceRows', id, { from: ['open'], to: 'closed', action: 'raceRows.close' }));
    expect(result).toBeNull();
    expect(await t.db('auditLog').where({ resource: 'raceRows', resourceId: String(id) })).toHaveLength(0);
  });

  it('when the record does not exist, then 404', async () => {
    await expect(inTransaction(ctxOf(alice), (tx) => transition(tx, 'raceRows', 999_999, close(999_999, 'x')))).rejects.toMatchObject({ status: 404 });
  });
});
