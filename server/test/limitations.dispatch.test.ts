/**
 * DSP-9 / LIM-2 / LIM-5 through the live engine, with limitations applied by ops through the
 * API: an existing-clients-only partner is never proposed a new client's order (but still
 * their own clients'); a reduced partner comes after every unlimited candidate for a new client;
 * a lift sets them free again; a terminated partner gets no work.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { addClient, addPartner, clockOf, DAY, engine, HOUR, newArea, parisTen, type Clocked } from './engineFixture';
import type { TestRow } from './helpers';


describe('limitations in dispatch (DSP-9)', () => {
  let t: TestApp;
  let clock: Clocked;
  let api: ReturnType<typeof engine>;
  let ops: request.Agent;
  let day = 0;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    api = engine(t);
    ops = await t.as('ops');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function offer(clientId: number): Promise<{ order: TestRow; proposal: TestRow | null }> {
    day++;
    const res = await api.post('/orders', { clientId, serviceCode: 'haircut', startsAt: parisTen(clock.now(), day).toISOString() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function limit(partnerId: number, modality: 'reduced' | 'existing_clients_only'): Promise<TestRow> {
    const res = await ops.post('/api/limitations').send({
      partnerId, reason: 'repeated_cancellations', modality, endsAt: new Date(clock.now().getTime() + 60 * DAY).toISOString(), note: 'Trois annulations ce mois-ci.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('when a partner is limited to existing clients, then a new client’s order is never proposed to them, but a client they served still is; after a lift, new clients again', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 90 });
    const regular = await addClient(t, area);
    // Served before the limitation: accepted and completed.
    const first = await offer(regular);
    expect(first.proposal?.partnerId).toBe(partner);
    expect((await api.post(`/proposals/${first.proposal!.id}/answer`, { answer: 'accept' })).status).toBe(200);
    const start = clock.now();
    clock.set(new Date(new Date(first.order.startsAt).getTime() + HOUR));
    expect((await api.post(`/orders/${first.order.id}/complete`)).status).toBe(200);
    clock.set(start);

    const lim = await limit(partner, 'existing_clients_only');
    for (let i = 0; i < 3; i++) expect((await offer(await addClient(t, area))).proposal).toBeNull();
    expect((await offer(regular)).proposal?.partnerId).toBe(partner);

    expect((await ops.post(`/api/limitations/${lim.id}/lift`).send({ note: 'Le partenaire a appelé.' })).status).toBe(200);
    expect((await offer(await addClient(t, area))).proposal?.partnerId).toBe(partner);
  });

  it('when a partner is on reduced, then for a new client every unlimited candidate comes first, even with a lower score; they are proposed once the others decline', async () => {
    const area = newArea();
    const reduced = await addPartner(t, area, { score: 95 });
    const low = await addPartner(t, area, { score: 30 });
    const mid = await addPartner(t, area, { score: 50 });
    await limit(reduced, 'reduced');
    const client = await addClient(t, area);
    const { order, proposal } = await offer(client);
    expect(proposal?.partnerId).toBe(mid);
    const second = await api.post(`/proposals/${proposal!.id}/answer`, { answer: 'decline' });
    expect(second.status).toBe(200);
    const proposals = async () => (await t.db('proposals').where('orderId', order.id).orderBy('rank')) as TestRow[];
    expect((await proposals()).map((p) => p.partnerId)).toEqual([mid, low]);
    const next = (await proposals())[1];
    expect((await api.post(`/proposals/${next.id}/answer`, { answer: 'decline' })).status).toBe(200);
    expect((await proposals()).map((p) => p.partnerId)).toEqual([mid, low, reduced]);
  });

  it('when a termination is approved, then the partner is never proposed again', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 80 });
    const lim = await limit(partner, 'reduced');
    await t.db('limitations').where('id', lim.id).update({ status: 'awaiting_review' });
    expect((await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Fin.' })).status).toBe(200);
    expect((await (await t.as('admin')).post(`/api/limitations/${lim.id}/approve-termination`).send({})).status).toBe(200);
    expect((await offer(await addClient(t, area))).proposal).toBeNull();
  });
});
