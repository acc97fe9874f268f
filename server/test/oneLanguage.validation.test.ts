/**
 * One language per message (CONTRACT.md "HTTP"), for validation errors too: zod's own wording
 * (« Invalid ISO datetime ») and the schemas' own sentences come in the request's language,
 * in the message and in every `details.fields` entry — never a French sentence around an
 * English reason, never French in an English answer.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { expectError } from './helpers';

/** Words only an English sentence has (zod's locale included). */
const ENGLISH = /\b(Invalid|expected|received|Too (small|big)|must|required|the|data|Unrecognized)\b/;
/** Letters and words only a French sentence has. */
const FRENCH = /[éèêàùç«»’]|\b(Données|invalides?|attendue?s?|reçue?|dans|requise|Trop|Clé)\b/;

type Call = (agent: request.Agent, lang: string) => request.Test;

describe('validation errors in one language', () => {
  let t: TestApp;
  let support: request.Agent;
  let ops: request.Agent;
  let partnerId: number;
  let limitationId: number;

  beforeAll(async () => {
    t = await createTestApp();
    support = await t.as('support');
    ops = await t.as('ops');
    partnerId = Number((await t.db('partners').select('id').where('status', 'in_review').orderBy('id').first())?.id ?? 4);
    limitationId = Number((await t.db('limitations').select('id').orderBy('id').first())?.id ?? 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases: [string, () => request.Agent, Call, string][] = [
    [
      'a check scheduled at "demain" (zod: ISO datetime)',
      () => support,
      (a, lang) => a.post(`/api/partners/${partnerId}/checks`).set('Accept-Language', lang).send({ kind: 'interview', scheduledAt: 'demain' }),
      'scheduledAt',
    ],
    [
      'a partner whose radius is "far" and has an unknown field (zod: type, unrecognised key)',
      () => support,
      (a, lang) => a.put(`/api/partners/${partnerId}`).set('Accept-Language', lang).send({ radiusKm: 'far' }),
      'radiusKm',
    ],
    [
      'a lift without a note (the schema’s own sentence)',
      () => ops,
      (a, lang) => a.post(`/api/limitations/${limitationId}/lift`).set('Accept-Language', lang).send({ note: '   ' }),
      'note',
    ],
  ];

  it.each(cases)('%s answers in French only, then in English only', async (_name, agent, call, field) => {
    const fr = expectError(await call(agent(), 'fr'), 400, 'invalid_request');
    expect(fr.message).toMatch(/^Données invalides dans /);
    expect(fr.message).toContain(`(${field})`);
    expect(fr.message, fr.message).not.toMatch(ENGLISH);
    const frFields = Object.values((fr.details?.fields ?? {}) as Record<string, string>);
    expect(frFields.length).toBeGreaterThan(0);
    for (const m of frFields) expect(m, m).not.toMatch(ENGLISH);

    const en = expectError(await call(agent(), 'en'), 400, 'invalid_request');
    expect(en.message).toMatch(/^Invalid data in /);
    expect(en.message).toContain(`(${field})`);
    expect(en.message, en.message).not.toMatch(FRENCH);
    for (const m of Object.values((en.details?.fields ?? {}) as Record<string, string>)) expect(m, m).not.toMatch(FRENCH);
    // Neither half leaks the separator of a message written in both languages.
    expect(fr.message).not.toContain(' / ');
    expect(en.message).not.toContain(' / ');
  });

  it('zod’s French wording is used in French (the ISO datetime reason)', async () => {
    const fr = expectError(await cases[0]![2](support, 'fr'), 400, 'invalid_request');
    expect(fr.message).toBe('Données invalides dans le formulaire (scheduledAt) : date et heure ISO invalide.');
    const en = expectError(await cases[0]![2](support, 'en'), 400, 'invalid_request');
    expect(en.message).toBe('Invalid data in the form (scheduledAt): Invalid ISO datetime.');
  });

  it.each([
    ['fr', 'partners', { service: 'Coupe !' }, 'Filtre « service » invalide : code de service attendu.'],
    ['en', 'partners', { service: 'Coupe !' }, 'Invalid filter service: service code expected.'],
    ['fr', 'cases', { toAttach: 'peut-être' }, null],
    ['en', 'cases', { toAttach: 'peut-être' }, null],
  ] as const)('a list filter refused by its schema answers in %s only (%s %j)', async (lang, resource, filter, expected) => {
    const agent = resource === 'cases' ? await t.as('mediator') : support;
    const res = await agent.get(`/api/${resource}`).query({ filter: JSON.stringify(filter) }).set('Accept-Language', lang);
    const err = expectError(res, 400, 'invalid_request');
    if (expected) expect(err.message).toBe(expected);
    expect(err.message).not.toContain(' / ');
    expect(err.message, err.message).not.toMatch(lang === 'fr' ? ENGLISH : FRENCH);
  });
});
