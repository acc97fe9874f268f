/**
 * GET /api/inbox: each role sees the sections meant for it and nothing it may not list, and
 * every count is the total the list endpoint gives for the filter the count links to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import type { Role } from '../../shared/roles';
import { can, type Resource } from '../../shared/permissions';
import { addParisDays } from '../../shared/calendar/paris';
import { createTestApp, listUrl, type TestApp } from './harness';
import { seedQueues } from './inboxFixtures';
import type { JsonObject } from '../../shared/json';

interface Item {
  key: string;
  count: number;
  estimated: boolean;
  list: { resource: Resource; filter: JsonObject; sort: [string, string] };
  next: { id: number | string; label: string; due: string | null }[];
}
interface Inbox {
  today: string;
  sections: { key: string; items: Item[] }[];
}

const SECTIONS: Record<Role, string[]> = {
  support: ['support'],
  ops: ['ops'],
  mediator: ['mediator'],
  coordinator: ['coordinator'],
  admin: ['support', 'ops', 'mediator', 'coordinator', 'engine'],
};

function totalOf(res: request.Response): number {
  const match = /\/(\d+)$/.exec(String(res.headers['content-range']));
  if (!match) throw new Error(`no total in Content-Range: ${res.headers['content-range']}`);
  return Number(match[1]);
}

function itemsOf(inbox: Inbox): Item[] {
  return inbox.sections.flatMap((s) => s.items);
}

function item(inbox: Inbox, key: string): Item {
  const found = itemsOf(inbox).find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key} in ${JSON.stringify(inbox.sections.map((s) => s.key))}`);
  return found;
}

describe('the inbox (GET /api/inbox)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedQueues(t.db, t.clock.now());
  });
  afterAll(async () => {
    await t?.close();
  });

  const read = async (role: Role): Promise<Inbox> => {
    const res = await (await t.as(role)).get('/api/inbox');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Inbox;
  };

  it.each(Object.entries(SECTIONS) as [Role, string[]][])('when %s opens the home page, then it sees exactly its sections', async (role, sections) => {
    const inbox = await read(role);
    expect(inbox.sections.map((s) => s.key)).toEqual(sections);
    for (const i of itemsOf(inbox)) expect(can(role, i.list.resource, 'list'), `${role} sees ${i.key} on ${i.list.resource}`).toBe(true);
  });

  it('when the coordinator opens the home page, then no count is about cases, documents or partners’ files', async () => {
    const inbox = await read('coordinator');
    const resources = new Set(itemsOf(inbox).map((i) => i.list.resource));
    expect(resources).toEqual(new Set(['orders']));
    expect(itemsOf(inbox).map((i) => i.key)).toEqual(['sheetsTomorrow', 'couponsAwaitingScan']);
  });

  it.each(['support', 'ops', 'mediator', 'coordinator', 'admin'] as Role[])(
    'when %s follows each count to its list, then the list’s total is the count and its first rows are the next items',
    async (role) => {
      const agent = await t.as(role);
      const inbox = await read(role);
      expect(itemsOf(inbox).length).toBeGreaterThan(0);
      for (const i of itemsOf(inbox)) {
        const res = await agent.get(listUrl(i.list.resource, { filter: i.list.filter, sort: i.list.sort, range: [0, 4] }));
        expect(res.status, `${i.key}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(i.count, `${role} ${i.key}`).toBe(totalOf(res));
        expect(i.next.map((n) => n.id), `${role} ${i.key}`).toEqual((res.body as { id: number }[]).map((r) => r.id));
      }
    },
  );

  it('when the queues hold work on both sides of each boundary, then each count holds only its side', async () => {
    const ops = await read('ops');
    expect(item(ops, 'limitationsToReview').count).toBe(3);
    expect(item(ops, 'terminationsAwaitingApprover').count).toBe(1);
    expect(item(ops, 'openSignals').count).toBe(2);
    // LIM-6: the review that waits longest first.
    const dues = item(ops, 'limitationsToReview').next.map((n) => n.due!);
    expect(dues).toEqual([...dues].sort());
    const mediator = await read('mediator');
    expect(item(mediator, 'casesOverdue').count).toBe(2);
    // Due in 2 h, in 3 days and on the seventh Paris day (today + 6 days, 10 h later than now: still that day in Paris).
    expect(item(mediator, 'casesThisWeek').count).toBe(3);
    expect(item(mediator, 'newMail').count).toBe(1);
  });

  it('when support takes an applicant’s file, then "files I hold" grows by one and "applicants waiting" shrinks by one (REF-9)', async () => {
    const before = await read('support');
    const waiting = item(before, 'applicantsWaiting');
    expect(waiting.count).toBeGreaterThan(0);
    const taken = waiting.next[0]!;
    const res = await (await t.as('support')).post(`/api/partners/${taken.id}/take`).send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await read('support');
    expect(item(after, 'filesIHold').count).toBe(item(before, 'filesIHold').count + 1);
    const held = item(after, 'filesIHold').list;
    const listed = await (await t.as('support')).get(listUrl('partners', { filter: { ...held.filter, id: taken.id } }));
    expect(totalOf(listed)).toBe(1);
    expect(item(after, 'applicantsWaiting').count).toBe(waiting.count - 1);
    // Held by support, not by the admin: the admin's "files I hold" does not move.
    const admin = await read('admin');
    expect(item(admin, 'filesIHold').list.filter.assignedTo).not.toBe(item(after, 'filesIHold').list.filter.assignedTo);
  });

  it('when the day is read, then it is the Paris date of the clock and tomorrow’s sheets start that Paris day', async () => {
    const inbox = await read('coordinator');
    expect(inbox.today).toBe('2026-11-20');
    const sheets = item(inbox, 'sheetsTomorrow');
    // 2026-11-21 in Paris (UTC+1 in November): from 23:00 UTC the day before.
    expect(sheets.list.filter).toMatchObject({ status: 'accepted', startsAt_gte: '2026-11-20T23:00:00.000Z', startsAt_lte: '2026-11-21T22:59:59.999Z' });
    for (const n of sheets.next) expect(n.due! >= '2026-11-20T23:00:00.000Z' && n.due! <= '2026-11-21T22:59:59.999Z').toBe(true);
  });

  it('when approved documents end yesterday, today, in 30 days and in 31 days, then "documents expiring within 30 days" counts today’s and the 30th day’s only', async () => {
    const docs = ((await t.db('documents').where('status', 'approved').orderBy('id').limit(4).select('id')) as { id: number }[]).map((d) => Number(d.id));
    expect(docs).toHaveLength(4);
    await t.db('documents').whereIn('id', docs).update({ validUntil: '2099-12-31' });
    const before = item(await read('support'), 'filesExpiring');
    const today = (await read('support')).today;
    const ends = [addParisDays(today, -1), today, addParisDays(today, 30), addParisDays(today, 31)];
    for (const [i, id] of docs.entries()) await t.db('documents').where('id', id).update({ validUntil: ends[i] });

    const after = item(await read('support'), 'filesExpiring');
    expect(after.count).toBe(before.count + 2);
    // The list the count opens holds the same two, and not the one already expired.
    const listed = await (await t.as('support')).get(listUrl('documents', { filter: { ...after.list.filter, id: docs }, sort: ['validUntil', 'ASC'], range: [0, 9] }));
    expect(totalOf(listed)).toBe(2);
    expect((listed.body as { id: number }[]).map((d) => d.id)).toEqual([docs[1], docs[2]]);
  });

  it('when anonymous, then the inbox is refused with 401', async () => {
    const res = await t.anonymous().get('/api/inbox');
    expect(res.status).toBe(401);
  });
});
