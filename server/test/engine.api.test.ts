/**
 * The Engine API (CONTRACT.md "Engine API"): bearer app tokens only, the dispatch
 * rules through HTTP (DSP-2..6, DSP-11, DSP-12), money (PAY-3..6), scores (SCO), reviews
 * (REV-2, REV-6..8), favourites (CLI-4), messages (CON-1), account deletion (CLI-2), and the
 * contract's error shape for bad inputs.
 * One file, though long: every case shares one seeded app and its app token, and the
 * rules are read in the order an order lives (created, proposed, answered, done, reviewed).
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';
import { addClient, addCompletedSessions, addPartner, clockOf, DAY, engine, HOUR, MIN, newArea, parisTen, runWorker, type Clocked } from './engineFixture';
import { recomputePartnerScore, REDACTED } from '../engine/live';
import { round1 } from '../engine/score';


describe('engine API', () => {
  let t: TestApp;
  let clock: Clocked;
  let api: ReturnType<typeof engine>;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    api = engine(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    clock.set(TEST_NOW);
  });

  const at = (ms: number) => new Date(TEST_NOW.getTime() + ms).toISOString();
  const deadlinesOf = async (kind: string, refId: number) => (await t.db('engineDeadlines').where({ kind, refId })) as TestRow[];
  const pendingDeadline = async (kind: string, refId: number) => ((await deadlinesOf(kind, refId)) as TestRow[]).filter((d) => d.status === 'pending');

  /** An area with three partners scored 70, 60, 50 and one client. */
  async function market() {
    const area = newArea();
    const best = await addPartner(t, area, { score: 70, kmNorth: 2 });
    const second = await addPartner(t, area, { score: 60, kmNorth: 1 });
    const third = await addPartner(t, area, { score: 50, kmNorth: 3 });
    const client = await addClient(t, area);
    return { area, best, second, third, client };
  }

  async function order(clientId: number, startsAt: string, extra: TestRow = {}) {
    const res = await api.post('/orders', { clientId, serviceCode: 'haircut', startsAt, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { order: TestRow; proposal: TestRow | null };
  }

  describe('authentication', () => {
    it('when a staff session (admin) calls the engine API instead of a bearer token, then 401 not_authenticated', async () => {
      const admin = await t.as('admin');
      const m = await market();
      expectError(await admin.post('/api/engine/orders').send({ clientId: m.client, serviceCode: 'haircut', startsAt: at(3 * HOUR) }), 401, 'not_authenticated');
      expectError(await admin.post('/api/engine/proposals/1/answer').send({ answer: 'accept' }), 401, 'not_authenticated');
      expectError(await admin.delete(`/api/engine/clients/${m.client}`), 401, 'not_authenticated');
      expect(await t.db('orders').where('clientId', m.client).first()).toBeUndefined();
    });

    it('when there is no token, or an unknown one, then 401', async () => {
      expectError(await request(t.app).post('/api/engine/orders').send({}), 401, 'not_authenticated');
      expectError(await request(t.app).post('/api/engine/orders').set('Authorization', 'Bearer not-a-real-token-123').send({}), 401, 'not_authenticated');
    });

    it('when the admin recomputes every score, then 200 with a summary; ops get 403 and apps 401', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/engine/recompute-scores');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.partners).toBeGreaterThan(10);
      expect(typeof res.body.platformMean).toBe('number');
      expectError(await (await t.as('ops')).post('/api/engine/recompute-scores'), 403, 'forbidden');
      expectError(await api.post('/recompute-scores'), 401, 'not_authenticated');
      const p = (await admin.get('/api/partners/1')).body;
      expect(p.scoreDetails).toMatchObject({ R: expect.any(Number), A: expect.any(Number), F: expect.any(Number), completedInWindow: expect.any(Number), usesPlatformMean: expect.any(Boolean), platformMean: res.body.platformMean });
      const row = await t.db('auditLog').where('action', 'partners.recompute_scores').orderBy('id', 'desc').first();
      expect(row.actorId).toBe(1);
    });
  });

  describe('creating an order (DSP-2, DSP-4, DSP-11, DSP-12, PAY-1/2)', () => {
    it('when a client books 3 h ahead, then 201: the order takes the service’s price and the client’s address, and the best partner gets a 5 min proposal', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(3 * HOUR));
      const client = await t.db('clients').where('id', m.client).first();
      const service = await t.db('services').where('id', 'haircut').first();
      expect(o).toMatchObject({ clientId: m.client, status: 'dispatching', partnerId: null, priceCents: service.priceCents, partnerPayCents: service.partnerPayCents, address: client.address, lat: client.lat, lng: client.lng });
      expect(o.reference).toBe(`R${String(o.id).padStart(7, '0')}`);
      expect(new Date(o.endsAt).getTime() - new Date(o.startsAt).getTime()).toBe(service.durationMin * MIN);
      expect(proposal).toMatchObject({ orderId: o.id, partnerId: m.best, rank: 1, answer: null, sentAt: TEST_NOW.toISOString(), deadlineAt: at(5 * MIN) });
      expect(await pendingDeadline('order_expiry', o.id)).toHaveLength(1);
      expect(new Date((await pendingDeadline('order_expiry', o.id))[0].dueAt).toISOString()).toBe(at(2 * HOUR));
      expect(await pendingDeadline('proposal_timeout', proposal!.id)).toHaveLength(1);
      const audit = await t.db('auditLog').where({ action: 'orders.create', resourceId: String(o.id) }).first();
      expect(audit.actorKind).toMatch(/^app:\d+$/);
      expect(JSON.parse(audit.after)).toMatchObject({ id: o.id, status: 'dispatching' });
    });

    it.each([
      [3 * HOUR, 5],
      [10 * HOUR, 15],
      [30 * HOUR, 30],
      [4 * DAY, 60],
    ])('DSP-11: when the order starts %i ms after its creation, then the answer window is %i min', async (lead, minutes) => {
      const m = await market();
      const { proposal } = await order(m.client, at(lead));
      expect(new Date(proposal!.deadlineAt).getTime() - new Date(proposal!.sentAt).getTime()).toBe(minutes * MIN);
    });

    it('DSP-2: when the start is less than 2 h ahead, then 422 validation_failed on startsAt and nothing is written; exactly 2 h is accepted', async () => {
      const m = await market();
      const before = Number((await t.db('orders').count({ n: '*' }))[0].n);
      const err = expectError(await api.post('/orders', { clientId: m.client, serviceCode: 'haircut', startsAt: at(2 * HOUR - MIN) }), 422, 'validation_failed');
      expect(err.details).toMatchObject({ fields: { startsAt: expect.any(String) } });
      // One language per message (CONTRACT.md "HTTP"): French unless the app asks for English.
      expect(err.message).toMatch(/^Une réservation se fait au moins 2 h à l’avance/);
      expect(err.message).not.toContain(' / ');
      expectError(await api.post('/orders', { clientId: m.client, serviceCode: 'haircut', startsAt: at(-HOUR) }), 422, 'validation_failed');
      expect(Number((await t.db('orders').count({ n: '*' }))[0].n)).toBe(before);
      await order(m.client, at(2 * HOUR));
    });

    it('when the client or the service does not exist, then 404 not_found', async () => {
      expectError(await api.post('/orders', { clientId: 999999, serviceCode: 'haircut', startsAt: at(5 * HOUR) }), 404, 'not_found');
      const m = await market();
      expectError(await api.post('/orders', { clientId: m.client, serviceCode: 'no_such_service', startsAt: at(5 * HOUR) }), 404, 'not_found');
    });

    it.each([
      ['no body', undefined],
      ['a missing field', { serviceCode: 'haircut', startsAt: '2026-11-21T10:00:00Z' }],
      ['an unknown field', { clientId: 1, serviceCode: 'haircut', startsAt: '2026-11-21T10:00:00Z', tip: 5 }],
      ['a start that is not an instant', { clientId: 1, serviceCode: 'haircut', startsAt: 'tomorrow' }],
      ['a client id that is a string', { clientId: '1', serviceCode: 'haircut', startsAt: '2026-11-21T10:00:00Z' }],
      ['lat without lng', { clientId: 1, serviceCode: 'haircut', startsAt: '2026-11-21T10:00:00Z', lat: 48.8 }],
    ])('when the body has %s, then 400 invalid_request', async (_label, body) => {
      expectError(await api.post('/orders', body), 400, 'invalid_request');
    });

    it('DSP-12: when nobody is eligible, then the order waits without a proposal and expires 1 h before its start', async () => {
      const area = newArea();
      const client = await addClient(t, area);
      const { order: o, proposal } = await order(client, at(5 * HOUR));
      expect(proposal).toBeNull();
      clock.set(at(4 * HOUR - 1000));
      await runWorker(t);
      expect((await t.db('orders').where('id', o.id).first()).status).toBe('dispatching');
      clock.set(at(4 * HOUR));
      await runWorker(t);
      expect((await t.db('orders').where('id', o.id).first()).status).toBe('expired');
      expect(await t.db('auditLog').where({ action: 'orders.expire', resourceId: String(o.id) }).first()).toBeTruthy();
    });
  });

  describe('answering a proposal (DSP-3..6)', () => {
    it('when the partner declines, then the next partner in score order gets the proposal at once', async () => {
      const m = await market();
      const { proposal } = await order(m.client, at(3 * HOUR));
      const res = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'decline' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.proposal).toMatchObject({ answer: 'declined', answeredAt: TEST_NOW.toISOString() });
      expect(res.body.nextProposal).toMatchObject({ partnerId: m.second, rank: 2 });
      expect(await pendingDeadline('proposal_timeout', proposal!.id)).toHaveLength(0);
    });

    it('DSP-5: when the window passes without an answer, then the worker records a timeout and solicits the next partner', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(3 * HOUR));
      clock.set(at(5 * MIN));
      const summary = await runWorker(t);
      expect(summary.byKind.proposal_timeout).toBeGreaterThanOrEqual(1);
      const rows = (await t.db('proposals').where('orderId', o.id).orderBy('rank')) as TestRow[];
      expect(rows.map((r) => [r.partnerId, r.answer])).toEqual([
        [m.best, 'timeout'],
        [m.second, null],
      ]);
      expect(new Date(rows[0].answeredAt).toISOString()).toBe(proposal!.deadlineAt);
    });

    it('DSP-6: when the partner accepts, then the order is accepted with that partner, its timers stop and the card payments are written (PAY-3)', async () => {
      const m = await market();
      const startsAt = parisTen(TEST_NOW, 3);
      const { order: o, proposal } = await order(m.client, startsAt.toISOString());
      clock.advance(MIN);
      const res = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.order).toMatchObject({ status: 'accepted', partnerId: m.best, acceptedAt: at(MIN) });
      expect(await pendingDeadline('order_expiry', o.id)).toHaveLength(0);
      expect(await pendingDeadline('proposal_timeout', proposal!.id)).toHaveLength(0);
      const payments = (await t.db('payments').where('orderId', o.id).orderBy('dueAt')) as TestRow[];
      expect(payments.map((p) => [p.kind, p.amountCents, new Date(p.dueAt).toISOString(), p.doneAt])).toEqual([
        ['preauth', o.priceCents, new Date(startsAt.getTime() - DAY).toISOString(), null],
        ['capture', o.priceCents, new Date(startsAt.getTime() + HOUR + DAY).toISOString(), null],
      ]);
      // The pre-authorisation is done when due (PAY-3), the capture only once the session is completed.
      clock.set(new Date(startsAt.getTime() - DAY));
      await runWorker(t);
      const preauth = await t.db('payments').where({ orderId: o.id, kind: 'preauth' }).first();
      expect(new Date(preauth.doneAt).toISOString()).toBe(new Date(startsAt.getTime() - DAY).toISOString());
    });

    it('PAY-6: when a session is booked less than 24 h ahead, then it is pre-authorised at acceptance; PAY-5: Care with the immediate advance gets one URSSAF debit', async () => {
      const area = newArea();
      await addPartner(t, area, { score: 80, services: ['haircut', 'cleaning'] });
      const client = await addClient(t, area);
      const soon = await order(client, at(5 * HOUR));
      await api.post(`/proposals/${soon.proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      const p1 = (await t.db('payments').where('orderId', soon.order.id).orderBy('id')) as TestRow[];
      expect(p1.map((p) => [p.kind, p.doneAt && new Date(p.doneAt).toISOString()])).toEqual([
        ['preauth', TEST_NOW.toISOString()],
        ['capture', null],
      ]);
      const care = await api.post('/orders', { clientId: client, serviceCode: 'cleaning', startsAt: parisTen(TEST_NOW, 4).toISOString(), immediateAdvance: true });
      expect(care.status, JSON.stringify(care.body)).toBe(201);
      expect(care.body.order.immediateAdvance).toBe(true);
      await api.post(`/proposals/${care.body.proposal.id}/answer`, { answer: 'accept' }).expect(200);
      const p2 = (await t.db('payments').where('orderId', care.body.order.id)) as TestRow[];
      expect(p2.map((p) => [p.kind, p.amountCents])).toEqual([['urssaf_debit', care.body.order.priceCents]]);
    });

    it('when the proposal was already answered, then 409 invalid_state; when it expired, 409; unknown or non-numeric id, 404', async () => {
      const m = await market();
      const { proposal } = await order(m.client, at(3 * HOUR));
      const first = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'decline' });
      const second = first.body.nextProposal;
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }), 409, 'invalid_state');
      clock.set(new Date(new Date(second.deadlineAt).getTime() + 1000));
      const err = expectError(await api.post(`/proposals/${second.id}/answer`, { answer: 'accept' }), 409, 'invalid_state');
      expect(err.details).toMatchObject({ reason: 'expired' });
      // At the deadline itself the answer still counts (the window is inclusive).
      clock.set(second.deadlineAt);
      expect((await api.post(`/proposals/${second.id}/answer`, { answer: 'accept' })).status).toBe(200);
      expectError(await api.post('/proposals/99999999/answer', { answer: 'accept' }), 404, 'not_found');
      expectError(await api.post('/proposals/abc/answer', { answer: 'accept' }), 404, 'not_found');
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'maybe' }), 400, 'invalid_request');
    });

    it('when the order is accepted, then answering another proposal of it is 409 (never two acceptances)', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(30 * HOUR));
      const slot = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'other_slot', proposedStartsAt: at(32 * HOUR) });
      expect(slot.status, JSON.stringify(slot.body)).toBe(200);
      await api.post(`/proposals/${proposal!.id}/slot-answer`, { accept: true }).expect(200);
      expectError(await api.post(`/proposals/${proposal!.id}/slot-answer`, { accept: true }), 409, 'invalid_state');
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }), 409, 'invalid_state');
      const accepted = (await t.db('proposals').where('orderId', o.id)) as TestRow[];
      expect(accepted.filter((p) => p.answer === 'accepted' || p.clientAnswer === 'accepted')).toHaveLength(1);
    });

    it('DSP-12: when the partner proposes another slot and the client accepts, then the order is accepted at the new time; another slot needs a time ≥ 2 h ahead (422)', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(30 * HOUR));
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'other_slot' }), 422, 'validation_failed');
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'other_slot', proposedStartsAt: at(HOUR) }), 422, 'validation_failed');
      const res = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'other_slot', proposedStartsAt: at(33 * HOUR) });
      expect(res.body.proposal).toMatchObject({ answer: 'other_slot', proposedStartsAt: at(33 * HOUR) });
      expect(res.body.nextProposal).toBeNull();
      expect(res.body.order.status).toBe('dispatching');
      expect(await pendingDeadline('slot_answer_timeout', proposal!.id)).toHaveLength(1);
      const ok = await api.post(`/proposals/${proposal!.id}/slot-answer`, { accept: true });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.order).toMatchObject({ status: 'accepted', partnerId: m.best, startsAt: at(33 * HOUR), endsAt: at(34 * HOUR) });
      expect(ok.body.proposal.clientAnswer).toBe('accepted');
      expect((await t.db('orders').where('id', o.id).first()).partnerId).toBe(m.best);
    });

    it('DSP-12: when the client declines another slot (or does not answer in time), then dispatch goes on with the next partner', async () => {
      const m = await market();
      const a = await order(m.client, at(30 * HOUR));
      await api.post(`/proposals/${a.proposal!.id}/answer`, { answer: 'other_slot', proposedStartsAt: at(33 * HOUR) }).expect(200);
      const declined = await api.post(`/proposals/${a.proposal!.id}/slot-answer`, { accept: false });
      expect(declined.body.nextProposal).toMatchObject({ partnerId: m.second });

      const b = await order(m.client, at(50 * HOUR));
      await api.post(`/proposals/${b.proposal!.id}/answer`, { answer: 'other_slot', proposedStartsAt: at(52 * HOUR) }).expect(200);
      clock.advance(30 * MIN);
      await runWorker(t);
      const rows = (await t.db('proposals').where('orderId', b.order.id).orderBy('rank')) as TestRow[];
      expect(rows.map((r) => [r.partnerId, r.answer, r.clientAnswer])).toEqual([
        [m.best, 'other_slot', 'declined'],
        [m.second, null, null],
      ]);
      expectError(await api.post(`/proposals/${rows[1].id}/slot-answer`, { accept: true }), 409, 'invalid_state');
    });

    it('DSP-4 / CLI-4: when the client marked a partner as favourite, then that partner is proposed first even with a lower score', async () => {
      const m = await market();
      const fav = await api.post('/favourites', { clientId: m.client, partnerId: m.third });
      expect(fav.status).toBe(201);
      expect(fav.body).toMatchObject({ created: true, favourite: { clientId: m.client, partnerId: m.third } });
      const again = await api.post('/favourites', { clientId: m.client, partnerId: m.third });
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      expectError(await api.post('/favourites', { clientId: m.client, partnerId: 99999999 }), 404, 'not_found');
      expectError(await api.post('/favourites', { clientId: 99999999, partnerId: m.third }), 404, 'not_found');
      const { proposal } = await order(m.client, at(3 * HOUR));
      expect(proposal!.partnerId).toBe(m.third);
    });

    it('DSP-9 / LIM-2 / LIM-5: an existing-clients-only partner is not offered a new client’s order; a reduced one comes after every unlimited one', async () => {
      const area = newArea();
      const onlyExisting = await addPartner(t, area, { score: 95, limitation: 'existing_clients_only' });
      const reduced = await addPartner(t, area, { score: 90, limitation: 'reduced' });
      const plain = await addPartner(t, area, { score: 40 });
      const client = await addClient(t, area);
      const { order: o, proposal } = await order(client, at(3 * HOUR));
      expect(proposal!.partnerId).toBe(plain);
      const next = (await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'decline' })).body.nextProposal;
      expect(next.partnerId).toBe(reduced);
      const last = (await api.post(`/proposals/${next.id}/answer`, { answer: 'decline' })).body.nextProposal;
      expect(last).toBeNull();
      expect(((await t.db('proposals').where('orderId', o.id)) as TestRow[]).map((p) => p.partnerId)).not.toContain(onlyExisting);
    });
  });

  describe('after acceptance: cancel, complete, no-show (CLI-3, SCO)', () => {
    async function accepted(daysAhead = 2) {
      const m = await market();
      const startsAt = parisTen(TEST_NOW, daysAhead);
      const { order: o, proposal } = await order(m.client, startsAt.toISOString());
      await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      return { ...m, order: o, startsAt };
    }

    it('when the client cancels a request still dispatching, then it is cancelled_by_client and the pending proposal is withdrawn; the partner cannot cancel it (409)', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(5 * HOUR));
      expectError(await api.post(`/orders/${o.id}/cancel`, { by: 'partner' }), 409, 'invalid_state');
      const res = await api.post(`/orders/${o.id}/cancel`, { by: 'client' });
      expect(res.status).toBe(200);
      expect(res.body.order).toMatchObject({ status: 'cancelled_by_client', cancelledAt: TEST_NOW.toISOString() });
      expect(await pendingDeadline('proposal_timeout', proposal!.id)).toHaveLength(0);
      expect(await pendingDeadline('order_expiry', o.id)).toHaveLength(0);
      expectError(await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }), 409, 'invalid_state');
      expectError(await api.post(`/orders/${o.id}/cancel`, { by: 'client' }), 409, 'invalid_state');
    });

    it('SCO-4 / SCO-8: when the partner cancels an appointment 5 days ahead, then it is cancelled_by_partner, the pending payments are dropped and the score drops at once, in the event and in bulk', async () => {
      const a = await accepted(5);
      // 20 completed sessions before (real 37.5, SCO-6 no longer applies): F = 20/20.
      await addCompletedSessions(t, { partnerId: a.best, clientId: await addClient(t, a.area), n: 20, now: TEST_NOW });
      expect(await recomputePartnerScore({ db: t.db, clock }, a.best)).toMatchObject({ accepted: 20, cancellations: 0, F: 1, real: 37.5, score: 37.5 });
      clock.advance(HOUR);
      const res = await api.post(`/orders/${a.order.id}/cancel`, { by: 'partner' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.order.status).toBe('cancelled_by_partner');
      expect(await t.db('payments').where('orderId', a.order.id).whereNull('doneAt')).toHaveLength(0);
      // The cancellation counts from now, not from its start in 5 days: F = 1 − 1/21,
      // 100 × (0.5 × 0 + 0.25 × 0.5 + 0.25 × 20/21) = 36.31 → 36.3.
      const p = await t.db('partners').where('id', a.best).first();
      const details = JSON.parse(p.scoreDetails);
      expect(details).toMatchObject({ computedAt: at(HOUR), cancellations: 1, accepted: 21, real: 36.3, score: 36.3, usesPlatformMean: false });
      expect(details.F).toBeCloseTo(20 / 21, 12);
      expect(Number(p.score)).toBe(36.3);
      // The bulk recompute reads the same window.
      expect((await (await t.as('admin')).post('/api/engine/recompute-scores')).status).toBe(200);
      expect(JSON.parse((await t.db('partners').where('id', a.best).first()).scoreDetails)).toMatchObject({ cancellations: 1, accepted: 21, score: 36.3 });
      expectError(await api.post(`/orders/${a.order.id}/cancel`, { by: 'client' }), 409, 'invalid_state');
      expectError(await api.post('/orders/99999999/cancel', { by: 'client' }), 404, 'not_found');
      expectError(await api.post(`/orders/${a.order.id}/cancel`, { by: 'nobody' }), 400, 'invalid_request');
    });

    it('when a session is marked completed before it starts, then 409; after its start, completed — the partner’s sessions and score breakdown follow (SCO-5, SCO-6)', async () => {
      const a = await accepted(1);
      expectError(await api.post(`/orders/${a.order.id}/complete`), 409, 'invalid_state');
      clock.set(new Date(a.startsAt.getTime() + HOUR));
      const res = await api.post(`/orders/${a.order.id}/complete`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.order).toMatchObject({ status: 'completed', completedAt: new Date(a.startsAt.getTime() + HOUR).toISOString() });
      const p = await t.db('partners').where('id', a.best).first();
      expect(p.completedSessions).toBe(1);
      const details = JSON.parse(p.scoreDetails);
      // One completed session, one client, no survey yet: it is the client's first completed session, so it counts 3 (SCO-3).
      expect(details).toMatchObject({ completedInWindow: 1, distinctClients: 1, ratingsCounted: 1, imputedRatings: 1, A: 0.5, F: 1, real: 37.5, usesPlatformMean: true });
      // SCO-6: one session in all — one twentieth of the way from the platform mean to the real score.
      expect(Number(p.score)).toBe(round1((19 * details.platformMean + 37.5) / 20));
      expectError(await api.post(`/orders/${a.order.id}/complete`), 409, 'invalid_state');
      expectError(await api.post(`/orders/${a.order.id}/complete`, { extra: 1 }), 400, 'invalid_request');
      // PAY-3: the capture follows when due.
      clock.set(new Date(a.startsAt.getTime() + 2 * DAY));
      await runWorker(t);
      const capture = await t.db('payments').where({ orderId: a.order.id, kind: 'capture' }).first();
      expect(capture.doneAt).not.toBeNull();
    });

    it('SCO-4: when the client cancels an appointment 5 days ahead, then the partner’s reliability does not change', async () => {
      const a = await accepted(5);
      await addCompletedSessions(t, { partnerId: a.best, clientId: await addClient(t, a.area), n: 20, now: TEST_NOW });
      clock.advance(HOUR);
      await api.post(`/orders/${a.order.id}/cancel`, { by: 'client' }).expect(200);
      const details = JSON.parse((await t.db('partners').where('id', a.best).first()).scoreDetails);
      expect(details).toMatchObject({ computedAt: at(HOUR), cancellations: 0, accepted: 20, F: 1, score: 37.5 });
    });

    it('SCO-6: when the 20th session completes, then the score moves from ((20 − 19) × M + 19 × real) / 20 to the real score — no jump', async () => {
      const a = await accepted(1);
      await addCompletedSessions(t, { partnerId: a.best, clientId: await addClient(t, a.area), n: 19, now: TEST_NOW });
      const at19 = (await recomputePartnerScore({ db: t.db, clock }, a.best))!;
      const mean = JSON.parse((await t.db('partners').where('id', a.best).first()).scoreDetails).platformMean;
      expect(at19).toMatchObject({ real: 37.5, usesPlatformMean: true, score: round1((mean + 19 * 37.5) / 20) });
      clock.set(new Date(a.startsAt.getTime() + HOUR));
      await api.post(`/orders/${a.order.id}/complete`).expect(200);
      const p = await t.db('partners').where('id', a.best).first();
      expect(p.completedSessions).toBe(20);
      expect(JSON.parse(p.scoreDetails)).toMatchObject({ real: 37.5, usesPlatformMean: false, score: 37.5 });
      expect(Math.abs(Number(p.score) - at19.score)).toBeLessThanOrEqual(Math.abs(mean - 37.5) / 20 + 0.05);
    });

    it('SCO-4: when a no-show is recorded, then the order is no_show, nothing is captured and reliability drops by 3 cancellations’ worth', async () => {
      const a = await accepted(1);
      clock.set(new Date(a.startsAt.getTime() + 30 * MIN));
      const res = await api.post(`/orders/${a.order.id}/no-show`);
      expect(res.status).toBe(200);
      expect(res.body.order.status).toBe('no_show');
      expect(await t.db('payments').where({ orderId: a.order.id, kind: 'capture' })).toHaveLength(0);
      const details = JSON.parse((await t.db('partners').where('id', a.best).first()).scoreDetails);
      expect(details).toMatchObject({ noShows: 1, accepted: 1, F: 0 });
    });
  });

  describe('SCO-8 / ENG-12: the client’s first completed session is the one that starts first', () => {
    it('when a later, shorter session with another partner ends first, then the survey counts 3 for the earlier one only, for both partners in the event and in bulk', async () => {
      const area = newArea();
      const long = await addPartner(t, area, { score: 70, services: ['colouring'] }); // 90 min
      const short = await addPartner(t, area, { score: 70, services: ['barber'] }); // 45 min
      const client = await addClient(t, area);
      const first = await order(client, at(3 * HOUR), { serviceCode: 'colouring' }); // 3:00–4:30
      const second = await order(client, at(3 * HOUR + 15 * MIN), { serviceCode: 'barber' }); // 3:15–4:00
      expect([first.proposal?.partnerId, second.proposal?.partnerId]).toEqual([long, short]);
      await api.post(`/proposals/${first.proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      await api.post(`/proposals/${second.proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      clock.set(at(4 * HOUR + 5 * MIN));
      await api.post(`/orders/${second.order.id}/complete`).expect(200);
      clock.set(at(4 * HOUR + 35 * MIN));
      await api.post(`/orders/${first.order.id}/complete`).expect(200);
      const imputed = async (id: number) => JSON.parse((await t.db('partners').where('id', id).first()).scoreDetails).imputedRatings;
      // Recomputed when its session completed: the earlier-starting session is the client's first.
      expect(await imputed(long)).toBe(1);
      // …and in the same event the shorter session's partner, whose session is no longer the first.
      expect(await imputed(short)).toBe(0);
      // The bulk recompute finds the same.
      expect((await (await t.as('admin')).post('/api/engine/recompute-scores')).status).toBe(200);
      expect(await imputed(long)).toBe(1);
      expect(await imputed(short)).toBe(0);
    });
  });

  describe('reviews (REV-2, REV-5..8, SCO-3)', () => {
    async function completed() {
      const area = newArea();
      const partner = await addPartner(t, area, { score: 70 });
      const client = await addClient(t, area);
      const { order: o, proposal } = await order(client, at(3 * HOUR));
      await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      clock.set(at(5 * HOUR));
      await api.post(`/orders/${o.id}/complete`).expect(200);
      return { partner, client, order: o };
    }

    it('when a client leaves a positive review, then it is published at once and the score counts it', async () => {
      const c = await completed();
      const res = await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 5, comment: 'Parfait !', recommended: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.review).toMatchObject({ orderId: c.order.id, partnerId: c.partner, clientId: c.client, rating: 5, recommended: true, surveyAnswered: true, publishedAt: at(5 * HOUR) });
      const details = JSON.parse((await t.db('partners').where('id', c.partner).first()).scoreDetails);
      expect(details).toMatchObject({ ratingsCounted: 1, imputedRatings: 0, A: 1 });
      expectError(await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 4 }), 409, 'conflict');
    });

    it('REV-2 / REV-8: when the review is negative, then it is published 7 days later by the worker; an edit applies the rule again from the edit', async () => {
      const c = await completed();
      const res = await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 2, comment: 'Retard.' });
      expect(res.body.review.publishedAt).toBeNull();
      const id = res.body.review.id;
      const [timer] = await pendingDeadline('review_publish', id);
      expect(new Date(timer.dueAt).toISOString()).toBe(at(5 * HOUR + 7 * DAY));
      clock.set(at(5 * HOUR + 7 * DAY - MIN));
      await runWorker(t);
      expect((await t.db('reviews').where('id', id).first()).publishedAt).toBeNull();
      clock.set(at(5 * HOUR + 7 * DAY));
      await runWorker(t);
      expect(new Date((await t.db('reviews').where('id', id).first()).publishedAt).toISOString()).toBe(at(5 * HOUR + 7 * DAY));
      // REV-6: the author edits; a 1 goes back to a week's wait from the edit.
      clock.set(at(10 * DAY));
      const edit = await api.put(`/reviews/${id}`, { clientId: c.client, rating: 1, comment: 'Vraiment en retard.' });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      expect(edit.body.review).toMatchObject({ rating: 1, editedAt: at(10 * DAY), publishedAt: null });
      const back = await api.put(`/reviews/${id}`, { clientId: c.client, rating: 4 });
      expect(back.body.review.publishedAt).toBe(at(10 * DAY));
      expect(await pendingDeadline('review_publish', id)).toHaveLength(0);
    });

    it('REV-6 / REV-7: only the author edits (403); recommending needs a satisfied rating (422); a review needs a completed session (409) that exists (404)', async () => {
      const c = await completed();
      const other = await addClient(t, newArea());
      expectError(await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 2, recommended: true }), 422, 'validation_failed');
      expectError(await api.post('/reviews', { orderId: c.order.id, clientId: other, rating: 5 }), 403, 'forbidden');
      const created = await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 4, recommended: true });
      expect(created.status).toBe(201);
      expectError(await api.put(`/reviews/${created.body.review.id}`, { clientId: other, rating: 1 }), 403, 'forbidden');
      expectError(await api.put(`/reviews/${created.body.review.id}`, { clientId: c.client, rating: 3, recommended: true }), 422, 'validation_failed');
      const lowered = await api.put(`/reviews/${created.body.review.id}`, { clientId: c.client, rating: 3 });
      expect(lowered.body.review).toMatchObject({ rating: 3, recommended: false });
      expectError(await api.put('/reviews/99999999', { clientId: c.client, rating: 3 }), 404, 'not_found');
      expectError(await api.post('/reviews', { orderId: 99999999, clientId: c.client, rating: 5 }), 404, 'not_found');
      expectError(await api.post('/reviews', { orderId: c.order.id, clientId: c.client, rating: 6 }), 400, 'invalid_request');
      const m = await market();
      const pending = await order(m.client, at(8 * HOUR));
      expectError(await api.post('/reviews', { orderId: pending.order.id, clientId: m.client, rating: 5 }), 409, 'invalid_state');
    });
  });

  describe('messages (CON-1)', () => {
    it('when a client writes to the partner of their order, then 201 and the message is stored (the audit keeps no text); without an order between them, 409', async () => {
      const m = await market();
      const { order: o, proposal } = await order(m.client, at(3 * HOUR));
      const res = await api.post('/messages', { clientId: m.client, partnerId: m.best, orderId: o.id, sender: 'client', body: 'Bonjour, le code de la porte est 1234.' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.message).toMatchObject({ clientId: m.client, partnerId: m.best, orderId: o.id, sender: 'client', body: 'Bonjour, le code de la porte est 1234.' });
      const audit = await t.db('auditLog').where({ action: 'messages.create', resourceId: String(res.body.message.id) }).first();
      expect(audit.after).not.toContain('1234');
      expectError(await api.post('/messages', { clientId: m.client, partnerId: m.second, sender: 'partner', body: 'Bonjour' }), 409, 'invalid_state');
      expectError(await api.post('/messages', { clientId: m.client, partnerId: m.third, orderId: o.id, sender: 'partner', body: 'Bonjour' }), 422, 'validation_failed');
      await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      expect((await api.post('/messages', { clientId: m.client, partnerId: m.best, sender: 'partner', body: 'À tout à l’heure' })).status).toBe(201);
      expectError(await api.post('/messages', { clientId: m.client, partnerId: 99999999, sender: 'partner', body: 'x' }), 404, 'not_found');
      expectError(await api.post('/messages', { clientId: m.client, partnerId: m.best, sender: 'partner', body: '' }), 400, 'invalid_request');
    });
  });

  describe('deleting a client account (CLI-2)', () => {
    it('when a client deletes their account, then personal data is anonymised, orders and payments stay, open requests are cancelled and the audit trail is redacted; twice is 409', async () => {
      const m = await market();
      const client = await t.db('clients').where('id', m.client).first();
      const done = await order(m.client, at(3 * HOUR));
      await api.post(`/proposals/${done.proposal!.id}/answer`, { answer: 'accept' }).expect(200);
      clock.set(at(5 * HOUR));
      await api.post(`/orders/${done.order.id}/complete`).expect(200);
      const open = await order(m.client, at(30 * HOUR));
      // A staff edit left the client's data in the trail.
      await t.db('auditLog').insert({ at: TEST_NOW.toISOString(), actorId: 2, actorKind: 'staff', action: 'clients.edit', resource: 'clients', resourceId: String(m.client), before: JSON.stringify({ email: client.email, phone: client.phone, city: client.city }), after: JSON.stringify({ email: 'new@x.test', firstName: client.firstName }) });
      const paymentsBefore = await t.db('payments').where('orderId', done.order.id);

      const res = await api.delete(`/clients/${m.client}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.client).toMatchObject({ id: m.client, firstName: 'Client', lastName: 'supprimé', email: null, phone: null, address: null, deletedAt: at(5 * HOUR), reference: client.reference });
      expect(res.body.cancelledOrderIds).toEqual([open.order.id]);
      expect((await t.db('orders').where('id', open.order.id).first()).status).toBe('cancelled_by_client');
      const kept = await t.db('orders').where('id', done.order.id).first();
      expect(kept).toMatchObject({ status: 'completed', clientId: m.client, address: null, priceCents: done.order.priceCents });
      expect(await t.db('payments').where('orderId', done.order.id)).toHaveLength(paymentsBefore.length);
      const row = await t.db('clients').where('id', m.client).first();
      expect(row.searchText).not.toContain(client.lastName.toLowerCase());
      // No personal value is left in the trail (clients and their orders).
      const trail = (await t.db('auditLog').whereIn('resource', ['clients', 'orders'])) as TestRow[];
      for (const r of trail) {
        const text = `${r.before ?? ''} ${r.after ?? ''}`;
        expect(text).not.toContain(client.email);
        expect(text).not.toContain(client.phone);
        expect(text).not.toContain(client.address);
        expect(text).not.toContain(client.lastName);
      }
      const edited = await t.db('auditLog').where({ action: 'clients.edit', resourceId: String(m.client) }).first();
      expect(JSON.parse(edited.before)).toEqual({ email: REDACTED, phone: REDACTED, city: client.city });
      expect(JSON.parse(edited.after)).toEqual({ email: REDACTED, firstName: REDACTED });
      expect(await t.db('auditLog').where({ action: 'clients.delete', resourceId: String(m.client) }).first()).toBeTruthy();

      expectError(await api.delete(`/clients/${m.client}`), 409, 'invalid_state');
      expectError(await api.post('/orders', { clientId: m.client, serviceCode: 'haircut', startsAt: at(30 * HOUR) }), 409, 'invalid_state');
      expectError(await api.delete('/clients/99999999'), 404, 'not_found');
      expectError(await api.delete('/clients/x1'), 404, 'not_found');
    });
  });
});
