/**
 * Live updates (`GET /api/events`, server/events/): a stream receives the changes other people
 * make to what its role may read — never more than the audit trail would show that role —
 * ends at sign-out and when the app closes, and one person holds a bounded number of them.
 * A real HTTP server: the stream is read as it comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { listen, openStream, signIn, waitUntil, type OpenedStream } from './eventStream';

describe('live updates (GET /api/events)', () => {
  let t: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  const opened: OpenedStream[] = [];
  const open = async (cookie: string, accept?: string) => {
    const s = await openStream(http.base, cookie, accept);
    opened.push(s);
    return s;
  };
  const sentinelCity = (() => {
    let n = 0;
    return () => `Sentinelle-${++n}`;
  })();

  beforeAll(async () => {
    t = await createTestApp();
    http = await listen(t.app);
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await http?.close();
    await t?.close();
  });

  it('when support has a stream open and an admin edits a partner, then support receives the change with who made it', async () => {
    const support = await open(await signIn(http.base, 'support@demo.test'));
    expect(support.status).toBe(200);
    expect(support.contentType).toMatch(/^text\/event-stream/);
    const admin = await t.as('admin');
    const city = sentinelCity();
    expect((await admin.put('/api/partners/3').send({ city })).status).toBe(200);
    await waitUntil('the partner change on the support stream', () => support.changes.some((c) => c.resource === 'partners' && c.id === 3));
    const change = support.changes.find((c) => c.resource === 'partners' && c.id === 3)!;
    expect(change).toEqual({ resource: 'partners', id: 3, action: 'partners.update', actorId: expect.any(Number), actorName: 'Alice Administratrice', at: TEST_NOW.toISOString() });
    expect(support.text()).toContain('retry: ');
  });

  it('when a case and a document change, then a coordinator’s stream receives neither, but does receive the partner change made after them', async () => {
    const coordinator = await open(await signIn(http.base, 'coordinator@demo.test'));
    const support = await open(await signIn(http.base, 'support@demo.test'));
    const mediator = await t.as('mediator');
    const order = await t.db('orders').orderBy('id').first();
    const created = await mediator.post('/api/cases').send({ category: 'quality', orderId: Number(order.id), writtenComplaintAt: new Date(TEST_NOW.getTime() - 86_400_000).toISOString() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = await t.db('documents').join('partners', 'partners.id', 'documents.partnerId').where({ 'documents.status': 'pending', 'partners.status': 'applicant' }).orderBy('documents.id').first('documents.id', 'documents.partnerId');
    const agent = await t.as('support');
    expect((await agent.post(`/api/partners/${doc.partnerId}/take`)).status).toBe(200);
    const rejected = await agent.post(`/api/documents/${doc.id}/reject`).send({ reason: 'Illisible, à renvoyer' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    // Changes reach a stream in the order they were made: once the later partner change is
    // there, the case and the document would have been too.
    const city = sentinelCity();
    expect((await (await t.as('admin')).put('/api/partners/4').send({ city })).status).toBe(200);
    await waitUntil('the partner change on the coordinator stream', () => coordinator.changes.some((c) => c.resource === 'partners' && c.id === 4));
    expect(coordinator.changes.filter((c) => ['cases', 'documents'].includes(c.resource) || c.action.startsWith('cases.') || c.action.startsWith('documents.'))).toEqual([]);
    // Support may read documents (not cases): the same rule as the audit trail.
    await waitUntil('the partner change on the support stream', () => support.changes.some((c) => c.resource === 'partners' && c.id === 4));
    expect(support.changes.some((c) => c.resource === 'documents' && c.id === Number(doc.id))).toBe(true);
    expect(support.changes.some((c) => c.resource === 'cases')).toBe(false);
  });

  it('when the user signs out, then the stream ends', async () => {
    const cookie = await signIn(http.base, 'support@demo.test');
    const stream = await open(cookie);
    expect(stream.status).toBe(200);
    const out = await fetch(`${http.base}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    await waitUntil('the stream to end after sign-out', () => stream.ended());
  });

  it('when one user opens more streams than allowed, then the next one is a 429 and closing one makes room', async () => {
    const cookie = await signIn(http.base, 'ops@demo.test');
    const five = await Promise.all(Array.from({ length: 5 }, () => open(cookie)));
    expect(five.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await open(cookie);
    expect(sixth.status).toBe(429);
    expect(JSON.parse(sixth.text())).toMatchObject({ error: { code: 'rate_limited', details: { limit: 5 } } });
    five[0].close();
    await waitUntil('a stream to be accepted again', async () => {
      const again = await open(cookie);
      return again.status === 200;
    });
  });

  it('when the caller is anonymous or does not accept an event stream, then 401 or 406 (never a response that does not end)', async () => {
    expect((await open('console.sid=nothing')).status).toBe(401);
    const cookie = await signIn(http.base, 'support@demo.test');
    const plain = await open(cookie, 'application/json');
    expect(plain.status).toBe(406);
    expect(JSON.parse(plain.text())).toMatchObject({ error: { code: 'not_acceptable' } });
  });

  it('when an admin changes the role of someone with a stream open, then the stream ends (it was opened for the old role)', async () => {
    const stream = await open(await signIn(http.base, 'ops2@demo.test'));
    expect(stream.status).toBe(200);
    const user = await t.db('users').where('email', 'ops2@demo.test').first('id');
    expect((await (await t.as('admin')).put(`/api/users/${user.id}`).send({ role: 'coordinator' })).status).toBe(200);
    await waitUntil('the stream to end after the role change', () => stream.ended());
  });

  it('when the app closes, then its open streams end', async () => {
    const stream = await open(await signIn(http.base, 'mediator@demo.test'));
    expect(stream.status).toBe(200);
    await t.built.endStreams();
    await waitUntil('the stream to end at close', () => stream.ended());
  });
});

describe('live updates: a sign-out on this instance', () => {
  let t: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    // Session checks far apart: only the sign-out itself can end the stream within the wait.
    t = await createTestApp({ events: { sessionCheckMs: 600_000 } });
    http = await listen(t.app);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('when the user signs out, then their stream ends at once, without waiting for the periodic session check', async () => {
    const cookie = await signIn(http.base, 'mediator@demo.test');
    const stream = await openStream(http.base, cookie);
    expect(stream.status).toBe(200);
    expect((await fetch(`${http.base}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    await waitUntil('the stream to end after sign-out', () => stream.ended());
    stream.close();
  });
});
