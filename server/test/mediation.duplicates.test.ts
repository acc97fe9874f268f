/**
 * Closing a case as a duplicate of another (`POST /api/cases/{id}/close-duplicate`): closed
 * with no outcome, linked both ways (the duplicate names its original; the original's
 * duplicates are listed by `filter={"duplicateOfId": id}`), audited on both cases; the
 * wrong targets refused (422), a closed case refused (409), two mediators linking the same
 * two cases in opposite directions at once get one answer each, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { createTestApp, listUrl, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';


describe('mediation: closing a case as a duplicate', () => {
  let t: TestApp;
  let mediator: request.Agent;
  let admin: request.Agent;
  let mediatorId: number;
  let order: TestRow;

  beforeAll(async () => {
    t = await createTestApp();
    mediator = await t.as('mediator');
    admin = await t.as('admin');
    mediatorId = Number((await t.db('users').where('role', 'mediator').first()).id);
    order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newCase(): Promise<TestRow> {
    const res = await mediator.post('/api/cases').send({ category: 'quality', orderId: Number(order.id), writtenComplaintAt: '2026-11-10T08:00:00.000Z' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const closeDup = (id: number, body: TestRow, agent: request.Agent = mediator) => agent.post(`/api/cases/${id}/close-duplicate`).send(body);
  const row = async (id: number) => t.db('cases').where('id', id).first();

  it('the duplicate is closed with no outcome and names its original, which lists it back; both cases are audited', async () => {
    const original = await newCase();
    const dup = await newCase();
    const res = await closeDup(dup.id, { duplicateOfId: original.id, note: 'Même plainte reçue par téléphone.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: dup.id, status: 'closed', duplicateOfId: original.id, outcome: null, refundCents: null, nextDueAt: null });
    expect(res.body.closedAt).not.toBeNull();

    const listed = await mediator.get(listUrl('cases', { filter: { duplicateOfId: original.id } }));
    expect(listed.body.map((r: TestRow) => r.id)).toEqual([dup.id]);
    expect((await mediator.get(`/api/cases/${original.id}`)).body).toMatchObject({ status: 'open', duplicateOfId: null });

    const events = (await mediator.get(`/api/cases/${dup.id}/events`)).body as TestRow[];
    expect(events.some((e) => e.type === 'status_change' && e.body.includes(`doublon du dossier ${original.reference}`) && e.body.includes('Même plainte'))).toBe(true);

    const closed = await t.db('auditLog').where({ resource: 'cases', resourceId: String(dup.id), action: 'cases.closeDuplicate' });
    expect(closed).toHaveLength(1);
    expect(Number(closed[0].actorId)).toBe(mediatorId);
    expect(JSON.parse(closed[0].before)).toMatchObject({ status: 'open', duplicateOfId: null });
    expect(JSON.parse(closed[0].after)).toMatchObject({ status: 'closed', duplicateOfId: original.id });
    const added = await t.db('auditLog').where({ resource: 'cases', resourceId: String(original.id), action: 'cases.duplicateAdded' }).first();
    expect(JSON.parse(added.after)).toMatchObject({ duplicateId: dup.id, duplicateReference: dup.reference });

    // Closed is final: a second close, of either kind, is 409.
    expectError(await closeDup(dup.id, { duplicateOfId: original.id }), 409, 'conflict');
    expectError(await mediator.post(`/api/cases/${dup.id}/close`).send({ outcome: 'withdrawn' }), 409, 'conflict');
  });

  it('refused: itself or an unknown case (422), a case that is itself a duplicate (422 naming its original), a bad body (400); nothing changes', async () => {
    const a = await newCase();
    const b = await newCase();
    const c = await newCase();
    expect((await closeDup(b.id, { duplicateOfId: a.id })).status).toBe(200);
    const before = await row(c.id);

    expect(expectError(await closeDup(c.id, { duplicateOfId: c.id }), 422, 'validation_failed').details).toMatchObject({ fields: { duplicateOfId: 'same_case' } });
    expect(expectError(await closeDup(c.id, { duplicateOfId: 99999999 }), 422, 'validation_failed').details).toMatchObject({ fields: { duplicateOfId: 'unknown' } });
    const chained = expectError(await closeDup(c.id, { duplicateOfId: b.id }), 422, 'validation_failed');
    expect(chained.details).toMatchObject({ fields: { duplicateOfId: 'is_a_duplicate' }, originalId: a.id, originalReference: a.reference });
    expect(chained.message).toContain(a.reference);
    for (const body of [{}, { duplicateOfId: String(a.id) }, { duplicateOfId: a.id, outcome: 'withdrawn' }, { duplicateOfId: 99999999999 }]) {
      expectError(await closeDup(c.id, body), 400, 'invalid_request');
    }
    expectError(await closeDup(99999999, { duplicateOfId: a.id }), 404, 'not_found');

    const after = await row(c.id);
    expect(after.status).toBe('open');
    expect(Number(after.version)).toBe(Number(before.version));
    expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.closeDuplicate' })).toHaveLength(0);
  });

  it('two mediators linking the same two cases in opposite directions at once: one 200, the other refused (409 or 422), never a 500 or a cycle', async () => {
    const a = await newCase();
    const b = await newCase();
    const [r1, r2] = await Promise.all([closeDup(a.id, { duplicateOfId: b.id }, mediator), closeDup(b.id, { duplicateOfId: a.id }, admin)]);
    const statuses = [r1.status, r2.status].sort();
    expect(statuses[0], JSON.stringify([r1.body, r2.body])).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const rows = [await row(a.id), await row(b.id)];
    expect(rows.filter((r) => r.duplicateOfId !== null)).toHaveLength(1);
  });
});
