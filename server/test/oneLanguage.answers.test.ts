/**
 * One language per answer (CONTRACT.md "HTTP"): the remarks the server computes — the
 * verification checklist's warnings, a number check's reason — come in the request's language
 * only, never "français / English".
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

/** Every string under a `warning` or `reason` key, at any depth. */
function remarks(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => remarks(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && (k === 'warning' || k === 'reason')) out.push(v);
      else remarks(v, out);
    }
  }
  return out;
}

describe('computed remarks in one language', () => {
  let t: TestApp;
  let agent: request.Agent;
  let partnerIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('support');
    partnerIds = (await t.db('partners').select('id').orderBy('id').limit(40)).map((r: { id: number }) => Number(r.id));
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['fr', /Clé de contrôle invalide\./],
    ['en', /Invalid checksum\./],
  ])('a refused number check answers its reason in %s only', async (lang, expected) => {
    const res = await agent.post('/api/validate').set('Accept-Language', lang).send({ kind: 'siren', value: '732829321' }).expect(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.reason).toMatch(expected);
    expect(res.body.reason).not.toContain(' / ');
  });

  it.each(['fr', 'en'])('the checklists of the demo files carry their warnings in %s only', async (lang) => {
    const found: string[] = [];
    for (const id of partnerIds) {
      const res = await agent.get(`/api/partners/${id}/verification`).set('Accept-Language', lang).expect(200);
      found.push(...remarks(res.body));
    }
    // The demo's files have remarks to show (expiring documents, registry names…).
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((w) => w.includes(' / '))).toEqual([]);
    const french = found.filter((w) => /[éèàù]|Expire|répertoire|absent/i.test(w));
    if (lang === 'fr') expect(french.length).toBeGreaterThan(0);
    else expect(found.filter((w) => /Expire le|répertoire|absent ou invalide/.test(w))).toEqual([]);
  });
});
