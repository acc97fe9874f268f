/**
 * The partner's outbox, read side ("the message sent to the partner for each
 * decision … visible on the partner's page"): `GET /api/partners/{id}/outbox` — who may read
 * it, its shape, newest first, one message per decision (apply, lift, terminate) and none for
 * the other steps or for a refused action.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { ROLES } from '../../shared/roles';
import { createTestApp, type TestApp } from './harness';
import { addPartner, clockOf, DAY, newArea } from './engineFixture';
import { expectError, type TestRow } from './helpers';


describe('the partner outbox (GET /api/partners/{id}/outbox)', () => {
  let t: TestApp;
  let ops: request.Agent;
  let ops2: request.Agent;

  beforeAll(async () => {
    t = await createTestApp();
    ops = await t.as('ops');
    ops2 = request.agent(t.app);
    expect((await ops2.post('/api/auth/login').send({ email: 'ops2@demo.test', password: DEMO_PASSWORD })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const inDays = (days: number) => new Date(clockOf(t).now().getTime() + days * DAY).toISOString();
  const outboxOf = async (partnerId: number) => {
    const res = await ops.get(`/api/partners/${partnerId}/outbox`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as TestRow[];
  };
  async function apply(partnerId: number): Promise<TestRow> {
    const res = await ops
      .post('/api/limitations')
      .send({ partnerId, reason: 'repeated_cancellations', modality: 'reduced', endsAt: inDays(45), note: 'Trois annulations en deux semaines.' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as TestRow;
  }

  it('when nobody is signed in, then 401; when any staff role reads it, then 200 (the partner page is every role’s)', async () => {
    const partnerId = await addPartner(t, newArea());
    expectError(await t.anonymous().get(`/api/partners/${partnerId}/outbox`), 401, 'not_authenticated');
    for (const role of ROLES) {
      const res = await (await t.as(role)).get(`/api/partners/${partnerId}/outbox`);
      expect(res.status, role).toBe(200);
      expect(res.body, role).toEqual([]);
    }
  });

  it('when the partner does not exist or the id is malformed, then 404', async () => {
    expectError(await ops.get('/api/partners/99999999/outbox'), 404, 'not_found');
    expectError(await ops.get('/api/partners/abc/outbox'), 404, 'not_found');
    expectError(await ops.get('/api/partners/1e3/outbox'), 404, 'not_found');
  });

  it('when a limitation is applied, then one French message with the reason, the end date in words and how to have it lifted; its fields are the documented ones', async () => {
    const partnerId = await addPartner(t, newArea());
    const lim = await apply(partnerId);
    const [message, ...rest] = await outboxOf(partnerId);
    expect(rest).toEqual([]);
    expect(Object.keys(message).sort()).toEqual(['body', 'channel', 'createdAt', 'id', 'kind', 'limitationId', 'partnerId', 'sentAt', 'subject'].sort());
    expect(message).toMatchObject({
      partnerId,
      limitationId: lim.id,
      kind: 'limitation_apply',
      channel: 'email',
      subject: 'Limitation de votre compte partenaire',
      createdAt: clockOf(t).now().toISOString(),
      sentAt: null,
    });
    expect(message.body).toMatch(/^Bonjour Test,/);
    expect(message.body).toContain('des annulations répétées de prestations acceptées');
    expect(message.body).toContain('vous serez sollicité(e) moins souvent pour de nouveaux clients');
    const endDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(lim.endsAt));
    expect(message.body).toContain(endDay);
    expect(message.body).toMatch(/écrivez-nous|réservez un appel/);
  });

  it('when an action is refused (a second limitation, a past end date, terminate too early), then no message is written', async () => {
    const partnerId = await addPartner(t, newArea());
    const lim = await apply(partnerId);
    expectError(
      await ops.post('/api/limitations').send({ partnerId, reason: 'no_show', modality: 'reduced', endsAt: inDays(10), note: 'Encore.' }),
      409,
      'invalid_state',
    );
    const other = await addPartner(t, newArea());
    expectError(
      await ops.post('/api/limitations').send({ partnerId: other, reason: 'no_show', modality: 'reduced', endsAt: inDays(-1), note: 'Passé.' }),
      422,
      'validation_failed',
    );
    expectError(await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Trop tôt.' }), 409, 'invalid_state');
    expect((await outboxOf(partnerId)).map((m) => m.kind)).toEqual(['limitation_apply']);
    expect(await outboxOf(other)).toEqual([]);
  });

  it('when a limitation goes to review, termination is asked, declined, asked again and approved, then only the apply and terminate decisions reach the partner, newest first', async () => {
    const partnerId = await addPartner(t, newArea());
    const lim = await apply(partnerId);
    await t.db('limitations').where('id', lim.id).update({ status: 'awaiting_review' });
    expect((await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Aucune amélioration.' })).status).toBe(200);
    expect((await ops2.post(`/api/limitations/${lim.id}/decline-termination`).send({ note: 'Encore une chance.' })).status).toBe(200);
    expect((await ops.post(`/api/limitations/${lim.id}/terminate`).send({ note: 'Nouvelle absence.' })).status).toBe(200);
    expect(await outboxOf(partnerId)).toHaveLength(1);
    expect((await ops2.post(`/api/limitations/${lim.id}/approve-termination`).send({})).status).toBe(200);
    const messages = await outboxOf(partnerId);
    expect(messages.map((m) => [m.kind, m.limitationId])).toEqual([
      ['limitation_terminate', lim.id],
      ['limitation_apply', lim.id],
    ]);
    expect(messages[0].subject).toBe('Fin de nos conditions générales d’utilisation');
    expect(messages[0].body).toContain('article 14.3');
    // Same instant (fixed clock): the newer message still comes first (id tie-breaker).
    expect(messages[0].id).toBeGreaterThan(messages[1].id);
  });
});
