/**
 * Hostile input at the edge (CONTRACT.md "HTTP": malformed input is a 400 `invalid_request`,
 * never a 500, and changes nothing), the same on SQLite and PostgreSQL (run with
 * TEST_DATABASE_URL): a NUL character — which PostgreSQL's text cannot hold while SQLite
 * stores it — or a lone UTF-16 surrogate in a JSON body, a query value (inside the JSON of
 * `filter`/`sort` too), a multipart field or an `.eml`'s text; prototype keys (`__proto__`,
 * `constructor`, `prototype`, `toString`, `hasOwnProperty`) as filter names, sort fields and
 * body keys; hostile nesting. Each case checks the contract's error shape, the field named,
 * and that no table (audit trail included) changed. Bodies are raw JSON strings: a JS object
 * literal `{__proto__: …}` would set a prototype instead of sending the key.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import type { Role } from '../../shared/roles';
import { createTestApp, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';
import type { JsonObject } from '../../shared/json';


const HOSTILE = [
  ['a NUL character', '\u0000', 'nul_character'],
  ['a lone high surrogate', '\ud800', 'lone_surrogate'],
  ['a lone low surrogate', '\udc00', 'lone_surrogate'],
] as const;

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const RESERVED = new Set<string>(['__proto__', 'constructor', 'prototype']);

/** `text` with `bad` after its first character. */
const spoil = (text: string, bad: string) => `${text.slice(0, 1)}${bad}${text.slice(1)}`;

/** The field as the server names it: NUL and lone surrogates written as `\uXXXX`. */
const escaped = (bad: string) => `\\u${bad.charCodeAt(0).toString(16).padStart(4, '0')}`;

