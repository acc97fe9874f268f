/**
 * Payout runs in the live engine (PAY-4, PAY-6, PAY-7, PAY-8): the `payout_run` job at each
 * Paris boundary, through the engine's claims; one payout per partner and one line per
 * session; a period paid once; Care with the immediate advance paid once URSSAF's debit is
 * collected.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { addClient, addPartner, clockOf, engine, HOUR, newArea, runWorker, type Clocked } from './engineFixture';
import { requestJobRun } from '../engine/live';
import { processDueDeadlines } from '../engine/live/processDeadlines';
import { JobRegistry } from '../engine/live/periodicJobs';
import { inTransaction } from '../data/transaction';
import { parisInstant, parisMidnight } from '../../shared/calendar/paris';
import { payoutRunJob, runPayoutPeriodIn } from '../payouts/runPayouts';
import { secondHandle } from './instances';
import { expectError, type TestRow } from './helpers';
import { parseSepa } from './sepaFile';


const jobs = new JobRegistry([payoutRunJob]);
let seq = 0;

describe('payout runs (PAY-4, PAY-6, PAY-7, PAY-8)', () => {
  let t: TestApp;
  let clock: Clocked;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    clock.set(TEST_NOW);
  });

  /** The worker at `at` with the payout job brought forward to it. */
  async function payoutBoundary(at: Date, workerId = 'payout-worker') {
    clock.set(at);
    await requestJobRun(t.db, payoutRunJob.name, at);
    return runWorker(t, workerId, jobs);
  }

  /** A completed session written as rows: ends at `endsAt`, Care with the advance when `debit` is given. */
  async function session(partnerId: number, clientId: number, endsAt: Date, o: { pay?: number; debit?: Date | null } = {}): Promise<number> {
    seq++;
    const care = o.debit !== undefined;
    const startsAt = new Date(endsAt.getTime() - HOUR);
    const [inserted] = await t.db('orders')
      .insert({
        reference: `PAY${String(seq).padStart(6, '0')}`,
        clientId,
        partnerId,
        serviceCode: care ? 'cleaning' : 'haircut',
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        status: 'completed',
        priceCents: 9000,
        partnerPayCents: o.pay ?? 4000,
        immediateAdvance: care,
        createdAt: TEST_NOW.toISOString(),
        acceptedAt: TEST_NOW.toISOString(),
        completedAt: endsAt.toISOString(),
        version: 1,
        searchText: '',
      })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    if (care) await t.db('payments').insert({ orderId: id, kind: 'urssaf_debit', amountCents: 9000, dueAt: endsAt.toISOString(), doneAt: o.debit ? o.debit.toISOString() : null });
    return id;
  }

  async function payoutsOf(partnerId: number): Promise<TestRow[]> {
    const payouts = (await t.db('payouts as p').join('payoutRuns as r', 'r.id', 'p.payoutRunId').where('p.partnerId', partnerId).orderBy('p.id').select('p.*', 'r.periodKind', 'r.payoutDate', 'r.expectedArrivalAt')) as TestRow[];
    for (const p of payouts) p.lines = (await t.db('payoutLines').where('payoutId', p.id).orderBy('id')) as TestRow[];
    return payouts;
  }

  const instant = (v: unknown) => new Date(v as string).toISOString();

  it('PAY-4 / PAY-6: when a session is completed through the engine API, then the next Monday’s run pays it — its order, the partner’s pay, the total, paid on Monday, arriving 8 days later', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 70 });
    await t.db('partners').where('id', partner).update({ iban: 'FR76 3000 6000 0112 3456 7890 189', firstName: 'Éloïse', lastName: 'Lefèvre-D’Aubigné' });
    const client = await addClient(t, area);
    const api = engine(t);
    // Saturday 21 November 2026, 10:00 Paris.
    const startsAt = parisInstant('2026-11-21', 600);
    const created = await api.post('/orders', { clientId: client, serviceCode: 'haircut', startsAt: startsAt.toISOString() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await api.post(`/proposals/${created.body.proposal.id}/answer`, { answer: 'accept' }).expect(200);
    clock.set(new Date(startsAt.getTime() + 2 * HOUR));
    await api.post(`/orders/${created.body.order.id}/complete`).expect(200);
    const order = (await t.db('orders').where('id', created.body.order.id).first()) as TestRow;

    // Sunday evening: nothing yet (the job waits for the boundary).
    expect(await payoutsOf(partner)).toHaveLength(0);
    const summary = await payoutBoundary(parisMidnight('2026-11-23'));
    expect(summary.byKind.payout_run).toBe(1);

    const [payout, ...others] = await payoutsOf(partner);
    expect(others).toHaveLength(0);
    expect(payout).toMatchObject({ periodKind: 'weekly', periodStart: '2026-11-16', periodEnd: '2026-11-22', payoutDate: '2026-11-23', amountCents: order.partnerPayCents, lineCount: 1 });
    expect(instant(payout.expectedArrivalAt)).toBe(parisMidnight('2026-12-01').toISOString());
    expect(instant(payout.arrivesAt)).toBe(parisMidnight('2026-12-01').toISOString());
    expect(instant(payout.paidAt)).toBe(parisMidnight('2026-11-23').toISOString());
    expect(payout.lines.map((l: TestRow) => [Number(l.orderId), Number(l.partnerPayCents)])).toEqual([[order.id, order.partnerPayCents]]);
    const run = (await t.db('payoutRuns').where('id', payout.payoutRunId).first()) as TestRow;
    const sums = (await t.db('payouts').where('payoutRunId', run.id).sum({ total: 'amountCents' }).count({ n: '*' }).first()) as TestRow;
    expect(Number(run.totalCents)).toBe(Number(sums.total));
    expect(Number(run.payoutCount)).toBe(Number(sums.n));
    // Audited, by the system.
    const entry = (await t.db('auditLog').where({ action: 'payout-runs.create', resourceId: String(run.id) }).first()) as TestRow;
    expect(entry).toBeTruthy();
    // In the run's SEPA file (admin): one transfer per payout, ours among them, to the partner's IBAN.
    const admin = await t.as('admin');
    const file = await admin.get(`/api/payout-runs/${run.id}/sepa.xml`);
    expect(file.status, file.text).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    const sepa = parseSepa(file.text);
    expect(sepa.nbOfTxs).toBe(Number(run.payoutCount));
    expect(sepa.transactions).toHaveLength(Number(run.payoutCount));
    expect(sepa.ctrlSumCents).toBe(Number(run.totalCents));
    expect(sepa.transactions.reduce((n, x) => n + x.amountCents, 0)).toBe(Number(run.totalCents));
    expect(sepa.allIbansValid).toBe(true);
    expect(sepa.transactions.find((x) => x.endToEndId === `PAYOUT-${payout.id}`)).toMatchObject({ amountCents: order.partnerPayCents, iban: 'FR7630006000011234567890189', name: 'Eloise Lefevre-D\'Aubigne', executionDate: '2026-11-23' });
    // The job waits for the next boundary: the following Monday, 00:00 Paris.
    const pending = (await t.db('engineDeadlines').where({ kind: 'payout_run', status: 'pending' })) as TestRow[];
    expect(pending.map((d) => instant(d.dueAt))).toEqual([parisMidnight('2026-11-30').toISOString()]);
  });

  it('PAY-6: when a monthly partner completes sessions through the month, then the Monday runs pass them over and the run on the 1st pays the whole month in one payout', async () => {
    const area = newArea();
    const partner = await addPartner(t, area);
    await t.db('partners').where('id', partner).update({ payoutFrequency: 'monthly' });
    const client = await addClient(t, area);
    const ends = ['2026-12-01', '2026-12-14', '2026-12-31'].map((d) => parisInstant(d, 18 * 60));
    const ids = [];
    for (const end of ends) ids.push(await session(partner, client, end, { pay: 3000 }));
    for (const monday of ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']) await payoutBoundary(parisMidnight(monday));
    expect(await payoutsOf(partner)).toHaveLength(0);

    await payoutBoundary(parisMidnight('2027-01-01'));
    const payouts = await payoutsOf(partner);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ periodKind: 'monthly', periodStart: '2026-12-01', periodEnd: '2026-12-31', payoutDate: '2027-01-01', amountCents: 9000, lineCount: 3 });
    expect(instant(payouts[0].expectedArrivalAt)).toBe(parisMidnight('2027-01-09').toISOString());
    expect(payouts[0].lines.map((l: TestRow) => Number(l.orderId))).toEqual(ids);
  });

  it('PAY-8: when a Care session with the immediate advance waits for URSSAF’s debit, then no run pays it; once the debit is collected, the next run does — and only then', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { vertical: 'care', services: ['cleaning'] });
    const client = await addClient(t, area);
    const end = parisInstant('2027-01-06', 12 * 60);
    const held = await session(partner, client, end, { debit: null });
    const paidAtOnce = await session(partner, client, parisInstant('2027-01-07', 12 * 60), { debit: parisInstant('2027-01-08', 12 * 60) });

    await payoutBoundary(parisMidnight('2027-01-11'));
    let payouts = await payoutsOf(partner);
    expect(payouts.flatMap((p) => p.lines.map((l: TestRow) => Number(l.orderId)))).toEqual([paidAtOnce]);

    // URSSAF's debit is collected on the Wednesday: the next Monday's run pays the session.
    await t.db('payments').where({ orderId: held, kind: 'urssaf_debit' }).update({ doneAt: parisInstant('2027-01-13', 9 * 60).toISOString() });
    await payoutBoundary(parisMidnight('2027-01-18'));
    payouts = await payoutsOf(partner);
    expect(payouts.map((p) => [p.periodStart, p.lines.map((l: TestRow) => Number(l.orderId))])).toEqual([
      ['2027-01-04', [paidAtOnce]],
      ['2027-01-11', [held]],
    ]);
  });

  it('PAY-7: when the job runs twice for the same boundary, then there is one run; a second run of that period is refused by the database itself', async () => {
    const area = newArea();
    const partner = await addPartner(t, area);
    const client = await addClient(t, area);
    await session(partner, client, parisInstant('2027-01-20', 12 * 60));
    const boundary = parisMidnight('2027-01-25');
    await payoutBoundary(boundary);
    await payoutBoundary(boundary);
    clock.set(boundary);
    const again = await inTransaction({ db: t.db, clock }, (tx) => runPayoutPeriodIn(tx, { frequency: 'weekly', start: '2027-01-18', end: '2027-01-24' }));
    expect(again).toBeNull();
    expect(await t.db('payoutRuns').where({ periodKind: 'weekly', periodStart: '2027-01-18' })).toHaveLength(1);
    expect(await payoutsOf(partner)).toHaveLength(1);
    await expect(
      t.db('payoutRuns').insert({ periodKind: 'weekly', periodStart: '2027-01-18', periodEnd: '2027-01-24', payoutDate: '2027-01-25', paidAt: boundary.toISOString(), expectedArrivalAt: boundary.toISOString(), payoutCount: 0, totalCents: 0, createdAt: boundary.toISOString() }),
    ).rejects.toThrow();
    const [payout] = await payoutsOf(partner);
    // A session is never in two lines.
    await expect(t.db('payoutLines').insert({ payoutId: payout.id, orderId: payout.lines[0].orderId, partnerPayCents: 1, sessionEndsAt: boundary.toISOString() })).rejects.toThrow();
  });

  it('PAY-7: when two instances’ workers reach the same boundary at once, then one run is made', async () => {
    const area = newArea();
    const partner = await addPartner(t, area);
    const client = await addClient(t, area);
    await session(partner, client, parisInstant('2027-01-27', 12 * 60));
    const boundary = parisMidnight('2027-02-01');
    clock.set(boundary);
    await requestJobRun(t.db, payoutRunJob.name, boundary);
    const other: Knex = secondHandle(t.db);
    try {
      const summaries = await Promise.all([
        processDueDeadlines({ db: t.db, clock }, { workerId: 'instance-a', jobs }),
        processDueDeadlines({ db: other, clock }, { workerId: 'instance-b', jobs }),
      ]);
      expect(summaries.reduce((n, s) => n + (s.byKind.payout_run ?? 0), 0)).toBe(1);
    } finally {
      await other.destroy();
    }
    expect(await t.db('payoutRuns').where({ periodKind: 'weekly', periodStart: '2027-01-25' })).toHaveLength(1);
    expect(await t.db('payoutRuns').where({ periodKind: 'monthly', periodStart: '2027-01-01' })).toHaveLength(1);
    expect((await payoutsOf(partner)).map((p) => p.lineCount)).toEqual([1]);
  });

  it('PAY-7: when support switches a weekly partner to monthly mid-month, then the change waits for the next Monday, each session is paid exactly once, and the switch is audited; ops may not switch it (403), a bad value is a 400', async () => {
    const area = newArea();
    const partner = await addPartner(t, area);
    const client = await addClient(t, area);
    const at = (day: string) => parisInstant(day, 14 * 60);
    const before = [await session(partner, client, at('2027-02-03')), await session(partner, client, at('2027-02-11'))];
    await payoutBoundary(parisMidnight('2027-02-08'));

    // Friday 12 February: the current week (8–14) is still paid weekly, on Monday 15.
    clock.set(parisInstant('2027-02-12', 10 * 60));
    expectError(await (await t.as('ops')).put(`/api/partners/${partner}`).send({ payoutFrequency: 'monthly' }), 403, 'forbidden');
    const support = await t.as('support');
    expectError(await support.put(`/api/partners/${partner}`).send({ payoutFrequency: 'daily' }), 400, 'invalid_request');
    const res = await support.put(`/api/partners/${partner}`).send({ payoutFrequency: 'monthly' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ payoutFrequency: 'monthly', previousPayoutFrequency: 'weekly', payoutFrequencyFrom: '2027-02-15' });
    const entry = (await t.db('auditLog').where({ action: 'partners.payout_frequency', resourceId: String(partner) }).first()) as TestRow;
    expect(JSON.parse(entry.after)).toEqual({ payoutFrequency: 'monthly', previousPayoutFrequency: 'weekly', payoutFrequencyFrom: '2027-02-15' });
    expect(entry.actorId).not.toBeNull();
    // The console's form sends the whole record back: the same value changes nothing.
    await support.put(`/api/partners/${partner}`).send({ payoutFrequency: 'monthly', city: 'Testville' }).expect(200);
    expect(await t.db('auditLog').where({ action: 'partners.payout_frequency', resourceId: String(partner) })).toHaveLength(1);

    const after = [await session(partner, client, at('2027-02-13')), await session(partner, client, at('2027-02-16')), await session(partner, client, at('2027-02-26'))];
    for (const boundary of ['2027-02-15', '2027-02-22', '2027-03-01']) await payoutBoundary(parisMidnight(boundary));

    const payouts = await payoutsOf(partner);
    expect(payouts.map((p) => [p.periodKind, p.periodStart, p.lines.map((l: TestRow) => Number(l.orderId))])).toEqual([
      ['weekly', '2027-02-01', [before[0]]],
      ['weekly', '2027-02-08', [before[1], after[0]]],
      ['monthly', '2027-02-01', [after[1], after[2]]],
    ]);
    const lines = payouts.flatMap((p) => p.lines.map((l: TestRow) => Number(l.orderId)));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.sort((a, b) => a - b)).toEqual([...before, ...after].sort((a, b) => a - b));
  });
});
