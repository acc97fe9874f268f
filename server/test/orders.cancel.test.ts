/**
 * Staff cancelling an order for its client or its partner (CONTRACT.md "Orders (support,
 * admin)": `POST /api/orders/{id}/cancel` `{by, reason}`): the role table, the contract's error
 * shape for bad requests, the engine's own rules on what may be cancelled (CLI-3, ENG-4), the
 * score (SCO-4, SCO-8: the partner's cancellation counts at once; the client's does not touch
 * reliability), the payments (ENG-6, PAY-3, PAY-6: nothing more is charged) and the audit row
 * with the staff member and the reason.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError } from './helpers';
import { addClient, addCompletedSessions, addPartner, BEARER, clockOf, DAY, engine, HOUR, newArea, parisTen, runWorker, type Clocked } from './engineFixture';
import { recomputePartnerScore } from '../engine/live';
import type { JsonObject } from '../../shared/json';
import type { ScoreBreakdown } from '../../shared/scoreBreakdown';

interface OrderRow {
  id: number;
  status: string;
  partnerId: number | null;
}
interface AuditRow {
  action: string;
  actorId: number | null;
  actorKind: string;
  after: string | null;
}
interface PaymentRow {
  id: number;
  kind: string;
  doneAt: string | null;
}

describe('staff cancel an order (POST /api/orders/{id}/cancel)', () => {
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

  /** An order for a fresh client in a fresh area with one partner; accepted unless `dispatching`. */
  async function anOrder(o: { startsAt?: Date; dispatching?: boolean } = {}) {
    const area = newArea();
    const partnerId = await addPartner(t, area, { score: 60 });
    const clientId = await addClient(t, area);
    const startsAt = o.startsAt ?? parisTen(TEST_NOW, 5);
    const res = await api.post('/orders', { clientId, serviceCode: 'haircut', startsAt: startsAt.toISOString() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const orderId = Number(res.body.order.id);
    if (!o.dispatching) await api.post(`/proposals/${res.body.proposal.id}/answer`, { answer: 'accept' }).expect(200);
    return { area, partnerId, clientId, orderId, startsAt };
  }

  const orderRow = async (id: number) => (await t.db('orders').where('id', id).first()) as OrderRow;
  const paymentsOf = async (orderId: number) => (await t.db('payments').where('orderId', orderId).orderBy('id')) as PaymentRow[];
  const auditOf = async (orderId: number, action: string) => (await t.db('auditLog').where({ resource: 'orders', resourceId: String(orderId), action })) as AuditRow[];
  const cancel = async (role: Role, orderId: number | string, body: unknown, lang?: string) => {
    const req = (await t.as(role)).post(`/api/orders/${orderId}/cancel`);
    if (lang) req.set('Accept-Language', lang);
    return req.send(body as object);
  };
  const cancelOk = async (role: Role, orderId: number, body: { by: string; reason: string }) => {
    const res = await cancel(role, orderId, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res;
  };

  describe('who may cancel (support, admin)', () => {
    it.each(['support', 'admin'] as const)('when %s cancels an accepted order for the client, then 200 with the order cancelled_by_client', async (role) => {
      const o = await anOrder();
      const res = await cancel(role, o.orderId, { by: 'client', reason: 'La cliente a appelé : elle est malade.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: o.orderId, status: 'cancelled_by_client', partnerId: o.partnerId, cancelledAt: TEST_NOW.toISOString() });
      expect((await orderRow(o.orderId)).status).toBe('cancelled_by_client');
    });

    it.each(['ops', 'mediator', 'coordinator'] as const)('when %s tries to cancel, then 403 forbidden and the order stays accepted', async (role) => {
      const o = await anOrder();
      expectError(await cancel(role, o.orderId, { by: 'client', reason: 'essai' }), 403, 'forbidden');
      expect((await orderRow(o.orderId)).status).toBe('accepted');
      expect(await auditOf(o.orderId, 'orders.cancel_on_behalf')).toHaveLength(0);
    });

    it('when nobody is signed in, then 401 not_authenticated; an app token is not a staff session either', async () => {
      const o = await anOrder();
      expectError(await t.anonymous().post(`/api/orders/${o.orderId}/cancel`).send({ by: 'client', reason: 'essai' }), 401, 'not_authenticated');
      expectError(await request(t.app).post(`/api/orders/${o.orderId}/cancel`).set('Authorization', BEARER).send({ by: 'client', reason: 'essai' }), 401, 'not_authenticated');
      expect((await orderRow(o.orderId)).status).toBe('accepted');
    });
  });

  describe('bad requests', () => {
    it.each([
      ['no body', undefined],
      ['an empty object', {}],
      ['an array', [{ by: 'client', reason: 'x' }]],
      ['no reason', { by: 'client' }],
      ['an empty reason', { by: 'client', reason: '' }],
      ['a blank reason', { by: 'client', reason: '   ' }],
      ['a reason over 1,000 characters', { by: 'client', reason: 'x'.repeat(1001) }],
      ['a reason that is not text', { by: 'client', reason: 42 }],
      ['an unknown party', { by: 'platform', reason: 'x' }],
      ['a party that is not text', { by: 1, reason: 'x' }],
      ['an unknown field', { by: 'client', reason: 'x', refundCents: 100 }],
      ['a NUL character in the reason', { by: 'client', reason: 'mal\u0000ade' }],
    ])('when the body has %s, then 400 invalid_request and the order is untouched', async (_what, body) => {
      const o = await anOrder();
      expectError(await cancel('support', o.orderId, body), 400, 'invalid_request');
      expect((await orderRow(o.orderId)).status).toBe('accepted');
      expect(await paymentsOf(o.orderId)).toHaveLength(2);
    });

    it('when a field is unknown, then the error names it; in English on request, in one language', async () => {
      const o = await anOrder();
      const fr = expectError(await cancel('support', o.orderId, { by: 'client', reason: 'x', extra: true }), 400, 'invalid_request');
      expect(fr.details).toMatchObject({ unknownFields: ['extra'] });
      expect(fr.message).toContain('Indiquez qui annule');
      const en = expectError(await cancel('support', o.orderId, { by: 'client' }, 'en'), 400, 'invalid_request');
      expect(en.message).toContain('Say who cancels');
      expect(en.details).toMatchObject({ field: 'reason' });
    });

    it.each(['99999999', '2147483648', '99999999999999999999', 'abc', '-1'])('when the order id is %s (no such order), then 404 not_found', async (id) => {
      expectError(await cancel('admin', id, { by: 'client', reason: 'x' }), 404, 'not_found');
    });
  });

  describe('what the state allows (CLI-3, ENG-4)', () => {
    it('CLI-3 / ENG-4: when support cancels a request still dispatching, then the partner cannot (409 invalid_state) and the client can; twice is 409', async () => {
      const o = await anOrder({ dispatching: true });
      const err = expectError(await cancel('support', o.orderId, { by: 'partner', reason: 'x' }), 409, 'invalid_state');
      expect(err.details).toMatchObject({ status: 'dispatching', by: 'partner' });
      expect(err.message).not.toContain(' / ');
      const res = await cancel('support', o.orderId, { by: 'client', reason: 'La cliente ne souhaite plus la prestation.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('cancelled_by_client');
      const again = expectError(await cancel('support', o.orderId, { by: 'client', reason: 'x' }, 'en'), 409, 'invalid_state');
      expect(again.message).toBe('The client can no longer cancel this order.');
    });

    it('ENG-4: when the appointment has started, then neither party can cancel it any more (409) and nothing changes', async () => {
      const o = await anOrder({ startsAt: parisTen(TEST_NOW, 1) });
      clock.set(new Date(o.startsAt.getTime() + HOUR / 2));
      expectError(await cancel('admin', o.orderId, { by: 'client', reason: 'x' }), 409, 'invalid_state');
      expectError(await cancel('admin', o.orderId, { by: 'partner', reason: 'x' }), 409, 'invalid_state');
      expect((await orderRow(o.orderId)).status).toBe('accepted');
      expect(await auditOf(o.orderId, 'orders.cancel_on_behalf')).toHaveLength(0);
    });
  });

  describe('the score (SCO-4, SCO-8)', () => {
    /** An accepted order 5 days ahead, its partner with 20 completed sessions before (real 37.5, F = 1: SCO-6 no longer applies). */
    async function scoredOrder() {
      const o = await anOrder({ startsAt: parisTen(TEST_NOW, 5) });
      await addCompletedSessions(t, { partnerId: o.partnerId, clientId: await addClient(t, o.area), n: 20, now: TEST_NOW });
      expect(await recomputePartnerScore({ db: t.db, clock }, o.partnerId)).toMatchObject({ accepted: 20, cancellations: 0, F: 1, score: 37.5 });
      clock.advance(HOUR);
      return o;
    }
    const scoreOf = async (partnerId: number) => {
      const p = (await t.db('partners').where('id', partnerId).first()) as { score: number | string; scoreDetails: string };
      return { score: Number(p.score), details: JSON.parse(p.scoreDetails) as ScoreBreakdown };
    };

    it('SCO-8 / SCO-4: when support cancels for the partner an appointment 5 days ahead, then the partner’s score drops at once (F = 20/21), not when the start passes', async () => {
      const o = await scoredOrder();
      const res = await cancel('support', o.orderId, { by: 'partner', reason: 'Le partenaire a appelé : empêchement.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('cancelled_by_partner');
      const { score, details } = await scoreOf(o.partnerId);
      // 100 × (0.5 × 0 + 0.25 × 0.5 + 0.25 × 20/21) = 36.31 → 36.3, computed at the cancellation.
      expect(details).toMatchObject({ computedAt: new Date(TEST_NOW.getTime() + HOUR).toISOString(), cancellations: 1, accepted: 21, real: 36.3 });
      expect(score).toBe(36.3);
    });

    it('SCO-4: when support cancels for the client, then the partner’s reliability and score do not change', async () => {
      const o = await scoredOrder();
      await cancelOk('support', o.orderId, { by: 'client', reason: 'La cliente a appelé.' });
      const { score, details } = await scoreOf(o.partnerId);
      expect(details).toMatchObject({ cancellations: 0, accepted: 20, F: 1 });
      expect(score).toBe(37.5);
    });
  });

  describe('the payments (ENG-6, PAY-3, PAY-6)', () => {
    it('ENG-6 / PAY-3: when an appointment 5 days ahead is cancelled, then its pre-authorisation and capture, not yet made, are removed and nothing is ever charged', async () => {
      const o = await anOrder({ startsAt: parisTen(TEST_NOW, 5) });
      const before = await paymentsOf(o.orderId);
      expect(before.map((p) => [p.kind, p.doneAt])).toEqual([
        ['preauth', null],
        ['capture', null],
      ]);
      await cancelOk('admin', o.orderId, { by: 'partner', reason: 'Empêchement du partenaire.' });
      expect(await paymentsOf(o.orderId)).toEqual([]);
      const dropped = await t.db('auditLog').where({ resource: 'payments', action: 'payments.cancel' }).whereIn('resourceId', before.map((p) => String(p.id)));
      expect(dropped).toHaveLength(2);
      clock.set(new Date(o.startsAt.getTime() + 3 * DAY));
      await runWorker(t);
      expect(await paymentsOf(o.orderId)).toEqual([]);
    });

    it('PAY-6 / ENG-6: when an appointment booked less than 24 h ahead is cancelled for the client, then the pre-authorisation made at acceptance stays as it was and the capture is dropped: nothing is charged', async () => {
      const o = await anOrder({ startsAt: new Date(TEST_NOW.getTime() + 5 * HOUR) });
      const before = await paymentsOf(o.orderId);
      expect(before.map((p) => [p.kind, p.doneAt !== null])).toEqual([
        ['preauth', true],
        ['capture', false],
      ]);
      await cancelOk('support', o.orderId, { by: 'client', reason: 'Client injoignable à l’heure prévue, il annule.' });
      const after = await paymentsOf(o.orderId);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ id: before[0].id, kind: 'preauth' });
      clock.set(new Date(o.startsAt.getTime() + 2 * DAY));
      await runWorker(t);
      expect((await paymentsOf(o.orderId)).map((p) => p.kind)).toEqual(['preauth']);
    });
  });

  describe('the audit trail and the order’s timeline', () => {
    it('when support cancels, then one orders.cancel_on_behalf row records the staff member, the party and the reason, and the order’s timeline shows it with the staff member’s name', async () => {
      const o = await anOrder();
      const support = await t.as('support');
      const me = (await support.get('/api/auth/me')).body as { id: number; fullName: string };
      await cancelOk('support', o.orderId, { by: 'client', reason: '  La cliente a appelé : elle déménage.  ' });
      const rows = await auditOf(o.orderId, 'orders.cancel_on_behalf');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorId: me.id, actorKind: 'staff' });
      expect(JSON.parse(rows[0].after ?? 'null')).toMatchObject({ id: o.orderId, status: 'cancelled_by_client', cancelledBy: 'client', reason: 'La cliente a appelé : elle déménage.' });
      // The engine's cancellation is written once, under the staff code only.
      expect(await auditOf(o.orderId, 'orders.cancel')).toHaveLength(0);
      // The order page's timeline reads the audit trail about the order (any role may read orders).
      const coordinator = await t.as('coordinator');
      const timeline = await coordinator.get(listUrl('audit-log', { sort: ['at', 'ASC'], range: [0, 49], filter: { resource: 'orders', resourceId: String(o.orderId) } }));
      expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
      const entries = timeline.body as { action: string; actorName: string | null; after: JsonObject | null }[];
      expect(entries.map((e) => e.action)).toEqual(['orders.create', 'orders.accept', 'orders.cancel_on_behalf']);
      expect(entries[2]).toMatchObject({ actorName: me.fullName, after: { cancelledBy: 'client', reason: 'La cliente a appelé : elle déménage.' } });
    });

    it('when the apps cancel through the engine API, then the row stays orders.cancel, without a reason', async () => {
      const o = await anOrder();
      await api.post(`/orders/${o.orderId}/cancel`, { by: 'client' }).expect(200);
      expect(await auditOf(o.orderId, 'orders.cancel_on_behalf')).toHaveLength(0);
      const [row] = await auditOf(o.orderId, 'orders.cancel');
      expect(row.actorKind).toMatch(/^app:\d+$/);
      expect(JSON.parse(row.after ?? 'null')).not.toHaveProperty('reason');
      // The apps cannot pass a reason (their contract is `{by}`).
      expectError(await api.post(`/orders/${o.orderId}/cancel`, { by: 'client', reason: 'x' }), 400, 'invalid_request');
    });
  });
});
