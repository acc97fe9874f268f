/**
 * Factories for the engine suites: partners and clients placed in an "area" of their own
 * (a point in the Atlantic, far from every seeded partner, so that dispatch there only
 * meets the partners the test made), the bearer-token client, and the worker step.
 */
import request from 'supertest';
import type { TestApp } from './harness';
import { TEST_NOW } from './harness';
import { processDueDeadlines, type JobRegistry, type ProcessSummary } from '../engine/live';
import { addParisDays, parisDate, parisInstant } from '../../shared/calendar/paris';
import { searchTextOf } from '../../shared/text';

export const BEARER = 'Bearer demo-app-token';
export const HOUR = 3_600_000;
export const MIN = 60_000;
export const DAY = 24 * HOUR;

/** Every day, all day: a slot anywhere in a Paris day fits (DSP-9 weekly hours). */
export const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));

let areaCounter = 0;
let uniq = 0;

export interface Area {
  lat: number;
  lng: number;
}

/** A fresh area: 1.5° of latitude apart (≈ 165 km), in the Atlantic west of France. */
export function newArea(): Area {
  areaCounter++;
  return { lat: 20 + areaCounter * 1.5, lng: -35 };
}

/** A point `kmNorth` km north of the area's centre. */
export function near(area: Area, kmNorth = 0): Area {
  return { lat: area.lat + kmNorth / 111.2, lng: area.lng };
}

export interface PartnerOptions {
  score?: number | null;
  services?: string[];
  radiusKm?: number;
  weeklyHours?: { day: number; from: string; to: string }[];
  status?: string;
  /** A manual limitation in force (LIM-5). */
  limitation?: 'reduced' | 'existing_clients_only';
  vertical?: 'wellness' | 'care';
  kmNorth?: number;
  completedSessions?: number;
}

export async function addPartner(t: TestApp, area: Area, o: PartnerOptions = {}): Promise<number> {
  uniq++;
  const services = o.services ?? ['haircut'];
  const at = near(area, o.kmNorth ?? 0);
  const now = TEST_NOW.toISOString();
  const row = {
    reference: `T${String(uniq).padStart(6, '0')}`,
    firstName: 'Test',
    lastName: `Partenaire${uniq}`,
    email: `test.partner${uniq}@example.test`,
    phone: '06 00 00 00 00',
    lat: at.lat,
    lng: at.lng,
    vertical: o.vertical ?? 'wellness',
    services: JSON.stringify(services),
    radiusKm: o.radiusKm ?? 20,
    weeklyHours: JSON.stringify(o.weeklyHours ?? ALWAYS),
    status: o.status ?? 'active',
    limitation: o.limitation ?? null,
    score: o.score === undefined ? 55 : o.score,
    completedSessions: o.completedSessions ?? 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const [inserted] = await t.db('partners').insert({ ...row, searchText: searchTextOf([row.reference, row.lastName]) }).returning('id');
  const id = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
  await t.db('partnerServices').insert(services.map((serviceCode) => ({ partnerId: id, serviceCode })));
  if (o.limitation) {
    await t.db('limitations').insert({
      partnerId: id,
      kind: 'manual',
      reason: o.limitation === 'reduced' ? 'repeated_negative_reviews' : 'repeated_cancellations',
      modality: o.limitation,
      startsAt: new Date(TEST_NOW.getTime() - 30 * DAY).toISOString(),
      endsAt: new Date(TEST_NOW.getTime() + 300 * DAY).toISOString(),
      status: 'active',
      note: 'test',
      evidence: '[]',
      createdBy: 3,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }
  return id;
}

export async function addClient(t: TestApp, area: Area, kmNorth = 0): Promise<number> {
  uniq++;
  const at = near(area, kmNorth);
  const row = {
    reference: `X${String(uniq).padStart(6, '0')}`,
    firstName: 'Camille',
    lastName: `Cliente${uniq}`,
    email: `camille${uniq}@client.test`,
    phone: '07 11 22 33 44',
    address: `${uniq} rue des Tests`,
    postcode: '75011',
    city: 'Testville',
    lat: at.lat,
    lng: at.lng,
    createdAt: new Date(TEST_NOW.getTime() - 100 * DAY).toISOString(),
    deletedAt: null,
  };
  const [inserted] = await t.db('clients').insert({ ...row, searchText: searchTextOf([row.reference, row.firstName, row.lastName, row.email]) }).returning('id');
  return Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
}

/** 10:00 Paris time, `days` Paris days after the clock's current day. */
export function parisTen(now: Date, days: number, minutes = 600): Date {
  return parisInstant(addParisDays(parisDate(now), days), minutes);
}

/** The Engine API with the demo app token. */
export function engine(t: TestApp) {
  return {
    post: (url: string, body?: unknown) => {
      const r = request(t.app).post(`/api/engine${url}`).set('Authorization', BEARER);
      return body === undefined ? r : r.send(body as object);
    },
    put: (url: string, body: unknown) => request(t.app).put(`/api/engine${url}`).set('Authorization', BEARER).send(body as object),
    delete: (url: string) => request(t.app).delete(`/api/engine${url}`).set('Authorization', BEARER),
  };
}

/** The worker's step on the test clock (the engine's timers and jobs, and `jobs` when given). */
export function runWorker(t: TestApp, workerId = 'test-worker', jobs?: JobRegistry): Promise<ProcessSummary> {
  return processDueDeadlines({ db: t.db, clock: t.clock }, { workerId, jobs });
}

export type Clocked = TestApp['clock'] & { set(at: Date | string): void; advance(ms: number): void };

export function clockOf(t: TestApp): Clocked {
  return t.clock as Clocked;
}

/**
 * `n` past sessions of `partnerId` with `clientId`, completed without a survey, written as
 * rows (the score's history, SCO-6/SCO-8): one a day, the last `daysBefore` days before
 * `now`, all created on the first one's day minus a week — so the client did not order
 * again after the first (R = 0), only the first counts 3 (A = 0.5) and none was cancelled
 * (F = 1): a real score of 37.5 when it is all the partner did.
 */
export async function addCompletedSessions(t: TestApp, o: { partnerId: number; clientId: number; n: number; now: Date; daysBefore?: number }): Promise<void> {
  const last = o.now.getTime() - (o.daysBefore ?? 1) * DAY;
  const createdAt = new Date(last - (o.n - 1) * DAY - 7 * DAY).toISOString();
  const rows = Array.from({ length: o.n }, (_, i) => {
    uniq++;
    const startsAt = last - (o.n - 1 - i) * DAY;
    return {
      reference: `H${String(uniq).padStart(7, '0')}`,
      clientId: o.clientId,
      partnerId: o.partnerId,
      serviceCode: 'haircut',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + HOUR).toISOString(),
      status: 'completed',
      priceCents: 5000,
      partnerPayCents: 4000,
      createdAt,
      acceptedAt: createdAt,
      completedAt: new Date(startsAt + HOUR).toISOString(),
      version: 1,
      searchText: '',
    };
  });
  await t.db('orders').insert(rows);
}
