/**
 * Property tests of dispatch (DSP-4..12, LIM-2, LIM-5, LIM-7): seeded random sequences of
 * what the apps and the clock do — orders, answers (accept, decline, another slot), the
 * client's slot answers, cancellations, completions, favourites, time passing with the
 * worker — through the Engine API, with the invariants checked after every step:
 * - never two acceptances for one order (and an accepted order has exactly one, its partner's);
 * - strictly sequential: at most one proposal awaiting an answer per order, each proposal sent
 *   only after the previous one was answered (and another slot, after the client's answer);
 *   a partner gets an order once;
 * - an existing-clients-only partner is never offered a new client's order;
 * - a reduced partner is offered a new client's order only when no unlimited partner is
 *   left for it (checked against an oracle written here, from the rows);
 * - a partner's accepted sessions never overlap (30 min travel margin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../engine/random';
import { distanceKm } from '../engine/geo';
import { addParisDays, parisDate, parisInstant } from '../../shared/calendar/paris';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { addClient, addPartner, clockOf, engine, HOUR, MIN, newArea, runWorker, type Area, type Clocked } from './engineFixture';
import type { TestRow } from './helpers';

const SERVICES = ['haircut', 'massage'];
const ms = (v: unknown) => new Date(v as string).getTime();

describe('dispatch invariants (seeded random runs through the API)', () => {
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

  interface World {
    area: Area;
    partners: TestRow[];
    clients: number[];
    modality: Map<number, 'reduced' | 'existing_clients_only' | null>;
  }

  async function makeWorld(rng: Random): Promise<World> {
    const area = newArea();
    const modality = new Map<number, 'reduced' | 'existing_clients_only' | null>();
    const kinds: ('reduced' | 'existing_clients_only' | null)[] = ['existing_clients_only', 'reduced', 'reduced', null, null, null, null];
    for (const kind of kinds) {
      const id = await addPartner(t, area, {
        score: Math.round((40 + rng.next() * 50) * 10) / 10,
        services: rng.chance(0.8) ? SERVICES : [rng.pick(SERVICES)],
        radiusKm: rng.int(12, 30),
        kmNorth: rng.int(-8, 8),
        limitation: kind ?? undefined,
      });
      modality.set(id, kind);
    }
    const clients: number[] = [];
    for (let i = 0; i < 6; i++) clients.push(await addClient(t, area, rng.int(-6, 6)));
    const partners = (await t.db('partners').whereIn('id', [...modality.keys()])) as TestRow[];
    return { area, partners, clients, modality };
  }

  async function areaOrders(w: World): Promise<TestRow[]> {
    return (await t.db('orders').whereIn('clientId', w.clients).orderBy('id')) as TestRow[];
  }

  async function proposalsOf(orderIds: number[]): Promise<TestRow[]> {
    if (orderIds.length === 0) return [];
    return (await t.db('proposals').whereIn('orderId', orderIds).orderBy(['orderId', 'rank'])) as TestRow[];
  }

  /** Was the partner limited to existing clients (a limitation in force) at `at`? */
  async function existingOnlyAt(w: World, partnerId: number, at: number): Promise<boolean> {
    if (w.modality.get(partnerId) === 'existing_clients_only') return true;
    const autos = (await t.db('limitations').where({ partnerId, kind: 'automatic' })) as TestRow[];
    return autos.some((l) => ms(l.startsAt) <= at && (l.liftedAt === null || ms(l.liftedAt) > at));
  }

  async function servedBefore(clientId: number, partnerId: number, at: number): Promise<boolean> {
    const done = (await t.db('orders').where({ clientId, partnerId, status: 'completed' })) as TestRow[];
    return done.some((o) => o.completedAt !== null && ms(o.completedAt) <= at);
  }

  async function checkInvariants(w: World, newProposalsFrom: number): Promise<void> {
    const orders = await areaOrders(w);
    const proposals = await proposalsOf(orders.map((o) => o.id));
    const byOrder = new Map<number, TestRow[]>();
    for (const p of proposals) byOrder.set(p.orderId, [...(byOrder.get(p.orderId) ?? []), p]);
    const favourites = (await t.db('favourites').whereIn('clientId', w.clients)) as TestRow[];

    for (const o of orders) {
      const ps = byOrder.get(o.id) ?? [];
      // Never two acceptances; an accepted order's partner is the one who accepted.
      const acceptances = ps.filter((p) => p.answer === 'accepted' || p.clientAnswer === 'accepted');
      expect(acceptances.length, `order ${o.id}: acceptances`).toBeLessThanOrEqual(1);
      if (['accepted', 'completed', 'no_show', 'cancelled_by_partner'].includes(o.status)) {
        expect(acceptances).toHaveLength(1);
        expect(o.partnerId).toBe(acceptances[0].partnerId);
      }
      if (o.status === 'dispatching' || o.status === 'expired') expect(acceptances).toHaveLength(0);
      // Strictly sequential.
      expect(ps.filter((p) => p.answer === null).length, `order ${o.id}: pending proposals`).toBeLessThanOrEqual(1);
      expect(new Set(ps.map((p) => p.partnerId)).size, `order ${o.id}: a partner solicited twice`).toBe(ps.length);
      ps.forEach((p, i) => {
        expect(p.rank).toBe(i + 1);
        if (i === 0) return;
        const prev = ps[i - 1];
        expect(prev.answer, `order ${o.id}: proposal ${p.id} sent while ${prev.id} awaited an answer`).not.toBeNull();
        expect(ms(p.sentAt)).toBeGreaterThanOrEqual(ms(prev.answeredAt));
        if (prev.answer === 'other_slot') {
          expect(prev.clientAnswer, `order ${o.id}: proposal ${p.id} sent while another slot awaited the client`).not.toBeNull();
          expect(ms(p.sentAt)).toBeGreaterThanOrEqual(ms(prev.clientAnsweredAt));
        }
      });
      if (o.status === 'dispatching') {
        const waiting = ps.filter((p) => p.answer === null || (p.answer === 'other_slot' && p.clientAnswer === null));
        expect(waiting.length).toBeLessThanOrEqual(1);
      }
    }

    for (const p of proposals) {
      const o = orders.find((x) => x.id === p.orderId)!;
      // LIM-2: an existing-clients-only partner only for clients they already served.
      if (await existingOnlyAt(w, p.partnerId, ms(p.sentAt))) {
        expect(await servedBefore(o.clientId, p.partnerId, ms(p.sentAt)), `proposal ${p.id}: existing-clients-only partner ${p.partnerId} offered a new client`).toBe(true);
      }
    }

    // DSP-9 / LIM-5: a reduced partner (not a favourite) for a new client only when no unlimited partner is left.
    for (const p of proposals.filter((x) => x.id >= newProposalsFrom)) {
      if (w.modality.get(p.partnerId) !== 'reduced') continue;
      const o = orders.find((x) => x.id === p.orderId)!;
      if (favourites.some((f) => f.clientId === o.clientId && f.partnerId === p.partnerId)) continue;
      if (await servedBefore(o.clientId, p.partnerId, ms(p.sentAt))) continue;
      const solicited = new Set((byOrder.get(o.id) ?? []).map((x) => x.partnerId));
      for (const u of w.partners) {
        if (w.modality.get(u.id) !== null || solicited.has(u.id)) continue;
        if (!JSON.parse(u.services).includes(o.serviceCode)) continue;
        if (distanceKm(u.lat, u.lng, o.lat, o.lng) > Number(u.radiusKm)) continue;
        if (await existingOnlyAt(w, u.id, ms(p.sentAt))) continue;
        const busy = (await t.db('orders').where({ partnerId: u.id, status: 'accepted' })) as TestRow[];
        const clash = busy.some((b) => b.id !== o.id && ms(b.startsAt) < ms(o.endsAt) + 30 * MIN && ms(o.startsAt) - 30 * MIN < ms(b.endsAt));
        expect(clash, `proposal ${p.id}: reduced partner ${p.partnerId} solicited while unlimited partner ${u.id} was free`).toBe(true);
      }
    }

    // DSP-9: a partner's accepted sessions never overlap, travel margin included.
    const accepted = orders.filter((o) => o.status === 'accepted');
    for (const a of accepted) {
      for (const b of accepted) {
        if (a.id >= b.id || a.partnerId !== b.partnerId) continue;
        const apart = ms(a.endsAt) + 30 * MIN <= ms(b.startsAt) || ms(b.endsAt) + 30 * MIN <= ms(a.startsAt);
        expect(apart, `orders ${a.id} and ${b.id} overlap for partner ${a.partnerId}`).toBe(true);
      }
    }
  }

  function startTime(rng: Random, now: Date): Date {
    const day = addParisDays(parisDate(now), rng.int(0, 4));
    const at = parisInstant(day, rng.int(7 * 4, 20 * 4) * 15);
    return at.getTime() - now.getTime() >= 2 * HOUR ? at : new Date(now.getTime() + rng.int(9, 40) * 15 * MIN);
  }

  async function step(w: World, rng: Random): Promise<string> {
    const orders = await areaOrders(w);
    const proposals = await proposalsOf(orders.map((o) => o.id));
    const pending = proposals.filter((p) => p.answer === null && orders.find((o) => o.id === p.orderId)?.status === 'dispatching');
    const slots = proposals.filter((p) => p.answer === 'other_slot' && p.clientAnswer === null);
    const accepted = orders.filter((o) => o.status === 'accepted');
    const now = clock.now();
    const roll = rng.next();
    let res;
    let label = '';
    if (roll < 0.28) {
      label = 'POST /orders';
      res = await api.post('/orders', { clientId: rng.pick(w.clients), serviceCode: rng.pick(SERVICES), startsAt: startTime(rng, now).toISOString() });
    } else if (roll < 0.58 && pending.length) {
      const p = rng.pick(pending);
      const kind = rng.weighted(['accept', 'decline', 'other_slot'], [4, 4, 2]);
      const o = orders.find((x) => x.id === p.orderId)!;
      const body = kind === 'other_slot' ? { answer: kind, proposedStartsAt: new Date(ms(o.startsAt) + rng.int(1, 8) * 30 * MIN).toISOString() } : { answer: kind };
      label = `answer ${kind}`;
      res = await api.post(`/proposals/${p.id}/answer`, body);
    } else if (roll < 0.66 && slots.length) {
      label = 'slot-answer';
      res = await api.post(`/proposals/${rng.pick(slots).id}/slot-answer`, { accept: rng.chance(0.5) });
    } else if (roll < 0.72 && orders.length) {
      const o = rng.pick(orders);
      label = 'cancel';
      res = await api.post(`/orders/${o.id}/cancel`, { by: rng.chance(0.6) ? 'client' : 'partner' });
    } else if (roll < 0.8 && accepted.length) {
      const o = rng.pick(accepted);
      label = 'close session';
      res = await api.post(`/orders/${o.id}/${rng.chance(0.85) ? 'complete' : 'no-show'}`);
    } else if (roll < 0.84) {
      label = 'favourite';
      res = await api.post('/favourites', { clientId: rng.pick(w.clients), partnerId: rng.pick(w.partners).id });
    } else {
      clock.advance(rng.int(1, 120) * MIN);
      const summary = await runWorker(t);
      expect(summary.failed).toBe(0);
      return 'tick';
    }
    expect([200, 201, 409, 422], JSON.stringify(res.body)).toContain(res.status);
    return `${label} ${res.status}`;
  }

  it.each([1, 2, 3, 4, 5])('seed %i: after every step of a random run, the dispatch invariants hold', async (seed) => {
    clock.set(new Date(TEST_NOW.getTime() + seed * 20 * 24 * HOUR));
    const rng = mulberry32(1000 + seed);
    const w = await makeWorld(rng);
    const seen = new Map<string, number>();
    for (let i = 0; i < 70; i++) {
      const maxBefore = Number(((await t.db('proposals').max({ m: 'id' }).first()) as TestRow).m ?? 0);
      const what = await step(w, rng);
      seen.set(what, (seen.get(what) ?? 0) + 1);
      await checkInvariants(w, maxBefore + 1);
    }
    // The run exercised the paths it checks.
    const orders = await areaOrders(w);
    const proposals = await proposalsOf(orders.map((o) => o.id));
    expect(orders.length).toBeGreaterThan(8);
    expect(proposals.some((p) => p.answer === 'accepted' || p.clientAnswer === 'accepted')).toBe(true);
    expect(proposals.some((p) => p.answer === 'declined')).toBe(true);
    expect([...seen.keys()].some((k) => k.startsWith('tick'))).toBe(true);
  });
});
