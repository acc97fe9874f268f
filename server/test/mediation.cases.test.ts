/**
 * Mediation cases: the state machine of CONTRACT.md (every transition allowed
 * or refused), MED-5's inadmissible referral (422 with the reason), roles (only mediator
 * and admin act), the audit trail, the race (one 200, one 409 naming who acted first),
 * edits, assignment and "my cases", the queue by nearest deadline and the overdue filter,
 * MED-6's extension, outcomes with refunds against the order, MED-4, and the suggestion
 * of a limitation to ops from a case.
 * One file, though long: the state machine reads best whole, each transition beside the
 * ones it forbids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(TEST_NOW.getTime() - n * DAY).toISOString();

describe('mediation cases', () => {
  let t: TestApp;
  let mediator: request.Agent;
  let admin: request.Agent;
  let order: TestRow;
  let mediatorId: number;
  let adminId: number;

  beforeAll(async () => {
    t = await createTestApp();
    mediator = await t.as('mediator');
    admin = await t.as('admin');
    order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
    mediatorId = Number((await t.db('users').where('role', 'mediator').first()).id);
    adminId = Number((await t.db('users').where('role', 'admin').first()).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newCase(body: TestRow = {}, agent: request.Agent = mediator): Promise<TestRow> {
    const res = await agent.post('/api/cases').send({ category: 'quality', orderId: Number(order.id), writtenComplaintAt: daysAgo(10), ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const act = (id: number, action: string, body: TestRow = {}, agent: request.Agent = mediator) => agent.post(`/api/cases/${id}/${action}`).send(body);

  describe('create', () => {
    it('when a mediator opens a case on an order, then client and partner come from the order, the reference is M + id, and the deadlines are computed (MED-5, MED-7)', async () => {
      const c = await newCase({ description: 'Coupe ratée' });
      expect(c).toMatchObject({
        status: 'open',
        category: 'quality',
        orderId: Number(order.id),
        clientId: Number(order.clientId),
        partnerId: Number(order.partnerId),
        reference: `M${String(c.id).padStart(6, '0')}`,
        assignedTo: mediatorId,
        insuranceClaim: false,
        answeredAt: null,
        nextDueKind: 'answer',
        description: 'Coupe ratée',
      });
      // complaint 2026-11-10 (Paris) → answer due 2027-01-10 end of day (MED-7), referral until 2027-11-10 (MED-5).
      expect(c.answerDueAt).toBe('2027-01-10T22:59:59.999Z');
      expect(c.nextDueAt).toBe(c.answerDueAt);
      expect(c.referralLastDate).toBe('2027-11-10');
      const audit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.create' }).first();
      expect(Number(audit.actorId)).toBe(mediatorId);
      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body;
      expect(events.map((e: TestRow) => e.type)).toEqual(['status_change']);
    });

    it('MED-4: a damage case on a platform order is flagged for the insurance claim', async () => {
      const c = await newCase({ category: 'damage' });
      expect(c.insuranceClaim).toBe(true);
      const list = await mediator.get(listUrl('cases', { filter: { insuranceClaim: true, id: [c.id] } }));
      expect(list.body.map((r: TestRow) => r.id)).toEqual([c.id]);
    });

    it('when the body is wrong, then 400 (unknown field, bad category) or 422 (unknown order, other client, future complaint)', async () => {
      expectError(await mediator.post('/api/cases').send({ category: 'quality', colour: 'red' }), 400, 'invalid_request');
      expectError(await mediator.post('/api/cases').send({ category: 'weather' }), 400, 'invalid_request');
      expectError(await mediator.post('/api/cases').send({ category: 'quality', orderId: 99999999 }), 422, 'validation_failed');
      const other = await t.db('clients').whereNot('id', order.clientId).first();
      expectError(await mediator.post('/api/cases').send({ category: 'quality', orderId: Number(order.id), clientId: Number(other.id) }), 422, 'validation_failed');
      expectError(await mediator.post('/api/cases').send({ category: 'quality', writtenComplaintAt: '2027-01-01T00:00:00Z' }), 422, 'validation_failed');
    });
  });

  describe('the state machine (CONTRACT.md)', () => {
    const ALLOWED: Record<string, string[]> = {
      open: ['amicable', 'resolve', 'refer', 'close'],
      amicable: ['resolve', 'refer', 'close'],
      resolved: ['close'],
      referred: ['close'],
      closed: [],
    };
    const TARGET: Record<string, string> = { amicable: 'amicable', resolve: 'resolved', refer: 'referred', close: 'closed' };
    const BODY: Record<string, TestRow> = { close: { outcome: 'withdrawn' }, amicable: {}, resolve: {}, refer: {} };
    const PATH: Record<string, string[]> = { open: [], amicable: ['amicable'], resolved: ['resolve'], referred: ['refer'], closed: ['close'] };

    async function caseIn(status: string): Promise<TestRow> {
      // MED-8: the complaint's answer deadline (2 months, MED-7) passed unanswered, so an open case may be referred.
      let c = await newCase({ writtenComplaintAt: daysAgo(70) });
      for (const step of PATH[status]) {
        const res = await act(c.id, step, BODY[step]);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        c = res.body;
      }
      expect(c.status).toBe(status);
      return c;
    }

    const table = Object.keys(ALLOWED).flatMap((status) =>
      ['amicable', 'resolve', 'refer', 'close'].map((action) => [status, action, ALLOWED[status].includes(action)] as const),
    );
    it.each(table)('from %s, action %s is allowed = %s (else 409 conflict or invalid_state, nothing changes)', async (status, action, allowed) => {
      const c = await caseIn(status);
      const versionBefore = Number((await t.db('cases').where('id', c.id).first()).version);
      const res = await act(c.id, action, BODY[action]);
      if (allowed) {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.status).toBe(TARGET[action]);
        const audit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: `cases.${action}` });
        expect(audit).toHaveLength(1);
        const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
        expect(events.some((e) => e.type === 'status_change' && e.actorId === mediatorId)).toBe(true);
      } else {
        // `conflict` when someone moved the case out of a status that allowed the action (here every
        // status was reached from open, which allows all four); else `invalid_state`.
        const prev = PATH[status].length ? 'open' : null;
        const code = status === TARGET[action] || (prev !== null && ALLOWED[prev].includes(action)) ? 'conflict' : 'invalid_state';
        const err = expectError(res, 409, code);
        expect(err.details?.status).toBe(status);
        if (code === 'conflict') expect(err.details?.actedByName).toBe('Marc Médiateur');
        const now = await t.db('cases').where('id', c.id).first();
        expect(now.status).toBe(status);
        expect(Number(now.version)).toBe(versionBefore);
        expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: `cases.${action}` })).toHaveLength(PATH[status].includes(action) ? 1 : 0);
      }
    });

    it('when the action was not possible before the last change either, then 409 invalid_state (nobody took it from you)', async () => {
      const c = await newCase();
      await act(c.id, 'amicable');
      await act(c.id, 'resolve'); // amicable → resolved
      const err = expectError(await act(c.id, 'amicable'), 409, 'invalid_state');
      expect(err.details).toMatchObject({ status: 'resolved', allowedFrom: ['open'] });
      // refer was possible from amicable until someone resolved the case: conflict, naming them.
      expect(expectError(await act(c.id, 'refer', {}, admin), 409, 'conflict').message).toContain('Marc Médiateur');
    });

    it('the conflict names who took the decision, not who last wrote a note', async () => {
      const c = await newCase();
      await act(c.id, 'resolve', {}, admin);
      expect((await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'Vu.' })).status).toBe(201);
      const err = expectError(await act(c.id, 'refer'), 409, 'conflict');
      expect(err.details).toMatchObject({ actedByName: 'Alice Administratrice', status: 'resolved' });
    });

    it('when a message in the timeline quotes an IBAN and a card number, then the mediator reads both masked and the admin the IBAN only', async () => {
      const c = await newCase();
      const body = 'Remboursez-moi sur FR76 3000 6000 0112 3456 7890 189, j’ai payé avec la carte 4111 1111 1111 1111.';
      expect((await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_in', body })).status).toBe(201);
      const seenBy = async (agent: request.Agent) =>
        ((await agent.get(`/api/cases/${c.id}/events`)).body as TestRow[]).find((e) => e.type === 'message_in')?.body as string;
      const forMediator = await seenBy(mediator);
      expect(forMediator).toContain('Remboursez-moi');
      expect(forMediator.replace(/\s/g, '')).not.toContain('FR7630006000011234567890189');
      expect(forMediator.replace(/\s/g, '')).not.toContain('4111111111111111');
      const forAdmin = await seenBy(admin);
      expect(forAdmin.replace(/\s/g, '')).toContain('FR7630006000011234567890189');
      expect(forAdmin.replace(/\s/g, '')).not.toContain('4111111111111111');
    });

    it('when a case is closed with an outcome, then the decision is in the timeline and the case has no running deadline', async () => {
      const c = await newCase();
      const res = await act(c.id, 'close', { outcome: 'no_agreement', note: 'Le client refuse la proposition.' });
      expect(res.body).toMatchObject({ status: 'closed', outcome: 'no_agreement', nextDueAt: null, refundCents: null });
      expect(res.body.closedAt).toBe(TEST_NOW.toISOString());
      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
      expect(events.find((e) => e.type === 'decision')?.body).toContain('pas d’accord');
      expectError(await act(c.id, 'close', { outcome: 'withdrawn' }), 409, 'conflict');
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'après clôture' }), 409, 'conflict');
    });

    it('when a transition body is wrong, then 400', async () => {
      const c = await newCase();
      expectError(await act(c.id, 'close', {}), 400, 'invalid_request');
      expectError(await act(c.id, 'close', { outcome: 'maybe' }), 400, 'invalid_request');
      expectError(await act(c.id, 'amicable', { hello: 1 }), 400, 'invalid_request');
      expectError(await act(c.id, 'refer', { mediatorReceivedAt: 'yesterday' }), 400, 'invalid_request');
      expectError(await act(999999, 'amicable'), 404, 'not_found');
    });
  });

  describe('MED-7: the answer to the written complaint', () => {
    it('MED-7: a complaint date recorded after the case went amicable counts as answered (the parties were already engaged)', async () => {
      const c = await newCase({ writtenComplaintAt: null });
      expect((await act(c.id, 'amicable')).status).toBe(200);
      expect((await t.db('cases').where('id', c.id).first()).answeredAt).toBeNull();
      const res = await mediator.put(`/api/cases/${c.id}`).send({ writtenComplaintAt: daysAgo(20) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.answeredAt).not.toBeNull();
      expect(res.body.nextDueKind).not.toBe('answer');
    });
  });

  describe('MED-5: the referral', () => {
    it('MED-5 1°: without a written complaint, refer is 422 with the reason, and the case stays as it was', async () => {
      const c = await newCase({ writtenComplaintAt: null });
      expect(c.nextDueAt).toBeNull();
      const err = expectError(await act(c.id, 'refer'), 422, 'validation_failed');
      expect(err.details).toMatchObject({ reason: 'no_written_complaint' });
      expect(err.message).toMatch(/réclamation écrite/);
      expect((await t.db('cases').where('id', c.id).first()).status).toBe('open');
    });

    it('MED-5 4°: on the anniversary of the written complaint (Paris date) the referral is admissible', async () => {
      // now = 2026-11-20 11:00 Paris; complaint 2025-11-20 at 00:30 Paris (2025-11-19 23:30 UTC).
      const c = await newCase({ writtenComplaintAt: '2025-11-19T23:30:00.000Z' });
      expect(c.referralLastDate).toBe('2026-11-20');
      const res = await act(c.id, 'refer', { mediatorReceivedAt: '2026-11-20T09:00:00.000Z' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // The referral is dated by the mediator's reception when that came first (recorded after the fact).
      expect(res.body).toMatchObject({ status: 'referred', referredAt: '2026-11-20T09:00:00.000Z', nextDueKind: 'refusal', refusalDueAt: '2026-12-11T22:59:59.999Z' });
    });

    it('MED-5 4°: a referral recorded late is judged at the mediator’s reception: received on the anniversary, admissible', async () => {
      const c = await newCase({ writtenComplaintAt: '2025-11-19T10:00:00.000Z' });
      const res = await act(c.id, 'refer', { mediatorReceivedAt: '2026-11-19T22:30:00.000Z' }); // 23:30 Paris on the anniversary
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.referredAt).toBe('2026-11-19T22:30:00.000Z');
      const late = await newCase({ writtenComplaintAt: '2025-11-19T10:00:00.000Z' });
      expectError(await act(late.id, 'refer', { mediatorReceivedAt: '2026-11-19T23:30:00.000Z' }), 422, 'validation_failed'); // 00:30 Paris the day after
    });

    it('MED-5 4°: the day after the anniversary the referral is 422 too_late, naming the last admissible day', async () => {
      const c = await newCase({ writtenComplaintAt: '2025-11-19T10:00:00.000Z' });
      const err = expectError(await act(c.id, 'refer'), 422, 'validation_failed');
      expect(err.details).toMatchObject({ reason: 'too_late', referralLastDate: '2026-11-19' });
      expect(err.message).toContain('19/11/2026');
    });

    it('MED-6: once referred, the mediator’s dates are set by PUT; the outcome deadline runs and can be extended with a reason', async () => {
      const open = await newCase();
      await act(open.id, 'amicable');
      const c = (await act(open.id, 'refer')).body;
      expect(c.status).toBe('referred');
      expectError(await mediator.post(`/api/cases/${c.id}/extend`).send({ days: 10, reason: 'Litige complexe' }), 409, 'invalid_state');
      // Notified before received: 422; notified without a reception date: 422.
      expectError(await mediator.put(`/api/cases/${c.id}`).send({ ...c, mediatorNotifiedAt: '2026-11-20T09:00:00.000Z' }), 422, 'validation_failed');
      const put = await mediator.put(`/api/cases/${c.id}`).send({ ...c, mediatorReceivedAt: '2026-11-20T08:00:00.000Z', mediatorNotifiedAt: '2026-11-20T09:00:00.000Z' });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ nextDueKind: 'outcome', outcomeDueAt: '2027-02-18T22:59:59.999Z' });
      expectError(await mediator.post(`/api/cases/${c.id}/extend`).send({ days: 10 }), 400, 'invalid_request');
      const ext = await mediator.post(`/api/cases/${c.id}/extend`).send({ days: 30, reason: 'Litige complexe : expertise demandée' });
      expect(ext.body).toMatchObject({ outcomeExtensionDays: 30, outcomeDueAt: '2027-03-20T22:59:59.999Z', nextDueAt: '2027-03-20T22:59:59.999Z' });
      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
      expect(events.find((e) => e.type === 'deadline_extended')?.body).toContain('expertise demandée');
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.extend' })).toHaveLength(1);
    });

    it('the mediator’s dates are refused on a case that is not referred (409)', async () => {
      const c = await newCase();
      expectError(await mediator.put(`/api/cases/${c.id}`).send({ ...c, mediatorReceivedAt: daysAgo(1) }), 409, 'invalid_state');
    });
  });

  describe('MED-8: the referral only after the amicable attempt failed', () => {
    async function caseRow(id: number): Promise<TestRow> {
      return t.db('cases').where('id', id).first();
    }

    it('MED-8: from open before MED-7’s answer deadline, refer is 422 naming the rule (French only), and nothing changes', async () => {
      const c = await newCase(); // complaint 10 days ago: the answer is due 2027-01-10
      const before = await caseRow(c.id);
      const err = expectError(await act(c.id, 'refer'), 422, 'validation_failed');
      expect(err.details).toMatchObject({ rule: 'MED-8', reason: 'answer_pending', answerLastDate: '2027-01-10', answerDueAt: '2027-01-10T22:59:59.999Z' });
      expect(err.message).toContain('MED-8');
      expect(err.message).toContain('10/01/2027');
      expect(err.message).not.toContain(' / ');
      const after = await caseRow(c.id);
      expect(after.status).toBe('open');
      expect(Number(after.version)).toBe(Number(before.version));
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.refer' })).toHaveLength(0);
    });

    it('MED-8: from amicable, the referral goes on before the answer deadline', async () => {
      const c = await newCase();
      expect((await act(c.id, 'amicable')).status).toBe(200);
      const res = await act(c.id, 'refer');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('referred');
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.refer' })).toHaveLength(1);
    });

    it('MED-8: from open, refused on the answer deadline’s last Paris day, admissible the day after when still unanswered', async () => {
      // Complaint 2026-09-10 (Paris): the answer is due 2026-11-10 at 23:59:59.999 Paris (22:59:59.999 UTC).
      const onLastDay = await newCase({ writtenComplaintAt: '2026-09-10T10:00:00.000Z' });
      const err = expectError(await act(onLastDay.id, 'refer', { mediatorReceivedAt: '2026-11-10T22:30:00.000Z' }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ rule: 'MED-8', reason: 'answer_pending', answerLastDate: '2026-11-10' });
      const dayAfter = await newCase({ writtenComplaintAt: '2026-09-10T10:00:00.000Z' });
      const res = await act(dayAfter.id, 'refer', { mediatorReceivedAt: '2026-11-10T23:30:00.000Z' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'referred', referredAt: '2026-11-10T23:30:00.000Z' });
    });

    it('MED-8: from open, a complaint answered within the deadline goes amicable first (422 answered_in_time)', async () => {
      const c = await newCase({ writtenComplaintAt: daysAgo(70) });
      // The platform answered (MED-7) — recorded as of 60 days ago, within the two months.
      await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_out', body: 'Nous avons bien reçu votre réclamation.' });
      await t.db('cases').where('id', c.id).update({ answeredAt: daysAgo(60) });
      const err = expectError(await act(c.id, 'refer'), 422, 'validation_failed');
      expect(err.details).toMatchObject({ rule: 'MED-8', reason: 'answered_in_time' });
      expect((await act(c.id, 'amicable')).status).toBe(200);
      expect((await act(c.id, 'refer')).status).toBe(200);
    });

    it('MED-5 comes before MED-8: an open case with no written complaint is refused for MED-5 1°', async () => {
      const c = await newCase({ writtenComplaintAt: null });
      const err = expectError(await act(c.id, 'refer'), 422, 'validation_failed');
      expect(err.details).toMatchObject({ rule: 'MED-5', reason: 'no_written_complaint' });
    });
  });

  describe('edits and the timeline', () => {
    it('PUT applies the editable fields, ignores read-only ones, refuses unknown ones', async () => {
      const c = await newCase();
      const res = await mediator.put(`/api/cases/${c.id}`).send({ ...c, status: 'closed', category: 'damage', description: 'Vase cassé', nextDueAt: null });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'open', category: 'damage', insuranceClaim: true, description: 'Vase cassé', nextDueKind: 'answer' });
      expectError(await mediator.put(`/api/cases/${c.id}`).send({ ...c, colour: 'red' }), 400, 'invalid_request');
      expectError(await mediator.put(`/api/cases/${c.id}`).send({ ...c, assignedTo: Number((await t.db('users').where('role', 'support').first()).id) }), 422, 'validation_failed');
      expectError(await mediator.put(`/api/cases/${c.id}`).send({ ...c, writtenComplaintAt: '2030-01-01T00:00:00Z' }), 422, 'validation_failed');
      // The written complaint date (MED-5, MED-7) is recorded later: the deadlines follow.
      const late = await mediator.put(`/api/cases/${c.id}`).send({ ...res.body, writtenComplaintAt: '2026-09-30T10:00:00.000Z' });
      expect(late.body).toMatchObject({ answerDueAt: '2026-11-30T22:59:59.999Z', referralLastDate: '2027-09-30' });
    });

    it('MED-7: a message to the parties answers the written complaint; notes do not', async () => {
      const c = await newCase();
      const note = await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'Appel du client.' });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ caseId: c.id, type: 'note', actorId: mediatorId, actorName: 'Marc Médiateur', fileId: null });
      expect((await mediator.get(`/api/cases/${c.id}`)).body.answeredAt).toBeNull();
      await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_out', body: 'Nous avons bien reçu votre réclamation.' });
      expect((await mediator.get(`/api/cases/${c.id}`)).body).toMatchObject({ answeredAt: TEST_NOW.toISOString(), nextDueAt: null, nextDueKind: null });
      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
      expect(events.map((e) => e.type)).toEqual(['status_change', 'note', 'message_out']);
    });

    it('events: types coming from actions are refused (400); a proposal may carry a refund up to the order’s amount (422 beyond)', async () => {
      const c = await newCase();
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'evidence', body: 'x' }), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'status_change', body: 'x' }), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: '' }), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'x', refundCents: 100 }), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'proposal', body: 'Trop', refundCents: Number(order.priceCents) + 1 }), 422, 'validation_failed');
      const p = await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'proposal', body: 'Remboursement de la moitié', refundCents: 1000 });
      expect(p.status).toBe(201);
      expect(p.body.refundCents).toBe(1000);
    });
  });

  describe('outcomes and money (refund against the order)', () => {
    it('an agreement with a partial then a full refund records refund payments on the order, never more than its price', async () => {
      const o = await t.db('orders').where('status', 'completed').whereNot('id', order.id).orderBy('id', 'desc').first();
      const price = Number(o.priceCents);
      const a = await newCase({ orderId: Number(o.id) });
      expectError(await act(a.id, 'close', { outcome: 'agreement', refundCents: price + 1 }), 422, 'validation_failed');
      expectError(await act(a.id, 'close', { outcome: 'withdrawn', refundCents: 100 }), 422, 'validation_failed');
      const partial = await act(a.id, 'close', { outcome: 'agreement', refundCents: 500 });
      expect(partial.status, JSON.stringify(partial.body)).toBe(200);
      expect(partial.body).toMatchObject({ outcome: 'agreement', refundCents: 500 });
      const pay = await t.db('payments').where('id', partial.body.refundPaymentId).first();
      expect(pay).toMatchObject({ orderId: Number(o.id), kind: 'refund' });
      expect(Number(pay.amountCents)).toBe(500);
      // A second case on the same order: at most what is left.
      const b = await newCase({ orderId: Number(o.id) });
      const tooMuch = expectError(await act(b.id, 'close', { outcome: 'agreement', refundCents: price - 499 }), 422, 'validation_failed');
      expect(tooMuch.details).toMatchObject({ maxRefundCents: price - 500 });
      const full = await act(b.id, 'close', { outcome: 'agreement', refundCents: price - 500 });
      expect(full.status).toBe(200);
      const refunds = await t.db('payments').where({ orderId: o.id, kind: 'refund' });
      expect(refunds.reduce((s: number, r: TestRow) => s + Number(r.amountCents), 0)).toBe(price);
    });

    it('a refund without an order is 422; an agreement without a refund is fine', async () => {
      const c = await newCase({ orderId: null, clientId: Number(order.clientId) });
      expectError(await act(c.id, 'close', { outcome: 'agreement', refundCents: 100 }), 422, 'validation_failed');
      expect((await act(c.id, 'close', { outcome: 'agreement' })).body).toMatchObject({ status: 'closed', outcome: 'agreement', refundCents: null });
    });
  });

  describe('race: two mediators act at once', () => {
    it.each([
      ['amicable', {}],
      ['close', { outcome: 'withdrawn' }],
      ['refer', {}],
    ])('when two %s arrive together, then one 200 and one 409 conflict naming who acted first, one audit row', async (action, body) => {
      const c = await newCase({ writtenComplaintAt: daysAgo(70) }); // MED-8: referable from open
      const [r1, r2] = await Promise.all([act(c.id, action, body, mediator), act(c.id, action, body, admin)]);
      const statuses = [r1.status, r2.status].sort();
      expect(statuses, JSON.stringify([r1.body, r2.body])).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      const winnerName = r1.status === 200 ? 'Marc Médiateur' : 'Alice Administratrice';
      const err = expectError(loser, 409, 'conflict');
      expect(err.details?.actedByName).toBe(winnerName);
      expect(err.message).toContain(winnerName);
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: `cases.${action}` })).toHaveLength(1);
    });
  });

  describe('race: two mediators take competing decisions at once', () => {
    // Pairs that exclude each other whatever the order (resolved ↛ referred, referred ↛ resolved;
    // one close only). A pair the state machine allows in sequence (refer then close) is two
    // legitimate decisions, not a race the server can tell apart.
    it.each([
      ['resolve', {}, 'refer', {}, true],
      ['refer', {}, 'resolve', {}, false],
      ['close', { outcome: 'no_agreement' }, 'close', { outcome: 'withdrawn' }, true],
    ])('when %s and %s (%j, %j) arrive together (amicable first: %s), then one 200 and one 409 conflict naming the winner', async (a1, b1, a2, b2, amicableFirst) => {
      const c = await newCase({ writtenComplaintAt: daysAgo(70) }); // MED-8: referable from open
      if (amicableFirst) await act(c.id, 'amicable');
      const [r1, r2] = await Promise.all([act(c.id, a1, b1, mediator), act(c.id, a2, b2 as TestRow, admin)]);
      expect([r1.status, r2.status].sort(), JSON.stringify([r1.body, r2.body])).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      const winnerName = r1.status === 200 ? 'Marc Médiateur' : 'Alice Administratrice';
      expect(expectError(loser, 409, 'conflict').message).toContain(winnerName);
      const decisions = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id) }).whereIn('action', [`cases.${a1}`, `cases.${a2}`]);
      expect(decisions).toHaveLength(1);
    });
  });

  describe('assignment, my cases, the queue', () => {
    it('take, give, unassign; taking a case someone else holds is 409', async () => {
      const c = await newCase({ assignedTo: null });
      expect(c.assignedTo).toBeNull();
      const take = await mediator.post(`/api/cases/${c.id}/assign`).send({});
      expect(take.body.assignedTo).toBe(mediatorId);
      const err = expectError(await admin.post(`/api/cases/${c.id}/assign`).send({}), 409, 'conflict');
      expect(err.message).toContain('Marc Médiateur');
      expect((await admin.post(`/api/cases/${c.id}/assign`).send({ assignedTo: adminId })).body.assignedTo).toBe(adminId);
      expect((await admin.post(`/api/cases/${c.id}/assign`).send({ assignedTo: null })).body.assignedTo).toBeNull();
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.assign' })).toHaveLength(3);
    });

    it('my cases (assignedTo = me), the queue by nearest deadline (nulls last) and the overdue filter', async () => {
      const overdue = await newCase({ writtenComplaintAt: '2025-12-01T10:00:00.000Z', assignedTo: adminId }, admin); // answer due 2026-02-01
      const soon = await newCase({ writtenComplaintAt: '2026-11-19T10:00:00.000Z', assignedTo: adminId }, admin); // due 2027-01-19
      const none = await newCase({ writtenComplaintAt: null, assignedTo: adminId }, admin);
      const mine = await admin.get(listUrl('cases', { sort: ['nextDueAt', 'ASC'], filter: { assignedTo: adminId } }));
      expect(mine.status).toBe(200);
      const order = mine.body.map((r: TestRow) => r.id);
      expect(order.indexOf(overdue.id)).toBeLessThan(order.indexOf(soon.id));
      expect(order[order.length - 1]).toBe(none.id);
      expect(mine.body.every((r: TestRow) => r.assignedTo === adminId)).toBe(true);
      const late = await admin.get(listUrl('cases', { filter: { overdue: true, assignedTo: adminId } }));
      expect(late.body.map((r: TestRow) => r.id)).toEqual([overdue.id]);
      const notLate = await admin.get(listUrl('cases', { filter: { overdue: false, assignedTo: adminId } }));
      expect(notLate.body.map((r: TestRow) => r.id).sort()).toEqual([soon.id, none.id].sort());
      expectError(await admin.get(listUrl('cases', { filter: { overdue: 'sometimes' } })), 400, 'invalid_request');
      const q = await admin.get(listUrl('cases', { filter: { q: overdue.reference } }));
      expect(q.body.map((r: TestRow) => r.id)).toEqual([overdue.id]);
    });
  });

  describe('roles: only mediator and admin act', () => {
    it.each(['support', 'ops', 'coordinator'] as const)('%s gets 403 on every case action', async (role) => {
      const c = await newCase();
      const agent = await t.as(role);
      const calls = [
        agent.post('/api/cases').send({ category: 'quality' }),
        agent.put(`/api/cases/${c.id}`).send({ ...c, description: 'x' }),
        ...['amicable', 'resolve', 'refer', 'close', 'assign', 'extend', 'attach', 'dismiss-suggestion'].map((a) => agent.post(`/api/cases/${c.id}/${a}`).send({ outcome: 'withdrawn' })),
        agent.post(`/api/cases/${c.id}/close-duplicate`).send({ duplicateOfId: c.id }),
        agent.get(`/api/cases/${c.id}/events`),
        agent.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'x' }),
        agent.post(`/api/cases/${c.id}/evidence`).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf'),
        agent.get(`/api/cases/${c.id}/evidence/1`),
        agent.post('/api/cases/intake').attach('file', Buffer.from('From: a@b.fr\r\n\r\nx'), 'x.eml'),
        agent.get(`/api/cases/${c.id}/referral.pdf`),
      ];
      for (const res of await Promise.all(calls)) expectError(res, 403, 'forbidden');
      expect((await t.db('cases').where('id', c.id).first()).status).toBe('open');
      // ops reads cases (signals cite them); support and coordinator do not.
      expect((await agent.get(`/api/cases/${c.id}`)).status).toBe(role === 'ops' ? 200 : 403);
    });

    it('admin acts on cases like a mediator', async () => {
      const c = await newCase({}, admin);
      expect((await act(c.id, 'amicable', {}, admin)).status).toBe(200);
    });
  });

  describe('suggesting a limitation from a case (POST /api/signals with caseId)', () => {
    it('a mediator files a signal citing the case; ops sees it; the mediator cannot apply a limitation (403)', async () => {
      const c = await newCase();
      const res = await mediator.post('/api/signals').send({ partnerId: c.partnerId, reason: 'recent_case', note: `Dossier ${c.reference} : comportement à examiner.`, caseId: c.id });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ partnerId: c.partnerId, caseId: c.id, source: 'filed', status: 'open', createdBy: mediatorId });
      expect(res.body.evidence).toEqual([{ type: 'case', id: c.id }]);
      const ops = await t.as('ops');
      const list = await ops.get(listUrl('signals', { filter: { caseId: c.id } }));
      expect(list.body.map((s: TestRow) => s.id)).toEqual([res.body.id]);
      expectError(await mediator.get(listUrl('signals')), 403, 'forbidden');
      const until = new Date(TEST_NOW.getTime() + 30 * DAY).toISOString();
      expectError(await mediator.post('/api/limitations').send({ partnerId: c.partnerId, reason: 'aggressive_to_clients', modality: 'reduced', endsAt: until, note: 'x' }), 403, 'forbidden');
      expectError(await mediator.post('/api/signals').send({ partnerId: c.partnerId, reason: 'other', note: 'x', caseId: 99999999 }), 422, 'validation_failed');
    });
  });
});
