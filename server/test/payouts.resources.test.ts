/**
 * Payout runs and payouts as the console reads them (PAY-7): who reads them, a payout's lines,
 * and a run's SEPA file — refused with the list when a partner has no valid IBAN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';
import { addClient, addPartner, clockOf, HOUR, newArea, type Clocked } from './engineFixture';
import { inTransaction } from '../data/transaction';
import { parisInstant, parisMidnight } from '../../shared/calendar/paris';
import { runPayoutPeriodIn } from '../payouts/runPayouts';
import { parseSepa } from './sepaFile';


describe('payout runs and payouts, read (PAY-7)', () => {
  let t: TestApp;
  let clock: Clocked;
  let runId: number;
  let payoutId: number;
  let orderIds: number[];
  let partner: number;
  const carePartners: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    const area = newArea();
    partner = await addPartner(t, area);
    await t.db('partners').where('id', partner).update({ iban: 'FR7630006000011234567890189' });
    const care = await addPartner(t, area, { vertical: 'care', services: ['cleaning'] });
    await t.db('partners').where('id', care).update({ iban: 'FR3330002005500000157841Z25' });
    carePartners.push(care);
    const client = await addClient(t, area);
    orderIds = [];
    let n = 0;
    for (const [p, day, pay, service] of [
      [partner, '2027-03-02', 3100, 'haircut'],
      [partner, '2027-03-04', 2900, 'haircut'],
      [care, '2027-03-05', 4300, 'cleaning'],
    ] as const) {
      const end = parisInstant(day, 15 * 60);
      const [row] = await t.db('orders')
        .insert({ reference: `RES${++n}`, clientId: client, partnerId: p, serviceCode: service, startsAt: new Date(end.getTime() - HOUR).toISOString(), endsAt: end.toISOString(), status: 'completed', priceCents: 6000, partnerPayCents: pay, createdAt: end.toISOString(), completedAt: end.toISOString(), version: 1, searchText: '' })
        .returning('id');
      orderIds.push(Number(typeof row === 'object' ? row.id : row));
    }
    // The demo's own sessions, paid by the week before, leave this run to the test's sessions.
    clock.set(parisMidnight('2027-03-01'));
    await inTransaction({ db: t.db, clock }, (tx) => runPayoutPeriodIn(tx, { frequency: 'weekly', start: '2027-02-22', end: '2027-02-28' }));
    clock.set(parisMidnight('2027-03-08'));
    const run = await inTransaction({ db: t.db, clock }, (tx) => runPayoutPeriodIn(tx, { frequency: 'weekly', start: '2027-03-01', end: '2027-03-07' }));
    runId = run!.id;
    payoutId = Number(((await t.db('payouts').where({ payoutRunId: runId, partnerId: partner }).first()) as TestRow).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('PAY-7: when ops, support or admin list the payout runs, then they read them; the mediator and the coordinator get 403', async () => {
    for (const role of ['ops', 'support', 'admin'] as const) {
      const agent = await t.as(role);
      const list = await agent.get('/api/payout-runs').query({ filter: JSON.stringify({ periodKind: 'weekly', periodStart: '2027-03-01' }) });
      expect(list.status).toBe(200);
      expect(list.body).toEqual([expect.objectContaining({ id: runId, periodKind: 'weekly', periodStart: '2027-03-01', periodEnd: '2027-03-07', payoutDate: '2027-03-08', payoutCount: 2, totalCents: 10300 })]);
      expect(list.headers['content-range']).toBe('payout-runs 0-0/1');
      const one = await agent.get(`/api/payout-runs/${runId}`);
      expect(one.body.expectedArrivalAt).toBe(parisMidnight('2027-03-16').toISOString());
    }
    for (const role of ['mediator', 'coordinator'] as const) {
      const agent = await t.as(role);
      expectError(await agent.get('/api/payout-runs'), 403, 'forbidden');
      expectError(await agent.get(`/api/payout-runs/${runId}`), 403, 'forbidden');
      expectError(await agent.get(`/api/payouts/${payoutId}/lines`), 403, 'forbidden');
    }
    expectError(await (await t.as('ops')).get('/api/payout-runs/999999'), 404, 'not_found');
  });

  it('PAY-7: when support opens a partner’s payouts, then each payout names its run and its lines give each session’s order and the partner’s pay', async () => {
    const support = await t.as('support');
    const list = await support.get('/api/payouts').query({ filter: JSON.stringify({ partnerId: partner }) });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: payoutId, payoutRunId: runId, partnerId: partner, amountCents: 6000, lineCount: 2, periodStart: '2027-03-01', periodEnd: '2027-03-07' })]);
    const lines = await support.get(`/api/payouts/${payoutId}/lines`);
    expect(lines.status).toBe(200);
    expect(lines.body.map((l: TestRow) => [l.orderId, l.orderReference, l.partnerPayCents])).toEqual([
      [orderIds[0], 'RES1', 3100],
      [orderIds[1], 'RES2', 2900],
    ]);
    expectError(await support.get('/api/payouts/abc/lines'), 404, 'not_found');
    expectError(await support.get('/api/payouts/999999/lines'), 404, 'not_found');
  });

  it('PAY-7: when admin downloads the run’s SEPA file, then it parses back to one transfer per payout, debited from each platform company, with NbOfTxs and CtrlSum matching and every IBAN valid; support gets 403', async () => {
    const admin = await t.as('admin');
    const res = await admin.get(`/api/payout-runs/${runId}/sepa.xml`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="virements-weekly-2027-03-01.xml"');
    const sepa = parseSepa(res.text);
    expect(sepa.namespace).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(sepa.nbOfTxs).toBe(2);
    expect(sepa.ctrlSumCents).toBe(10300);
    expect(sepa.allIbansValid).toBe(true);
    expect(sepa.debtors.map((d) => [d.name, d.nbOfTxs, d.ctrlSumCents])).toEqual([
      ['Wellness a domicile SAS', 1, 6000],
      ['Care a domicile SAS', 1, 4300],
    ]);
    expect(sepa.transactions.map((x) => [x.iban, x.amountCents, x.currency])).toEqual([
      ['FR7630006000011234567890189', 6000, 'EUR'],
      ['FR3330002005500000157841Z25', 4300, 'EUR'],
    ]);
    expectError(await (await t.as('support')).get(`/api/payout-runs/${runId}/sepa.xml`), 403, 'forbidden');
    expectError(await (await t.as('ops')).get(`/api/payout-runs/${runId}/sepa.xml`), 403, 'forbidden');
    expectError(await admin.get('/api/payout-runs/999999/sepa.xml'), 404, 'not_found');
  });

  it('PAY-7: when a paid partner has no valid IBAN, then the SEPA file is refused (422) with the payouts to fix — none is dropped silently', async () => {
    await t.db('partners').where('id', carePartners[0]).update({ iban: 'FR7630006000011234567890188' });
    try {
      const admin = await t.as('admin');
      const err = expectError(await admin.get(`/api/payout-runs/${runId}/sepa.xml`), 422, 'validation_failed');
      const care = (await t.db('partners').where('id', carePartners[0]).first()) as TestRow;
      expect(err.details).toEqual({ payouts: [expect.objectContaining({ partnerId: carePartners[0], reference: care.reference, amountCents: 4300 })] });
    } finally {
      await t.db('partners').where('id', carePartners[0]).update({ iban: 'FR3330002005500000157841Z25' });
    }
  });
});
