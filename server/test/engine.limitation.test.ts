/**
 * The automatic limitation through the Engine API (rules LIM-1, LIM-2, LIM-3, LIM-7): a
 * partner who accepted none of their last 50 answered proposals is limited to existing
 * clients — at the 50th, not the 49th; an acceptance pushed out of the window by a 51st
 * answer no longer protects; accepting a proposal lifts it; after a lift only proposals
 * sent after it count. Another slot the client accepts is an acceptance (it books and it
 * lifts); one the client declines is a refusal; one still awaiting the client is not counted
 * yet and keeps the partner from being limited.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { addClient, addPartner, clockOf, engine, HOUR, MIN, newArea, parisTen, runWorker, type Clocked } from './engineFixture';
import type { TestRow } from './helpers';


describe('automatic limitation (LIM-1) through the API', () => {
  let t: TestApp;
  let clock: Clocked;
  let api: ReturnType<typeof engine>;
  let day = 0;

  beforeAll(async () => {
    t = await createTestApp();
    clock = clockOf(t);
    clock.set(TEST_NOW);
    api = engine(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  // Each test has its own area and partner: its orders' days start again from the clock's day (ENG-7: at most a year ahead).
  beforeEach(() => {
    day = 0;
  });

  /** A new order of `clientId` on its own day; returns its first proposal (or null). */
  async function offer(clientId: number): Promise<{ order: TestRow; proposal: TestRow | null }> {
    day++;
    const res = await api.post('/orders', { clientId, serviceCode: 'haircut', startsAt: parisTen(clock.now(), day).toISOString() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function answer(proposalId: number, body: TestRow): Promise<TestRow> {
    const res = await api.post(`/proposals/${proposalId}/answer`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function declineOne(partnerId: number, clientId: number): Promise<void> {
    const { proposal } = await offer(clientId);
    expect(proposal?.partnerId).toBe(partnerId);
    await answer(proposal!.id, { answer: 'decline' });
  }

  /** The partner answers another slot 2 h later than the order's start; the client accepts it or not. */
  async function otherSlot(offered: { order: TestRow; proposal: TestRow | null }, partnerId: number, clientAnswer: boolean | null): Promise<TestRow> {
    expect(offered.proposal?.partnerId).toBe(partnerId);
    const proposedStartsAt = new Date(new Date(offered.order.startsAt).getTime() + 2 * HOUR).toISOString();
    await answer(offered.proposal!.id, { answer: 'other_slot', proposedStartsAt });
    if (clientAnswer === null) return offered.proposal!;
    const res = await api.post(`/proposals/${offered.proposal!.id}/slot-answer`, { accept: clientAnswer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  const automatic = async (partnerId: number) => (await t.db('limitations').where({ partnerId, kind: 'automatic' }).orderBy('id')) as TestRow[];
  const summary = async (partnerId: number) => {
    const res = await (await t.as('support')).get(`/api/partners/${partnerId}/engine`);
    expect(res.status).toBe(200);
    return res.body.proposals as { lastAnswered: number; acceptedInLastAnswered: number };
  };
  const effective = async (partnerId: number) => (await t.db('partners').where('id', partnerId).first()).limitation;

  it('when 49 answered proposals were all refusals, then no limitation; at the 50th (a timeout counts, another slot is no acceptance), then existing clients only (LIM-1, LIM-7)', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const client = await addClient(t, area);
    for (let i = 0; i < 48; i++) await declineOne(partner, client);
    // The 49th: another slot, which the client declines — "other slot" is not an acceptance.
    const slot = await offer(client);
    await answer(slot.proposal!.id, { answer: 'other_slot', proposedStartsAt: new Date(new Date(slot.order.startsAt).getTime() + 2 * HOUR).toISOString() });
    expect((await api.post(`/proposals/${slot.proposal!.id}/slot-answer`, { accept: false })).status).toBe(200);
    expect(await automatic(partner)).toHaveLength(0);
    expect(await effective(partner)).toBeNull();
    // The 50th: no answer in the window → a timeout (DSP-11), which counts (LIM-7).
    const last = await offer(client);
    clock.set(last.proposal!.deadlineAt);
    await runWorker(t);
    expect((await t.db('proposals').where('id', last.proposal!.id).first()).answer).toBe('timeout');
    const [lim] = await automatic(partner);
    expect(lim).toMatchObject({ kind: 'automatic', reason: 'no_acceptance_in_last_50', modality: 'existing_clients_only', status: 'active', endsAt: null, createdBy: null });
    expect(JSON.parse(lim.evidence)).toHaveLength(50);
    expect(await effective(partner)).toBe('existing_clients_only');
    const audit = await t.db('auditLog').where({ action: 'limitations.create', resourceId: String(lim.id) }).first();
    expect(audit.actorKind).toBe('system');
    // LIM-2: no longer solicited for new clients.
    const stranger = await addClient(t, area);
    expect((await offer(stranger)).proposal).toBeNull();
  });

  it('when an acceptance is followed by 49 refusals, then no limitation; the 51st answer pushes it out of the last 50, then limited; an existing client’s proposal still reaches them (LIM-2) and accepting it lifts the limitation (LIM-3); after the lift only proposals sent after it count (LIM-7)', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const regular = await addClient(t, area);
    const other = await addClient(t, area);

    // #1 accepted, then completed: `regular` becomes an existing client.
    const first = await offer(regular);
    await answer(first.proposal!.id, { answer: 'accept' });
    clock.set(new Date(new Date(first.order.startsAt).getTime() + HOUR));
    expect((await api.post(`/orders/${first.order.id}/complete`)).status).toBe(200);

    // #2..#50: 49 refusals — the acceptance is still among the last 50.
    for (let i = 0; i < 49; i++) await declineOne(partner, other);
    expect(await automatic(partner)).toHaveLength(0);
    // #51: the acceptance leaves the window.
    await declineOne(partner, other);
    const [lim] = await automatic(partner);
    expect(lim?.status).toBe('active');
    expect(await effective(partner)).toBe('existing_clients_only');
    expect((await offer(other)).proposal).toBeNull();

    // LIM-2: the regular client's request still reaches the partner; it stays pending while
    // five more of the regular's requests are declined.
    const kept = await offer(regular);
    expect(kept.proposal?.partnerId).toBe(partner);
    for (let i = 0; i < 5; i++) await declineOne(partner, regular);
    expect((await automatic(partner)).filter((l) => l.status === 'active')).toHaveLength(1);
    // LIM-3: accepting lifts the automatic limitation.
    clock.advance(MIN);
    await answer(kept.proposal!.id, { answer: 'accept' });
    const [lifted] = await automatic(partner);
    expect(lifted).toMatchObject({ id: lim.id, status: 'lifted' });
    expect(new Date(lifted.liftedAt).toISOString()).toBe(clock.now().toISOString());
    expect(await effective(partner)).toBeNull();
    expect(await t.db('auditLog').where({ action: 'limitations.lift', resourceId: String(lim.id) }).first()).toBeTruthy();

    // LIM-7: counting restarts at the lift. 45 refusals after it: with the 5 refusals sent
    // before the lift they would make 50 after the last acceptance, but those no longer count.
    clock.advance(MIN);
    for (let i = 0; i < 45; i++) await declineOne(partner, other);
    expect((await automatic(partner)).filter((l) => l.status === 'active')).toHaveLength(0);
    for (let i = 0; i < 4; i++) await declineOne(partner, other);
    expect((await automatic(partner)).filter((l) => l.status === 'active')).toHaveLength(0);
    // The 50th refusal sent after the lift: limited again (a new automatic limitation).
    await declineOne(partner, other);
    const all = await automatic(partner);
    expect(all.map((l) => l.status)).toEqual(['lifted', 'active']);
    expect(await effective(partner)).toBe('existing_clients_only');
  });

  it('LIM-7: when 50 orders are each answered with another slot that the client accepts, then 50 sessions are booked and the partner is not limited', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const client = await addClient(t, area);
    for (let i = 0; i < 50; i++) {
      const res = await otherSlot(await offer(client), partner, true);
      expect(res.order).toMatchObject({ status: 'accepted', partnerId: partner });
    }
    expect(await t.db('orders').where({ partnerId: partner, status: 'accepted' })).toHaveLength(50);
    expect(await automatic(partner)).toHaveLength(0);
    expect(await effective(partner)).toBeNull();
    expect(await summary(partner)).toEqual(expect.objectContaining({ lastAnswered: 50, acceptedInLastAnswered: 50 }));
  });

  it('LIM-7: when 50 orders are each answered with another slot that the client declines, then the partner is limited at the 50th decline', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const client = await addClient(t, area);
    for (let i = 0; i < 49; i++) await otherSlot(await offer(client), partner, false);
    expect(await automatic(partner)).toHaveLength(0);
    // The 50th other slot awaits the client: undecided, not counted yet.
    const last = await otherSlot(await offer(client), partner, null);
    expect(await automatic(partner)).toHaveLength(0);
    expect(await summary(partner)).toEqual(expect.objectContaining({ lastAnswered: 49, acceptedInLastAnswered: 0 }));
    // The client declines it: the 50th refusal.
    expect((await api.post(`/proposals/${last.id}/slot-answer`, { accept: false })).status).toBe(200);
    const [lim] = await automatic(partner);
    expect(lim).toMatchObject({ reason: 'no_acceptance_in_last_50', status: 'active' });
    expect(JSON.parse(lim.evidence)).toHaveLength(50);
    expect(await effective(partner)).toBe('existing_clients_only');
  });

  it('LIM-7: when another slot still awaits the client among the last 50, then a 50th refusal sent after it does not limit; the client declining it then does', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const client = await addClient(t, area);
    for (let i = 0; i < 49; i++) await declineOne(partner, client);
    const waiting = await otherSlot(await offer(client), partner, null);
    // A 50th refusal, sent after the other slot: 50 refusals, but the other slot may yet be an acceptance.
    await declineOne(partner, client);
    expect(await automatic(partner)).toHaveLength(0);
    expect((await api.post(`/proposals/${waiting.id}/slot-answer`, { accept: false })).status).toBe(200);
    expect((await automatic(partner)).map((l) => l.status)).toEqual(['active']);
  });

  it('ENG-4 / LIM-7: when the client cancels an order whose other slot awaits their answer, then that slot is withdrawn — it neither counts nor protects', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const client = await addClient(t, area);
    for (let i = 0; i < 49; i++) await declineOne(partner, client);
    const offered = await offer(client);
    await otherSlot(offered, partner, null);
    expect((await api.post(`/orders/${offered.order.id}/cancel`, { by: 'client' })).status).toBe(200);
    expect(await automatic(partner)).toHaveLength(0);
    await declineOne(partner, client);
    const [lim] = await automatic(partner);
    expect(lim?.status).toBe('active');
    expect(JSON.parse(lim.evidence).map((e: TestRow) => e.id)).not.toContain(offered.proposal!.id);
  });

  it('LIM-3 / LIM-7: when a limited partner’s other slot is accepted by an existing client, then the automatic limitation is lifted, and the partner summary’s last 50 counts only proposals sent after the lift', async () => {
    const area = newArea();
    const partner = await addPartner(t, area, { score: 60 });
    const regular = await addClient(t, area);
    const other = await addClient(t, area);
    // `regular` becomes an existing client.
    const first = await offer(regular);
    await answer(first.proposal!.id, { answer: 'accept' });
    clock.set(new Date(new Date(first.order.startsAt).getTime() + HOUR));
    expect((await api.post(`/orders/${first.order.id}/complete`)).status).toBe(200);
    for (let i = 0; i < 50; i++) await declineOne(partner, other);
    const [lim] = await automatic(partner);
    expect(lim?.status).toBe('active');
    expect(await summary(partner)).toEqual(expect.objectContaining({ lastAnswered: 50, acceptedInLastAnswered: 0 }));

    clock.advance(MIN);
    const res = await otherSlot(await offer(regular), partner, true);
    expect(res.order).toMatchObject({ status: 'accepted', partnerId: partner });
    const [lifted] = await automatic(partner);
    expect(lifted).toMatchObject({ id: lim.id, status: 'lifted' });
    expect(new Date(lifted.liftedAt).toISOString()).toBe(clock.now().toISOString());
    expect(await effective(partner)).toBeNull();
    // LIM-7: counting restarts at the lift — the other slot was sent before it.
    expect(await summary(partner)).toEqual(expect.objectContaining({ lastAnswered: 0, acceptedInLastAnswered: 0 }));
    clock.advance(MIN);
    for (let i = 0; i < 3; i++) await declineOne(partner, other);
    expect(await summary(partner)).toEqual(expect.objectContaining({ lastAnswered: 3, acceptedInLastAnswered: 0 }));
  });
});
