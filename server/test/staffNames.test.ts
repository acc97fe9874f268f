/** `GET /api/staff-names`: colleagues by name for every staff role, names only, bad ids refused. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles';
import { createTestApp, type TestApp } from './harness';

describe('staff names', () => {
  let t: TestApp;
  let users: { id: number; fullName: string }[];
  beforeAll(async () => {
    t = await createTestApp();
    users = ((await t.db('users').select('id', 'fullName').orderBy('id').limit(3)) as { id: number; fullName: string }[]).map((u) => ({ id: Number(u.id), fullName: u.fullName }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(ROLES)('%s reads colleagues’ full names, and nothing else of their accounts', async (role) => {
    const agent = await t.as(role);
    // An unknown id and one past PostgreSQL's integer name nobody.
    const res = await agent.get(`/api/staff-names?ids=${users.map((u) => u.id).join(',')},999999,9999999999`).expect(200);
    expect(res.body).toEqual(users);
  });

  it.each(['', 'abc', '1,,2', '1;2', '-1', String(2 ** 40)])('refuses ids=%j with a 400', async (ids) => {
    const agent = await t.as('mediator');
    const res = await agent.get(`/api/staff-names?ids=${encodeURIComponent(ids)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('refuses more than 100 ids', async () => {
    const agent = await t.as('ops');
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await agent.get(`/api/staff-names?ids=${ids}`)).status).toBe(400);
  });

  it('answers 401 to someone signed out', async () => {
    expect((await request(t.app).get('/api/staff-names?ids=1')).status).toBe(401);
  });
});