const TABLES = ['auditLog', 'partners', 'cases', 'caseEvents', 'signals', 'documents', 'files', 'messages', 'sessions', 'clients', 'orders'] as const;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function eml(headers: { subject?: string; from?: string }, body = 'Bonjour, la prestation ne s’est pas bien passée.', cte = '8bit'): Buffer {
  return Buffer.from(
    [
      `From: ${headers.from ?? 'Jean Dupont <jean.dupont@example.fr>'}`,
      'To: mediation@demo.test',
      'Date: Tue, 17 Nov 2026 09:00:00 +0100',
      `Subject: ${headers.subject ?? 'Réclamation'}`,
      `Message-ID: <${Math.random().toString(36).slice(2)}@example.fr>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      `Content-Transfer-Encoding: ${cte}`,
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

/** An RFC 2047 encoded word carrying the code unit `bad` (UTF-16 so that a lone surrogate survives; QP for NUL). */
function encodedWord(text: string, bad: string): string {
  if (bad === '\u0000') return `=?utf-8?Q?${text.slice(0, 1)}=00${text.slice(1)}?=`;
  const units = [...spoil(text, bad)].flatMap((c) => [...c].map((u) => u.charCodeAt(0)));
  const bytes = Buffer.alloc(units.length * 2);
  units.forEach((u, i) => bytes.writeUInt16LE(u, i * 2));
  return `=?utf-16le?B?${bytes.toString('base64')}?=`;
}

/** A multipart body by hand: one part may carry its own charset (busboy decodes it), so a lone surrogate can arrive. */
function multipart(fields: Array<{ name: string; value: string; charset?: 'utf-16le' }>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----hostile${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of fields) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n${f.charset ? `Content-Type: text/plain; charset=${f.charset}\r\n` : ''}\r\n`;
    parts.push(Buffer.from(head), f.charset ? Buffer.from(f.value, 'utf16le') : Buffer.from(f.value, 'utf8'), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

describe('hostile input: a 400 naming the field on SQLite and PostgreSQL alike, nothing stored', () => {
  let t: TestApp;
  let uploadsDir: string;
  let caseId: number;
  let partnerId: number;
  let applicantId: number;
  let order: TestRow;

  beforeAll(async () => {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'hostile-uploads-'));
    t = await createTestApp({ config: { uploadsDir, loginMaxFailures: 1000 } });
    order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
    partnerId = Number(order.partnerId);
    applicantId = Number((await t.db('partners').where('status', 'applicant').orderBy('id').first()).id);
    const created = await (await t.as('mediator'))
      .post('/api/cases')
      .send({ category: 'quality', orderId: Number(order.id), writtenComplaintAt: '2026-11-10T08:00:00.000Z' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
    // Every agent signs in before the counts are taken (a sign-in writes a session row).
    for (const role of ['admin', 'support', 'mediator'] as const) await t.as(role);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  async function state(): Promise<JsonObject> {
    const out: JsonObject = {};
    for (const table of TABLES) out[table] = Number((await t.db(table).count({ n: '*' }))[0]!.n);
    const partner = await t.db('partners').where('id', partnerId).first();
    out.partner = { firstName: partner.firstName, weeklyHours: partner.weeklyHours, city: partner.city };
    out.storedFiles = readdirSync(uploadsDir, { recursive: true }).length;
    return out;
  }

  /** Sends the request, expects the 400 in the contract's shape naming `field`, and no change anywhere. */
  async function expectRefused(send: () => Promise<request.Response>, field: unknown, reason?: string): Promise<TestRow> {
    const before = await state();
    const err = expectError(await send(), 400, 'invalid_request');
    expect(err.details?.field).toEqual(field);
    if (reason) {
      expect(err.details?.reason).toBe(reason);
      expect(err.message).not.toMatch(/ \/ /); // one language per message
    }
    expect(await state()).toEqual(before);
    return err;
  }

  const agent = (role: Role) => t.as(role);
  const rawJson = (req: request.Test, json: string) => req.set('Content-Type', 'application/json').send(json);

  /** Representative JSON bodies across capabilities; `text` is where the hostile value goes. */
  const bodies: Array<{ name: string; field: string; send: (v: (text: string) => string) => Promise<request.Response> }> = [
    {
      name: 'the sign-in e-mail (before anyone is signed in)',
      field: 'email',
      send: (v) => request(t.app).post('/api/auth/login').send({ email: v('admin@demo.test'), password: DEMO_PASSWORD }),
    },
    {
      name: 'a partner’s name (PUT)',
      field: 'firstName',
      send: async (v) => (await agent('support')).put(`/api/partners/${partnerId}`).send({ firstName: v('Renée') }),
    },
    {
      name: 'a partner’s weekly hours, nested (PUT)',
      field: 'weeklyHours.0.to',
      send: async (v) => (await agent('support')).put(`/api/partners/${partnerId}`).send({ weeklyHours: [{ day: 1, from: '09:00', to: v('12:00') }] }),
    },
    {
      name: 'a case note',
      field: 'body',
      send: async (v) => (await agent('mediator')).post(`/api/cases/${caseId}/events`).send({ type: 'note', body: v('Appel du client.') }),
    },
    {
      name: 'a signal’s note',
      field: 'note',
      send: async (v) => (await agent('mediator')).post('/api/signals').send({ partnerId, reason: 'aggressive_to_staff', note: v('Appel houleux.') }),
    },
    {
      name: 'an engine API message (bearer app token)',
      field: 'body',
      send: (v) =>
        request(t.app)
          .post('/api/engine/messages')
          .set('Authorization', 'Bearer demo-app-token')
          .send({ clientId: Number(order.clientId), partnerId, orderId: Number(order.id), sender: 'client', body: v('Bonjour') }),
    },
  ];

  describe.each(HOSTILE)('%s', (_label, bad, reason) => {
    it.each(bodies)('in $name → 400 naming the field, nothing stored', async ({ field, send }) => {
      await expectRefused(() => send((text) => spoil(text, bad)), field, reason);
    });

    it('in a body key → 400 naming the key (escaped), nothing stored', async () => {
      const key = spoil('firstName', bad);
      const err = await expectRefused(async () => rawJson((await agent('support')).put(`/api/partners/${partnerId}`), JSON.stringify({ [key]: 'x' })), spoil('firstName', escaped(bad)), reason);
      expect(err.details?.location).toBe('body');
    });

    it.each(['partners', 'clients', 'orders', 'cases'])('in list %s’s q → 400 naming filter.q', async (resource) => {
      const filter = encodeURIComponent(JSON.stringify({ q: spoil('dupont', bad) }));
      const err = await expectRefused(async () => (await agent('admin')).get(`/api/${resource}?filter=${filter}`), 'filter.q', reason);
      expect(err.details?.location).toBe('query');
    });

    it('in a filter value and a sort field of a list → 400 naming filter.city and sort.0', async () => {
      const admin = await agent('admin');
      await expectRefused(() => admin.get(`/api/partners?filter=${encodeURIComponent(JSON.stringify({ city: spoil('Lyon', bad) }))}`), 'filter.city', reason);
      await expectRefused(() => admin.get(`/api/cases?sort=${encodeURIComponent(JSON.stringify([spoil('createdAt', bad), 'ASC']))}`), 'sort.0', reason);
    });

    it('in a multipart text field (a document’s holder name, an evidence note) → 400 naming it, no file kept', async () => {
      const field = bad === '\u0000' ? {} : { charset: 'utf-16le' as const };
      const doc = multipart([{ name: 'type', value: 'identity' }, { name: 'holderName', value: spoil('Renée Martin', bad), ...field }], { name: 'id.pdf', content: PDF, type: 'application/pdf' });
      const err = await expectRefused(async () => (await agent('support')).post(`/api/partners/${applicantId}/documents`).set('Content-Type', doc.type).send(doc.body), 'holderName', reason);
      expect(err.details?.location).toBe('multipart');
      const ev = multipart([{ name: 'note', value: spoil('Photo de la coupe', bad), ...field }], { name: 'p.pdf', content: PDF, type: 'application/pdf' });
      await expectRefused(async () => (await agent('mediator')).post(`/api/cases/${caseId}/evidence`).set('Content-Type', ev.type).send(ev.body), 'note', reason);
    });

    it('in an .eml’s subject → 400 naming subject, no case, event or file', async () => {
      const message = eml({ subject: encodedWord('Réclamation', bad) });
      const err = await expectRefused(async () => (await agent('mediator')).post('/api/cases/intake').attach('file', message, 'plainte.eml'), 'subject', reason);
      expect(err.details?.location).toBe('message');
    });

    it('in an .eml’s sender name → 400 naming from.name', async () => {
      const message = eml({ from: `${encodedWord('Jean', bad)} <jean.dupont@example.fr>` });
      await expectRefused(async () => (await agent('mediator')).post('/api/cases/intake').attach('file', message, 'plainte.eml'), 'from.name', reason);
    });
  });

  it('a NUL in an .eml’s text body (quoted-printable =00) → 400 naming text', async () => {
    const message = eml({}, 'Bonjour,=00 la prestation', 'quoted-printable');
    await expectRefused(async () => (await agent('mediator')).post('/api/cases/intake').attach('file', message, 'plainte.eml'), 'text', 'nul_character');
  });

  it('a raw NUL (%00) in a query value → 400 naming the parameter', async () => {
    const admin = await agent('admin');
    await expectRefused(() => admin.get('/api/partners?filter=%7B%22q%22%3A%22a%00b%22%7D'), 'filter', 'nul_character');
    await expectRefused(() => admin.get('/api/sheets.pdf?date=2026-11-20%00'), 'date', 'nul_character');
  });

  describe.each(PROTOTYPE_KEYS)('the prototype key %s', (key) => {
    const reserved = RESERVED.has(key);

    it.each(['partners', 'cases'])('as a filter name on %s → 400 naming it', async (resource) => {
      const err = await expectRefused(async () => (await agent('admin')).get(`/api/${resource}?filter=${encodeURIComponent(`{"${key}":1}`)}`), reserved ? `filter.${key}` : key);
      if (!reserved) expect(err.details?.param).toBe('filter');
    });

    it.each(['partners', 'cases'])('as a sort field on %s → 400 naming it', async (resource) => {
      const err = await expectRefused(async () => (await agent('admin')).get(`/api/${resource}?sort=${encodeURIComponent(`["${key}","ASC"]`)}`), key);
      expect(err.details?.param).toBe('sort');
    });

    it('as a body key of a partner PUT → 400 naming it, the partner unchanged', async () => {
      await expectRefused(async () => rawJson((await agent('support')).put(`/api/partners/${partnerId}`), `{"firstName":"Renée","${key}":{"city":"Brest"}}`), key);
    });

    it('as a nested body key (inside weeklyHours) → 400', async () => {
      const json = `{"weeklyHours":[{"day":1,"from":"09:00","to":"12:00","${key}":{"day":2}}]}`;
      const before = await state();
      const res = await rawJson((await agent('support')).put(`/api/partners/${partnerId}`), json);
      expectError(res, 400, 'invalid_request');
      expect(await state()).toEqual(before);
    });

    it('as a body key of a signal POST and of the sign-in → 400 naming it', async () => {
      await expectRefused(async () => rawJson((await agent('mediator')).post('/api/signals'), `{"partnerId":${partnerId},"reason":"aggressive_to_staff","note":"x","${key}":1}`), key);
      await expectRefused(() => rawJson(request(t.app).post('/api/auth/login'), `{"email":"admin@demo.test","password":"${DEMO_PASSWORD}","${key}":1}`), key);
    });

    it('as a multipart field name → 400 naming it, no file kept', async () => {
      const doc = multipart([{ name: 'type', value: 'identity' }, { name: key, value: 'x' }], { name: 'id.pdf', content: PDF, type: 'application/pdf' });
      const err = await expectRefused(async () => (await agent('support')).post(`/api/partners/${applicantId}/documents`).set('Content-Type', doc.type).send(doc.body), key);
      if (reserved) expect(err.details?.location).toBe('multipart');
    });
  });

  describe('nesting and malformed JSON', () => {
    it('a body nested 10,000 levels deep (arrays or objects) → 400 too_deep, and the server still answers', async () => {
      const support = await agent('support');
      await expectRefused(() => rawJson(support.put(`/api/partners/${partnerId}`), `{"weeklyHours":${'['.repeat(10_000)}${']'.repeat(10_000)}}`), expect.stringMatching(/^weeklyHours(\.0)+$/), 'too_deep');
      await expectRefused(() => rawJson(support.put(`/api/partners/${partnerId}`), `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), expect.stringMatching(/^a(\.a)+$/), 'too_deep');
      expect((await support.get(`/api/partners/${partnerId}`)).status).toBe(200);
    });

    it('a filter nested 1,000 levels deep → 400 too_deep', async () => {
      const filter = encodeURIComponent(`${'{"q":'.repeat(1000)}"x"${'}'.repeat(1000)}`);
      await expectRefused(async () => (await agent('admin')).get(`/api/partners?filter=${filter}`), expect.stringMatching(/^filter(\.q)+$/), 'too_deep');
    });

    it('32 levels are input the route judges; 33 are refused at the edge', async () => {
      const support = await agent('support');
      const deepest = await rawJson(support.put(`/api/partners/${partnerId}`), `{"weeklyHours":${'['.repeat(31)}${']'.repeat(31)}}`);
      expect(expectError(deepest, 400, 'invalid_request').details?.reason).toBeUndefined();
      await expectRefused(() => rawJson(support.put(`/api/partners/${partnerId}`), `{"weeklyHours":${'['.repeat(32)}${']'.repeat(32)}}`), `weeklyHours${'.0'.repeat(31)}`, 'too_deep');
    });

    it.each([
      ['truncated', '{"firstName":"Ren'],
      ['a bare string', '"Renée"'],
      ['a trailing comma', '{"firstName":"Renée",}'],
      ['a raw NUL byte in a string', '{"firstName":"Re\u0000n"}'],
    ])('a malformed JSON body (%s) → 400, nothing stored', async (_label, json) => {
      const before = await state();
      expectError(await rawJson((await agent('support')).put(`/api/partners/${partnerId}`), json), 400, 'invalid_request');
      expect(await state()).toEqual(before);
    });
  });

  it.each(['2147483648', '99999999999', '999999999999999'])('a record id beyond the integer ids (%s) → 404 on both databases, not a database error', async (id) => {
    for (const resource of ['partners', 'cases', 'orders']) {
      expectError(await (await agent('admin')).get(`/api/${resource}/${id}`), 404, 'not_found');
    }
    expectError(await (await agent('support')).put(`/api/partners/${id}`).send({ firstName: 'Renée' }), 404, 'not_found');
  });

  it('the same requests with clean text are accepted (the cases above are refused for the hostile text alone)', async () => {
    for (const { name, send } of bodies) {
      const res = await send((text) => text);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
    const doc = multipart([{ name: 'type', value: 'identity' }, { name: 'holderName', value: 'Renée Martin', charset: 'utf-16le' }], { name: 'id.pdf', content: PDF, type: 'application/pdf' });
    const uploaded = await (await agent('support')).post(`/api/partners/${applicantId}/documents`).set('Content-Type', doc.type).send(doc.body);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const intake = await (await agent('mediator')).post('/api/cases/intake').attach('file', eml({ subject: encodedWord('Réclamation', '') }), 'plainte.eml');
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    expect(intake.body.event.body).toContain('Objet : Réclamation');
    const list = await (await agent('admin')).get(`/api/partners?filter=${encodeURIComponent(JSON.stringify({ q: 'dupont 😀' }))}`);
    expect(list.status).toBe(200);
  });
});
