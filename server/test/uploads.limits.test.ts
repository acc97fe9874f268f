/** `GET /api/uploads/limits`: the console reads the upload limit to refuse a big file before sending it. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles';
import { createTestApp, type TestApp } from './harness';

describe('upload limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { maxUploadMb: 7 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(ROLES)('answers the configured limit and types to %s', async (role) => {
    const agent = await t.as(role);
    const res = await agent.get('/api/uploads/limits').expect(200);
    expect(res.body).toEqual({ maxMb: 7, acceptedTypes: ['application/pdf', 'image/jpeg', 'image/png'] });
  });

  it('answers 401 to someone signed out', async () => {
    const res = await request(t.app).get('/api/uploads/limits').expect(401);
    expect(res.body.error.code).toBeTruthy();
  });
});
