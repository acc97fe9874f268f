/**
 * Racing staff ("Concurrency"): two people fire conflicting decisions on the same
 * record at the same moment. Exactly one wins; the other gets 409 `conflict` whose message
 * names who acted first; the audit trail holds exactly one decision. The requests really
 * overlap (fired together on the same server, each awaiting the database), on SQLite and on
 * PostgreSQL (TEST_DATABASE_URL).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { createTestApp, type TestApp } from './harness';
import { addPartner, newArea } from './engineFixture';
import type { TestRow } from './helpers';

const DAY = 86_400_000;
const READY = 8; // demo: in_review, assigned to support, checklist complete

describe('racing decisions', () => {
  let t: TestApp;
  let support: request.Agent;
  let admin: request.Agent;
  let ops: request.Agent;
  let ops2: request.Agent;

  beforeAll(async () => {
    t = await createTestApp({ config: { uploadsDir: mkdtempSync(path.join(tmpdir(), 'races-')) } });
    support = await t.as('support');
    admin = await t.as('admin');
    ops = await t.as('ops');
    ops2 = request.agent(t.app);
    expect((await ops2.post('/api/auth/login').send({ email: 'ops2@demo.test', password: DEMO_PASSWORD })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const decisions = async (resource: string, id: number, actions: string[]) =>
    (await t.db('auditLog').where({ resource, resourceId: String(id) }).whereIn('action', actions)) as TestRow[];

  /** One winner, one 409 naming the winner; returns the winner's index. */
  function oneWinner(results: request.Response[], names: [string, string], okStatus = 200): number {
    expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([okStatus, 409].sort());
    const winner = results.findIndex((r) => r.status === okStatus);
    const loser = results[1 - winner];
    // `conflict` when the loser's own update lost; `invalid_state` when it started after the winner committed.
    expect(['conflict', 'invalid_state']).toContain(loser.body.error.code);
    expect(loser.body.error.message, 'the loser is told who acted first').toContain(names[winner]);
    return winner;
  }

  it('approve and reject of the same document at once: one decision, the loser told who decided', async () => {
    // An active partner's document (open to any support agent, VER-4), not the file decided below.
    const doc: TestRow = await t.db('documents').join('partners', 'partners.id', 'documents.partnerId').where({ 'partners.status': 'active', 'documents.status': 'approved' }).orderBy('documents.id').first('documents.*');
    expect(doc, 'the demo data has an active partner with an approved document').toBeDefined();
    // Back to pending so that both decisions are allowed when they start.
    await t.db('documents').where('id', doc.id).update({ status: 'pending', reviewedBy: null, reviewedAt: null });
    const facts: TestRow = {};
    const results = await Promise.all([
      support.post(`/api/documents/${doc.id}/approve`).send(facts),
      // The console sends the status the agent saw: rejecting a document a colleague
      // approved a moment ago must not silently reverse that decision.
      admin.post(`/api/documents/${doc.id}/reject`).send({ reason: 'Document illisible, à renvoyer.', expectedStatus: 'pending' }),
    ]);
    oneWinner(results, ['Sophie Support', 'Alice Administratrice']);
    expect(await decisions('documents', doc.id, ['documents.approve', 'documents.reject'])).toHaveLength(1);
  });

  it('a rejection whose expectedStatus is not a status a document can be rejected from is a 400 naming the field, and changes nothing', async () => {
    const doc: TestRow = await t.db('documents').join('partners', 'partners.id', 'documents.partnerId').where({ 'partners.status': 'active', 'documents.status': 'approved' }).orderBy('documents.id', 'desc').first('documents.*');
    for (const expectedStatus of ['rejected', 'APPROVED', 42, null]) {
      const res = await admin.post(`/api/documents/${doc.id}/reject`).send({ reason: 'Document illisible, à renvoyer.', expectedStatus });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(JSON.stringify(res.body.error.details)).toContain('expectedStatus');
    }
    expect((await t.db('documents').where('id', doc.id).first()).status).toBe('approved');
  });

  it('approve and refuse of the same partner file at once: one decision, the loser told who decided', async () => {
    const results = await Promise.all([
      support.post(`/api/partners/${READY}/approve`).send({}),
      admin.post(`/api/partners/${READY}/refuse`).send({ reason: 'Diplôme non reconnu pour la coiffure à domicile.' }),
    ]);
    const winner = oneWinner(results, ['Sophie Support', 'Alice Administratrice']);
    expect(await decisions('partners', READY, ['partners.approve', 'partners.refuse'])).toHaveLength(1);
    expect((await t.db('partners').where('id', READY).first()).status).toBe(winner === 0 ? 'active' : 'refused');
  });

  it('two ops apply a limitation to the same partner at once: one limitation, the loser told who applied it', async () => {
    const partnerId = await addPartner(t, newArea());
    const body = (note: string) => ({
      partnerId,
      reason: 'no_show',
      modality: 'existing_clients_only',
      endsAt: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
      note,
    });
    const results = await Promise.all([ops.post('/api/limitations').send(body('Premier signalement.')), ops2.post('/api/limitations').send(body('Second signalement.'))]);
    oneWinner(results, ['Olivier Opérations', 'Odile Opérations'], 201);
    expect(await t.db('limitations').where({ partnerId, kind: 'manual' })).toHaveLength(1);
  });
});
