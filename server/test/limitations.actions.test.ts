/**
 * Manual limitations through the API (LIM-3..LIM-7, REF-9): apply, lift, terminate,
 * approve / decline the termination (four eyes), every transition allowed and refused, the
 * roles, the date bounds, the evidence, the race on lift, the partner's outbox.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { createTestApp, type TestApp } from './harness';
import { addPartner, clockOf, DAY, newArea, runWorker, type Clocked } from './engineFixture';
import { expectError, type TestRow } from './helpers';


describe('manual limitations (LIM-4..LIM-7)', () => {
  let t: TestApp;
  let clock: Clocked;
  let ops: request.Agent;
  let ops2: request.Agent;
  let admin: request.Agent;
  let opsId: number;
  let ops2Id: number;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    ops = await t.as('ops');
    admin = await t.as('admin');
    ops2 = request.agent(t.app);
    const login = await ops2.post('/api/auth/login').send({ email: 'ops2@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    ops2Id = login.body.id;
    opsId = (await ops.get('/api/auth/me')).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
  const body = (partnerId: number, extra: TestRow = {}) => ({
    partnerId,
    reason: 'no_show',
    modality: 'existing_clients_only',
    endsAt: inDays(30),
    note: 'Absence sans prévenir le 12/11 (dossier client).',
    ...extra,
  });
  const partnerRow = async (id: number) => (await t.db('partners').where('id', id).first()) as TestRow;
  const limRow = async (id: number) => (await t.db('limitations').where('id', id).first()) as TestRow;
  const auditRows = async (action: string, id: number) => (await t.db('auditLog').where({ action, resourceId: String(id) })) as TestRow[];

  async function apply(extra: TestRow = {}): Promise<{ partnerId: number; lim: TestRow }> {
    const partnerId = await addPartner(t, newArea());
    const res = await ops.post('/api/limitations').send(body(partnerId, extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { partnerId, lim: res.body };
  }
  /** LIM-6 without waiting: the period is over (the worker path is tested below). */
  async function toReview(id: number): Promise<void> {
    await t.db('limitations').where('id', id).update({ status: 'awaiting_review' });
  }

  it('when ops applies a limitation, then 201, the partner is limited, the LIM-6 timer is scheduled, and the audit row and the French message are written', async () => {
    const { partnerId, lim } = await apply();
    expect(lim).toMatchObject({ partnerId, kind: 'manual', reason: 'no_show', modality: 'existing_clients_only', status: 'active', createdBy: opsId, terminationRequestedBy: null });
    expect(lim.startsAt).toBe(clock.now().toISOString());
    expect((await partnerRow(partnerId)).limitation).toBe('existing_clients_only');
    const timer = await t.db('engineDeadlines').where({ kind: 'limitation_end', refId: lim.id, status: 'pending' }).first();
    expect(new Date(timer.dueAt).toISOString()).toBe(lim.endsAt);
    expect(await auditRows('limitations.create', lim.id)).toHaveLength(1);
    // Any staff member reads the partner's outbox.
    const coordinator = await t.as('coordinator');
    const outbox = await coordinator.get(`/api/partners/${partnerId}/outbox`);
    expect(outbox.status).toBe(200);
    expect(outbox.body).toHaveLength(1);
    expect(outbox.body[0]).toMatchObject({ partnerId, limitationId: lim.id, kind: 'limitation_apply' });
    expect(outbox.body[0].body).toContain('un rendez-vous manqué sans prévenir le client');
    expect(outbox.body[0].body).toMatch(/écrivez-nous/);
    expect((await coordinator.get('/api/partners/99999999/outbox')).status).toBe(404);
  });

  it('when a manual limitation is already in force, then a second one is 409; an applicant cannot be limited (409)', async () => {
    const { partnerId } = await apply();
    expectError(await ops.post('/api/limitations').send(body(partnerId, { modality: 'reduced' })), 409, 'invalid_state');
    const applicant = await addPartner(t, newArea(), { status: 'applicant' });
    expectError(await ops.post('/api/limitations').send(body(applicant)), 409, 'invalid_state');
    const terminated = await addPartner(t, newArea(), { status: 'terminated' });
    expectError(await ops.post('/api/limitations').send(body(terminated)), 409, 'invalid_state');
  });

  it('when the end date is past, more than 6 months ahead, or missing, or the note or reason is wrong, then refused; 6 months exactly is accepted', async () => {
    const partnerId = await addPartner(t, newArea());
    const past = expectError(await ops.post('/api/limitations').send(body(partnerId, { endsAt: inDays(-1) })), 422, 'validation_failed');
    expect(past.details).toMatchObject({ fields: { endsAt: 'past' } });
    expectError(await ops.post('/api/limitations').send(body(partnerId, { endsAt: clock.now().toISOString() })), 422, 'validation_failed');
    const far = expectError(await ops.post('/api/limitations').send(body(partnerId, { endsAt: inDays(190) })), 422, 'validation_failed');
    expect(far.details).toMatchObject({ fields: { endsAt: 'too_far' } });
    expectError(await ops.post('/api/limitations').send(body(partnerId, { endsAt: undefined })), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send(body(partnerId, { endsAt: 'demain' })), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send(body(partnerId, { note: '  ' })), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send(body(partnerId, { reason: 'no_acceptance_in_last_50' })), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send(body(partnerId, { modality: 'banned' })), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send({ ...body(partnerId), extra: 1 }), 400, 'invalid_request');
    expectError(await ops.post('/api/limitations').send(body(99999999)), 422, 'validation_failed');
    const sixMonths = new Date(clock.now());
    sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
    const ok = await ops.post('/api/limitations').send(body(partnerId, { endsAt: sixMonths.toISOString() }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('when evidence is given, then each item must exist and concern the partner (422 otherwise)', async () => {
    const order = (await t.db('orders').join('partners', 'partners.id', 'orders.partnerId').where('partners.status', 'active')
      .whereNotExists(t.db('limitations').whereRaw('"limitations"."partnerId" = "partners"."id"').where('kind', 'manual'))
      .select('orders.id', 'orders.partnerId').first()) as TestRow;
    expect(order).toBeTruthy();
    const bad = expectError(await ops.post('/api/limitations').send(body(order.partnerId, { evidence: [{ type: 'order', id: order.id }, { type: 'review', id: 99999999 }] })), 422, 'validation_failed');
    expect(bad.details?.missing).toEqual(['review 99999999']);
    const other = await addPartner(t, newArea());
    expectError(await ops.post('/api/limitations').send(body(other, { evidence: [{ type: 'order', id: order.id }] })), 422, 'validation_failed');
    expectError(await ops.post('/api/limitations').send(body(other, { evidence: [{ type: 'email', id: 1 }] })), 400, 'invalid_request');
    const ok = await ops.post('/api/limitations').send(body(order.partnerId, { evidence: [{ type: 'order', id: order.id }] }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.evidence).toEqual([{ type: 'order', id: order.id }]);
  });

  it('when a role other than ops or admin acts, then 403; support and mediator may still read limitations', async () => {
    const { lim } = await apply();
    for (const role of ['support', 'mediator', 'coordinator'] as const) {
      const agent = await t.as(role);
      expectError(await agent.post('/api/limitations').send(body(lim.partnerId)), 403, 'forbidden');
      for (const action of ['lift', 'terminate', 'approve-termination', 'decline-termination']) {
        expectError(await agent.post(`/api/limitations/${lim.id}/${action}`).send({ note: 'x' }), 403, 'forbidden');
      }
      expect((await agent.get(`/api/limitations/${lim.id}`)).status).toBe(200);
    }
    expect((await limRow(lim.id)).status).toBe('active');
    expectError(await t.anonymous().post(`/api/limitations/${lim.id}/lift`).send({ note: 'x' }), 401, 'not_authenticated');
  });

  it('when the period ends, then the engine worker moves the limitation to awaiting_review (LIM-6) and it keeps restricting (LIM-7)', async () => {
    const { partnerId, lim } = await apply({ endsAt: inDays(2) });
    const start = clock.now();
    try {
      clock.set(new Date(new Date(lim.endsAt).getTime() + 1000));
      await runWorker(t);
      expect((await limRow(lim.id)).status).toBe('awaiting_review');
      expect((await partnerRow(partnerId)).limitation).toBe('existing_clients_only');
    } finally {
      clock.set(start);
    }
  });

  it('when ops lifts an active limitation, then lifted (note kept, liftedBy, timer cancelled, partner free, message sent); lifting again is 409 conflict naming who acted', async () => {
    const { partnerId, lim } = await apply();
    expectError(await ops.post(`/api/limitations/${lim.id}/lift`).send({}), 400, 'invalid_request');
    const res = await ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'Le partenaire a appelé, excuses présentées.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('lifted');
    expect(res.body.note).toContain('Le partenaire a appelé');
    const row = await limRow(lim.id);
    expect(row.liftedBy).toBe(opsId);
    expect(new Date(row.liftedAt).toISOString()).toBe(clock.now().toISOString());
    expect((await partnerRow(partnerId)).limitation).toBeNull();
    expect(await t.db('engineDeadlines').where({ kind: 'limitation_end', refId: lim.id, status: 'pending' })).toHaveLength(0);
    expect(await auditRows('limitations.lift', lim.id)).toHaveLength(1);
    const outbox = (await ops.get(`/api/partners/${partnerId}/outbox`)).body as TestRow[];
    expect(outbox.map((m) => m.kind)).toEqual(['limitation_lift', 'limitation_apply']);
    const again = expectError(await ops2.post(`/api/limitations/${lim.id}/lift`).send({ note: 'idem' }), 409, 'conflict');
    expect(again.message).toContain('Olivier Opérations');
    expectError(await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'x' }), 409, 'invalid_state');
    expectError(await ops.post(`/api/limitations/${lim.id}/approve-termination`).send({}), 409, 'invalid_state');
    expectError(await ops.post(`/api/limitations/${lim.id}/decline-termination`).send({ note: 'x' }), 409, 'invalid_state');
  });

  it('when a limitation awaits review, then it can be lifted', async () => {
    const { partnerId, lim } = await apply();
    await toReview(lim.id);
    const res = await ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'Amélioration constatée.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('lifted');
    expect((await partnerRow(partnerId)).limitation).toBeNull();
  });

  it('when ops lifts an automatic limitation (LIM-3: the partner wrote), then lifted and LIM-7 counting restarts from the lift', async () => {
    const partnerId = await addPartner(t, newArea());
    const now = clock.now().toISOString();
    const [inserted] = await t.db('limitations').insert({
      partnerId, kind: 'automatic', reason: 'no_acceptance_in_last_50', modality: 'existing_clients_only', startsAt: now, endsAt: null,
      status: 'active', note: 'auto', evidence: '[]', createdAt: now, updatedAt: now, version: 1,
    }).returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    await t.db('partners').where('id', partnerId).update({ limitation: 'existing_clients_only' });
    const res = await ops.post(`/api/limitations/${id}/lift`).send({ note: 'Le partenaire a écrit.' });
    expect(res.status).toBe(200);
    const row = await limRow(id);
    expect(row.status).toBe('lifted');
    expect(new Date(row.liftedAt).toISOString()).toBe(now);
    expect((await partnerRow(partnerId)).limitation).toBeNull();
    const outbox = (await ops.get(`/api/partners/${partnerId}/outbox`)).body as TestRow[];
    expect(outbox[0].kind).toBe('limitation_lift');
    // An automatic limitation has no review: terminate is refused.
    expectError(await ops.post(`/api/limitations/${id}/terminate`).send({ note: 'x' }), 409, 'invalid_state');
  });

  it('when ops asks to terminate an active limitation, then 409 "review first"; from awaiting review, termination_pending; the same account cannot approve (four eyes); another declines, then approves a new request: the partner is terminated', async () => {
    const { partnerId, lim } = await apply();
    const early = expectError(await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Trop tôt' }), 409, 'invalid_state');
    expect(early.message).toMatch(/revue|Review first/);
    expectError(await ops.post(`/api/limitations/${lim.id}/approve-termination`).send({}), 409, 'invalid_state');
    expectError(await ops.post(`/api/limitations/${lim.id}/decline-termination`).send({ note: 'x' }), 409, 'invalid_state');
    await toReview(lim.id);
    expectError(await ops.post(`/api/limitations/${lim.id}/terminate`).send({}), 400, 'invalid_request');
    const asked = await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Aucune amélioration, nouvelle absence.' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ status: 'termination_pending', terminationRequestedBy: opsId });
    expect((await partnerRow(partnerId)).limitation).toBe('existing_clients_only');

    const self = await ops.post(`/api/limitations/${lim.id}/approve-termination`).send({});
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('four_eyes_required');
    expect(self.body.error.message).toMatch(/autre membre/);
    expectError(await ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'x' }), 409, 'invalid_state');
    expectError(await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'x' }), 409, 'conflict');

    const declined = await ops2.post(`/api/limitations/${lim.id}/decline-termination`).send({ note: 'Laissons une chance.' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'awaiting_review', terminationRequestedBy: null });
    expect(await auditRows('limitations.decline-termination', lim.id)).toHaveLength(1);

    // ops2 asks this time; ops (a different account) approves.
    expect((await ops2.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Nouvelle plainte.' })).status).toBe(200);
    expectError(await ops2.post(`/api/limitations/${lim.id}/approve-termination`).send({}), 409, 'four_eyes_required');
    const approved = await ops.post(`/api/limitations/${lim.id}/approve-termination`).send();
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('terminated');
    expect(approved.body.terminationRequestedBy).toBe(ops2Id);
    expect((await partnerRow(partnerId)).status).toBe('terminated');
    expect(await auditRows('partners.terminate', partnerId)).toHaveLength(1);
    const outbox = (await ops.get(`/api/partners/${partnerId}/outbox`)).body as TestRow[];
    expect(outbox[0]).toMatchObject({ kind: 'limitation_terminate' });
    expect(outbox[0].body).toContain('14.3');
    // Final: nothing more is allowed.
    expectError(await admin.post(`/api/limitations/${lim.id}/approve-termination`).send({}), 409, 'conflict');
    expectError(await ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'x' }), 409, 'invalid_state');
    expectError(await ops.post(`/api/limitations/${lim.id}/decline-termination`).send({ note: 'x' }), 409, 'invalid_state');
  });

  it('when an admin approves a termination an ops agent asked for, then terminated', async () => {
    const { partnerId, lim } = await apply();
    await toReview(lim.id);
    expect((await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Fin.' })).status).toBe(200);
    expect((await admin.post(`/api/limitations/${lim.id}/approve-termination`).send({})).status).toBe(200);
    expect((await partnerRow(partnerId)).status).toBe('terminated');
  });

  it('when the id is unknown or malformed, then 404', async () => {
    for (const action of ['lift', 'terminate', 'approve-termination', 'decline-termination']) {
      expectError(await ops.post(`/api/limitations/99999999/${action}`).send({ note: 'x' }), 404, 'not_found');
      expectError(await ops.post(`/api/limitations/abc/${action}`).send({ note: 'x' }), 404, 'not_found');
    }
  });

  it('when two agents lift the same limitation at once, then one 200, one 409 conflict, and one audit row', async () => {
    const { lim } = await apply();
    const results = await Promise.all([
      ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'A' }),
      ops2.post(`/api/limitations/${lim.id}/lift`).send({ note: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('conflict');
    expect(loser.body.error.message).toMatch(/Opérations/);
    expect(await auditRows('limitations.lift', lim.id)).toHaveLength(1);
    expect((await limRow(lim.id)).version).toBe(2);
  });
});
