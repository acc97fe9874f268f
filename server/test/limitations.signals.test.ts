/**
 * Signals: filed by support, mediators, ops and admins; computed from the data
 * (cancellations, no-shows, negative reviews, cases, contact sharing — CON-1) idempotently;
 * dismissed or marked actioned by ops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listUrl, type TestApp } from './harness';
import { addClient, addPartner, clockOf, DAY, newArea, runWorker, type Clocked } from './engineFixture';
import { expectError, type TestRow } from './helpers';
import { can } from '../../shared/permissions';
import { JobRegistry, requestJobRun } from '../engine/live';
import { signalsRefreshJob } from '../limitations/signalsJob';

let seq = 0;

describe('signals', () => {
  let t: TestApp;
  let clock: Clocked;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();

  async function insertId(table: string, row: TestRow): Promise<number> {
    const [inserted] = await t.db(table).insert(row).returning('id');
    return Number(typeof inserted === 'object' ? inserted.id : inserted);
  }
  async function order(partnerId: number, clientId: number, status: string, daysAgo: number): Promise<number> {
    seq++;
    return insertId('orders', {
      reference: `SIG${String(seq).padStart(6, '0')}`, clientId, partnerId, serviceCode: 'haircut', startsAt: ago(daysAgo), endsAt: ago(daysAgo),
      status, priceCents: 3000, partnerPayCents: 2000, createdAt: ago(daysAgo + 2), cancelledAt: status === 'cancelled_by_partner' ? ago(daysAgo) : null,
    });
  }
  async function review(partnerId: number, clientId: number, rating: number, daysAgo: number): Promise<number> {
    const orderId = await order(partnerId, clientId, 'completed', daysAgo + 1);
    return insertId('reviews', { orderId, partnerId, clientId, rating, recommended: false, comment: 'bof', surveyAnswered: true, createdAt: ago(daysAgo) });
  }
  async function message(partnerId: number, clientId: number, body: string, daysAgo = 1, sender = 'partner'): Promise<number> {
    return insertId('messages', { clientId, partnerId, sender, body, createdAt: ago(daysAgo) });
  }

  it('when support, a mediator, ops or an admin files a signal, then 201 source filed; a coordinator gets 403; unknown partner or case is 422', async () => {
    const partnerId = await addPartner(t, newArea());
    // Filing follows the permission table (shared/permissions.ts: support, mediator, admin; ops when granted `create`).
    const filers = (['support', 'mediator', 'ops', 'admin'] as const).filter((role) => can(role, 'signals', 'create'));
    expect(filers).toEqual(expect.arrayContaining(['support', 'mediator', 'admin']));
    for (const role of filers) {
      const res = await (await t.as(role)).post('/api/signals').send({ partnerId, reason: 'aggressive_to_staff', note: `Appel houleux (${role}).` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ partnerId, source: 'filed', reason: 'aggressive_to_staff', status: 'open', caseId: null });
      expect(res.body.createdBy).toBeGreaterThan(0);
    }
    const caseId = await insertId('cases', { reference: 'LIT-SIG-1', partnerId, category: 'behaviour', status: 'open', createdAt: ago(1), updatedAt: ago(1) });
    const withCase = await (await t.as('mediator')).post('/api/signals').send({ partnerId, reason: 'aggressive_to_clients', note: 'Voir le litige.', caseId });
    expect(withCase.status).toBe(201);
    expect(withCase.body).toMatchObject({ caseId, evidence: [{ type: 'case', id: caseId }] });
    expectError(await (await t.as('coordinator')).post('/api/signals').send({ partnerId, reason: 'other', note: 'x' }), 403, 'forbidden');
    expectError(await (await t.as('support')).post('/api/signals').send({ partnerId: 99999999, reason: 'other', note: 'x' }), 422, 'validation_failed');
    expectError(await (await t.as('support')).post('/api/signals').send({ partnerId, reason: 'other', note: 'x', caseId: 99999999 }), 422, 'validation_failed');
    expectError(await (await t.as('support')).post('/api/signals').send({ partnerId, reason: 'rude', note: 'x' }), 400, 'invalid_request');
    expectError(await (await t.as('support')).post('/api/signals').send({ partnerId, reason: 'other', note: '' }), 400, 'invalid_request');
    // Reading signals is ops' and admins' (CONTRACT).
    expectError(await (await t.as('support')).get(listUrl('signals')), 403, 'forbidden');
    const list = await (await t.as('ops')).get(listUrl('signals', { filter: { partnerId, source: 'filed' } }));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(filers.length + 1);
  });

  it('when the data crosses the thresholds, then refresh computes one signal per partner and reason, with its evidence; a second refresh creates nothing', async () => {
    const area = newArea();
    const bad = await addPartner(t, area);
    const fine = await addPartner(t, area);
    const client = await addClient(t, area);
    const cancels = [await order(bad, client, 'cancelled_by_partner', 5), await order(bad, client, 'cancelled_by_partner', 20), await order(bad, client, 'cancelled_by_partner', 59)];
    await order(bad, client, 'cancelled_by_partner', 70); // out of the 60-day window
    const noShow = await order(bad, client, 'no_show', 10);
    await order(fine, client, 'no_show', 40); // out of the 30-day window
    await order(fine, client, 'cancelled_by_partner', 3);
    await order(fine, client, 'cancelled_by_partner', 4); // 2 < 3
    const negatives = [await review(bad, client, 1, 3), await review(bad, client, 2, 10), await review(bad, client, 2, 50)];
    await review(fine, client, 2, 3);
    await review(fine, client, 3, 3);
    await review(fine, client, 1, 80);
    const caseId = await insertId('cases', { reference: 'LIT-SIG-2', partnerId: bad, category: 'quality', status: 'open', createdAt: ago(30), updatedAt: ago(30) });
    await insertId('cases', { reference: 'LIT-SIG-3', partnerId: fine, category: 'quality', status: 'closed', createdAt: ago(120), updatedAt: ago(100) });
    const leak = await message(bad, client, 'Appelez-moi directement au 06.12.34.56.78, ce sera 30 € au lieu de 45');
    await message(fine, client, 'Je serai là à 14h30, commande CMD-2026-000123');
    await message(fine, client, 'Mon numéro : 06 98 76 54 32', 1, 'client'); // the client's own message

    const ops = await t.as('ops');
    const res = await ops.post('/api/signals/refresh');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = (res.body.signals as TestRow[]).filter((s) => s.partnerId === bad || s.partnerId === fine);
    expect(mine.every((s) => s.partnerId === bad && s.source === 'computed' && s.status === 'open')).toBe(true);
    const byReason = Object.fromEntries(mine.map((s) => [s.reason, s]));
    expect(Object.keys(byReason).sort()).toEqual(['contact_sharing', 'no_show', 'recent_case', 'repeated_cancellations', 'repeated_negative_reviews']);
    expect(byReason.repeated_cancellations.evidence).toEqual(cancels.map((id) => ({ type: 'order', id })));
    expect(byReason.no_show.evidence).toEqual([{ type: 'order', id: noShow }]);
    expect(byReason.repeated_negative_reviews.evidence).toEqual(negatives.map((id) => ({ type: 'review', id })));
    expect(byReason.recent_case).toMatchObject({ caseId, evidence: [{ type: 'case', id: caseId }] });
    expect(byReason.contact_sharing.evidence).toEqual([{ type: 'message', id: leak }]);
    expect(byReason.contact_sharing.note).toMatch(/phone/);
    expect(byReason.contact_sharing.note).toMatch(/price/);

    const again = await ops.post('/api/signals/refresh');
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    expect(await t.db('signals').where({ partnerId: bad, source: 'computed' })).toHaveLength(5);

    // New evidence → a new suggestion.
    await order(bad, client, 'cancelled_by_partner', 1);
    const third = await ops.post('/api/signals/refresh');
    expect((third.body.signals as TestRow[]).map((s) => [s.partnerId, s.reason])).toEqual([[bad, 'repeated_cancellations']]);
    expectError(await (await t.as('support')).post('/api/signals/refresh'), 403, 'forbidden');
  });

  it('when ops dismisses or actions an open signal, then its status changes once (audited); again is 409; other roles 403', async () => {
    const partnerId = await addPartner(t, newArea());
    const a = (await (await t.as('support')).post('/api/signals').send({ partnerId, reason: 'other', note: 'A' })).body;
    const b = (await (await t.as('support')).post('/api/signals').send({ partnerId, reason: 'other', note: 'B' })).body;
    const ops = await t.as('ops');
    expectError(await (await t.as('support')).post(`/api/signals/${a.id}/dismiss`).send({}), 403, 'forbidden');
    expectError(await (await t.as('mediator')).post(`/api/signals/${a.id}/action`).send({}), 403, 'forbidden');
    const dismissed = await ops.post(`/api/signals/${a.id}/dismiss`).send({ note: 'Rien de grave.' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect(dismissed.body.note).toContain('Rien de grave.');
    expectError(await ops.post(`/api/signals/${a.id}/dismiss`).send({}), 409, 'conflict');
    expectError(await ops.post(`/api/signals/${a.id}/action`).send({}), 409, 'invalid_state');
    const actioned = await ops.post(`/api/signals/${b.id}/action`).send();
    expect(actioned.body.status).toBe('actioned');
    expect(await t.db('auditLog').where({ action: 'signals.dismiss', resourceId: String(a.id) })).toHaveLength(1);
    expectError(await ops.post('/api/signals/99999999/dismiss').send({}), 404, 'not_found');
  });

  it('when the engine worker runs the daily signals job, then the computed signals are refreshed (by the system)', async () => {
    const area = newArea();
    const partnerId = await addPartner(t, area);
    const client = await addClient(t, area);
    const leak = await message(partnerId, client, 'Écrivez-moi plutôt : lea.martin@example.fr');
    await requestJobRun(t.db, signalsRefreshJob.name, clock.now());
    await runWorker(t, 'test-worker', new JobRegistry([signalsRefreshJob]));
    const [signal] = (await t.db('signals').where({ partnerId, source: 'computed' })) as TestRow[];
    expect(signal).toMatchObject({ reason: 'contact_sharing', status: 'open', createdBy: null });
    expect(JSON.parse(signal!.evidence)).toEqual([{ type: 'message', id: leak }]);
    const audit = await t.db('auditLog').where({ action: 'signals.create', resourceId: String(signal!.id) }).first();
    expect(audit.actorKind).toBe('system');
  });
});
