/**
 * The `.eml` intake's placement (MED-2: complaints arrive by e-mail; CONTRACT.md
 * `POST /api/cases/intake`): a quoted case reference is trusted only from that case's client
 * or partner (From, with no Reply-To or Sender naming someone else), else the message opens a
 * case "à rattacher" that a mediator attaches or dismisses (audited); a mediator importing from
 * a case page (`caseId`) puts the message on that case, credited to its sender; Message-IDs
 * are matched exactly. MED-8: a message nobody vouched for never reaches the quoted case's
 * referral file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import * as m013 from '../../db/migrations/013_mediation_links';
import { readPdf } from '../pdf/readBack';
import { createTestApp, listUrl, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';


const CLIENT_EMAIL = 'claire.client@client.exemple.fr';
const PARTNER_EMAIL = 'paul.partenaire@pro.exemple.fr';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Mail {
  from: string;
  subject: string;
  body: string;
  replyTo?: string;
  sender?: string;
  messageId?: string;
  /** 18 Nov 2026 09:42 Paris by default (TEST_NOW is 20 Nov 2026). */
  date?: string;
  pdf?: { name: string; content: Buffer };
}

/** A plain (or multipart, with a PDF) RFC 5322 message. */
function eml(m: Mail): Buffer {
  const head = [
    `From: ${m.from}`,
    ...(m.sender ? [`Sender: ${m.sender}`] : []),
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    'To: reclamations@wellness-domicile.example',
    `Subject: ${m.subject}`,
    `Date: ${m.date ?? 'Wed, 18 Nov 2026 09:42:00 +0100'}`,
    ...(m.messageId ? [`Message-ID: ${m.messageId}`] : []),
    'MIME-Version: 1.0',
  ];
  if (!m.pdf) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', m.body, ''].join('\r\n'), 'utf8');
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      m.body,
      '--b1',
      `Content-Type: application/pdf; name="${m.pdf.name}"`,
      `Content-Disposition: attachment; filename="${m.pdf.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      m.pdf.content.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

describe('mediation intake: where a message goes', () => {
  let t: TestApp;
  let mediator: request.Agent;
  let mediatorId: number;
  let uploadsDir: string;
  let order: TestRow;
  let seq = 0;

  beforeAll(async () => {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'mediation-intake-'));
    t = await createTestApp({ config: { uploadsDir } });
    mediator = await t.as('mediator');
    mediatorId = Number((await t.db('users').where('role', 'mediator').first()).id);
    order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
    await t.db('clients').where('id', order.clientId).update({ email: CLIENT_EMAIL });
    await t.db('partners').where('id', order.partnerId).update({ email: PARTNER_EMAIL });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  async function newCase(body: TestRow = {}): Promise<TestRow> {
    const res = await mediator.post('/api/cases').send({ category: 'quality', orderId: Number(order.id), writtenComplaintAt: '2026-11-10T08:00:00.000Z', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const intake = (file: Buffer, fields: Record<string, string> = {}) => {
    let req = mediator.post('/api/cases/intake');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, 'message.eml');
  };
  const messageId = () => `<msg-${++seq}@client.exemple.fr>`;
  const events = async (caseId: number) => (await mediator.get(`/api/cases/${caseId}/events`)).body as TestRow[];
  const countCases = async () => Number((await t.db('cases').count({ n: '*' }))[0].n);
  async function referralText(caseId: number): Promise<string> {
    const res = await mediator.get(`/api/cases/${caseId}/referral.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (d: Buffer) => chunks.push(d));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    return (await readPdf(res.body as Buffer)).pages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
  }

  describe('MED-2: a quoted reference is trusted only from the case’s client or partner', () => {
    it.each([
      ['the client', { from: `Claire Client <${CLIENT_EMAIL}>` }],
      ['the partner (any letter case)', { from: `Paul Partenaire <${PARTNER_EMAIL.toUpperCase()}>` }],
      ['the client, with Reply-To and Sender naming the same address', { from: CLIENT_EMAIL, replyTo: `Claire <${CLIENT_EMAIL}>`, sender: CLIENT_EMAIL }],
    ])('MED-2: a message from %s quoting the case is added to it (200)', async (_who, headers) => {
      const c = await newCase();
      const res = await intake(eml({ ...headers, subject: `Re: dossier ${c.reference}`, body: 'Toujours pas de nouvelles.', messageId: messageId() }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ created: false, placement: 'reference', case: { id: c.id, suggestedCaseId: null } });
      expect((await events(c.id)).some((e) => e.type === 'message_in' && e.body.includes('Toujours pas de nouvelles.'))).toBe(true);
    });

    it.each([
      ['an unrelated address', { from: 'Quelqu’un <intrus@ailleurs.exemple>' }],
      ['the client’s name with another address (spoofed display name)', { from: `Claire Client <claire.client@autre.exemple>` }],
      ['the client’s From with a Reply-To elsewhere', { from: CLIENT_EMAIL, replyTo: 'pirate@ailleurs.exemple' }],
      ['the client’s From with a Sender elsewhere', { from: CLIENT_EMAIL, sender: 'relais@ailleurs.exemple' }],
      ['two From addresses, one of them the client', { from: `${CLIENT_EMAIL}, complice@ailleurs.exemple` }],
    ])('MED-2: a message from %s quoting the case opens a new case "à rattacher" suggesting it; the quoted case is untouched', async (_who, headers) => {
      const c = await newCase();
      const before = await events(c.id);
      const cases = await countCases();
      const res = await intake(eml({ ...headers, subject: `Dossier ${c.reference}`, body: 'Versez-moi 500 € sur ce compte.', messageId: messageId() }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ created: true, placement: 'to_attach', suggested: { id: c.id, reference: c.reference }, case: { status: 'open', category: 'other', suggestedCaseId: c.id } });
      expect(res.body.case.id).not.toBe(c.id);
      expect(await countCases()).toBe(cases + 1);
      expect(await events(c.id)).toEqual(before);
      const toAttach = await mediator.get(listUrl('cases', { filter: { toAttach: true, suggestedCaseId: c.id } }));
      expect(toAttach.body.map((r: TestRow) => r.id)).toEqual([res.body.case.id]);
      const audit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(res.body.case.id), action: 'cases.intake' }).first();
      expect(Number(audit.actorId)).toBe(mediatorId);
      expect(JSON.parse(audit.after)).toMatchObject({ placement: 'to_attach', suggestedCaseId: c.id });
    });

    it('MED-8: a spoofed message quoting a case is never printed in that case’s referral file', async () => {
      const c = await newCase();
      await intake(eml({ from: 'intrus@ailleurs.exemple', subject: `Dossier ${c.reference}`, body: 'Texte du faux message à ne pas transmettre.', messageId: messageId() }));
      expect(await referralText(c.id)).not.toContain('faux message');
    });

    it('the same message imported twice while it waits to be attached is 409, naming the case that holds it', async () => {
      const c = await newCase();
      const file = eml({ from: 'intrus@ailleurs.exemple', subject: `Dossier ${c.reference}`, body: 'Deux fois.', messageId: messageId() });
      const first = await intake(file);
      expect(first.status).toBe(201);
      const cases = await countCases();
      const err = expectError(await intake(file), 409, 'conflict');
      expect(err.details).toMatchObject({ caseId: first.body.case.id });
      expect(await countCases()).toBe(cases);
    });
  });

  describe('Message-ID: exact match', () => {
    it('a Message-ID with LIKE wildcards (<%>, <_>) is a Message-ID like any other: imported once, refused the second time', async () => {
      const c = await newCase();
      const from = `Claire Client <${CLIENT_EMAIL}>`;
      expect((await intake(eml({ from, subject: `Re: ${c.reference}`, body: 'Premier.', messageId: '<premier@client.exemple.fr>' }))).status).toBe(200);
      for (const id of ['<%>', '<_>']) {
        const file = eml({ from, subject: `Re: ${c.reference}`, body: `Message ${id}.`, messageId: id });
        const res = await intake(file);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.event.messageId).toBe(id);
        expect(expectError(await intake(file), 409, 'conflict').details).toMatchObject({ caseId: c.id, messageId: id });
      }
      expect((await events(c.id)).filter((e) => e.type === 'message_in')).toHaveLength(3);
    });
  });

  describe('importing from a case page (caseId)', () => {
    it('the message goes on THAT case — category and insurance flag kept, no new case —, credited to its sender in Paris time; the audit names the mediator', async () => {
      const c = await newCase({ category: 'damage' });
      expect(c.insuranceClaim).toBe(true);
      const other = await newCase();
      const cases = await countCases();
      const file = eml({ from: 'Voisine Témoin <voisine@ailleurs.exemple>', subject: `Témoignage (voir aussi ${other.reference})`, body: 'J’ai vu le vase tomber.', messageId: messageId() });
      const res = await intake(file, { caseId: String(c.id) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ created: false, placement: 'case', case: { id: c.id, category: 'damage', insuranceClaim: true } });
      expect(await countCases()).toBe(cases);
      expect(res.body.event).toMatchObject({ caseId: c.id, type: 'message_in', actorId: null, actorName: null, sender: 'Voisine Témoin <voisine@ailleurs.exemple>', at: '2026-11-18T08:42:00.000Z' });
      expect(res.body.event.body).toContain('De : Voisine Témoin <voisine@ailleurs.exemple>');
      expect(res.body.event.body).toContain('Date : 18/11/2026 09:42');
      expect(res.body.event.body).toContain('Objet : Témoignage');
      const intakeAudit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.intake' }).first();
      expect(Number(intakeAudit.actorId)).toBe(mediatorId);
      expect(JSON.parse(intakeAudit.after)).toMatchObject({ placement: 'case', eventId: res.body.event.id, sender: 'voisine@ailleurs.exemple' });
      const eventAudit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.event.message_in' }).first();
      expect(Number(eventAudit.actorId)).toBe(mediatorId);
      // The quoted other case got nothing.
      expect((await events(other.id)).filter((e) => e.type === 'message_in')).toHaveLength(0);
    });

    it('a bad caseId is 400, an unknown one 404, an unknown field 400, a closed case 409 — and nothing is created or stored', async () => {
      const closed = await newCase();
      await mediator.post(`/api/cases/${closed.id}/close`).send({ outcome: 'withdrawn' });
      const cases = await countCases();
      const files = Number((await t.db('files').count({ n: '*' }))[0].n);
      const file = eml({ from: 'a@ailleurs.exemple', subject: 'Pièce', body: 'Voici.', messageId: messageId(), pdf: { name: 'piece.pdf', content: PDF } });
      for (const bad of ['abc', '0', '-3', '1.5', '']) expectError(await intake(file, { caseId: bad }), 400, 'invalid_request');
      expectError(await intake(file, { caseId: '99999999' }), 404, 'not_found');
      expectError(await intake(file, { caseId: '99999999999' }), 404, 'not_found'); // beyond PostgreSQL's integer ids
      expectError(await intake(file, { caseRef: 'M000001' }), 400, 'invalid_request');
      expectError(await intake(file, { caseId: String(closed.id) }), 409, 'conflict');
      expect(await countCases()).toBe(cases);
      expect(Number((await t.db('files').count({ n: '*' }))[0].n)).toBe(files);
    });
  });

  describe('a case "à rattacher": attach or dismiss (audited)', () => {
    async function toAttach(target: TestRow, extra: Partial<Mail> = {}): Promise<TestRow> {
      const res = await intake(eml({ from: 'Claire <claire.perso@ailleurs.exemple>', subject: `Mon dossier ${target.reference}`, body: 'J’écris depuis mon adresse personnelle.', messageId: messageId(), ...extra }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.case.suggestedCaseId).toBe(target.id);
      return res.body.case;
    }

    it('attach: the message and its attachment move to the suggested case, the new case closes as its duplicate; both cases audited; a second decision is 409 naming who decided', async () => {
      const c = await newCase();
      const pending = await toAttach(c, { pdf: { name: 'photo-vase.pdf', content: Buffer.concat([PDF, Buffer.from('attach')]) } });
      const res = await mediator.post(`/api/cases/${pending.id}/attach`).send({ note: 'Adresse confirmée par téléphone.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: pending.id, status: 'closed', suggestedCaseId: null, duplicateOfId: c.id, outcome: null, nextDueAt: null });

      const moved = (await events(c.id)).filter((e) => e.sender);
      expect(moved.map((e) => e.type).sort()).toEqual(['evidence', 'message_in']);
      expect(moved.find((e) => e.type === 'message_in')!.body).toContain('J’écris depuis mon adresse personnelle.');
      const evidence = moved.find((e) => e.type === 'evidence')!;
      expect((await mediator.get(`/api/cases/${c.id}/evidence/${evidence.fileId}`)).status).toBe(200);
      expect((await events(c.id)).some((e) => e.type === 'note' && e.body.includes(pending.reference))).toBe(true);
      expect((await events(pending.id)).filter((e) => e.sender)).toEqual([]);
      expect((await events(pending.id)).some((e) => e.type === 'status_change' && e.body.includes(`rattaché au dossier ${c.reference}`))).toBe(true);
      // Attached by a mediator, the message now goes to the mediator with the case (MED-8: an exchange of the parties).
      expect(await referralText(c.id)).toContain('adresse personnelle');

      const attach = await t.db('auditLog').where({ resource: 'cases', resourceId: String(pending.id), action: 'cases.attach' });
      expect(attach).toHaveLength(1);
      expect(Number(attach[0].actorId)).toBe(mediatorId);
      const attached = await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.attached' }).first();
      expect(JSON.parse(attached.after)).toMatchObject({ fromCaseId: pending.id, eventIds: moved.map((e) => e.id).sort((a, b) => a - b) });

      const again = expectError(await mediator.post(`/api/cases/${pending.id}/attach`).send({}), 409, 'conflict');
      expect(again.message).toContain('Marc Médiateur');
      expectError(await mediator.post(`/api/cases/${pending.id}/dismiss-suggestion`).send({}), 409, 'conflict');
    });

    it('dismiss: the case stays a case of its own, the suggestion is gone (audited, noted); attach afterwards is 409', async () => {
      const c = await newCase();
      const pending = await toAttach(c);
      const res = await mediator.post(`/api/cases/${pending.id}/dismiss-suggestion`).send({ note: 'Homonyme.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: pending.id, status: 'open', suggestedCaseId: null, duplicateOfId: null });
      expect((await events(pending.id)).some((e) => e.type === 'note' && e.body.includes(c.reference) && e.body.includes('Homonyme.'))).toBe(true);
      const audit = await t.db('auditLog').where({ resource: 'cases', resourceId: String(pending.id), action: 'cases.dismissSuggestion' });
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].before)).toMatchObject({ suggestedCaseId: c.id });
      expect(JSON.parse(audit[0].after)).toMatchObject({ suggestedCaseId: null });
      expectError(await mediator.post(`/api/cases/${pending.id}/attach`).send({}), 409, 'conflict');
      expect((await events(c.id)).filter((e) => e.sender)).toEqual([]);
    });

    it('a case with no suggestion is 409 invalid_state; a closed suggested case cannot take the message (409); bodies are checked (400)', async () => {
      const plain = await newCase();
      expectError(await mediator.post(`/api/cases/${plain.id}/attach`).send({}), 409, 'invalid_state');
      expectError(await mediator.post(`/api/cases/${plain.id}/dismiss-suggestion`).send({}), 409, 'invalid_state');
      const c = await newCase();
      const pending = await toAttach(c);
      expectError(await mediator.post(`/api/cases/${pending.id}/attach`).send({ caseId: c.id }), 400, 'invalid_request');
      await mediator.post(`/api/cases/${c.id}/close`).send({ outcome: 'withdrawn' });
      const err = expectError(await mediator.post(`/api/cases/${pending.id}/attach`).send({}), 409, 'invalid_state');
      expect(err.message).toContain(c.reference);
      expect((await t.db('cases').where('id', pending.id).first()).status).toBe('open');
      expectError(await mediator.post('/api/cases/99999999/attach').send({}), 404, 'not_found');
    });
  });

  // Last: it takes migration 013 down and up again on this file's database.
  describe('messages imported before migration 013', () => {
    it('their Message-ID is read back from the body’s header line, so importing them again is still 409', async () => {
      const c = await newCase();
      const legacy = { caseId: c.id, at: '2026-11-18T08:42:00.000Z', actorId: mediatorId, type: 'message_in', fileId: null };
      await m013.down(t.db);
      await t.db('caseEvents').insert([
        { ...legacy, body: 'De : claire.client@client.exemple.fr\nDate : 2026-11-18T08:42:00.000Z\nObjet : Re\nMessage-ID : <ancien@client.exemple.fr>\n\nAncien message.' },
        { ...legacy, type: 'note', body: 'Message-ID : <pas-un-courriel@exemple.fr>' },
      ]);
      await m013.up(t.db);
      const rows = await t.db('caseEvents').where('caseId', c.id).whereNotNull('messageId');
      expect(rows.map((r: TestRow) => [r.type, r.messageId])).toEqual([['message_in', '<ancien@client.exemple.fr>']]);
      const again = eml({ from: CLIENT_EMAIL, subject: `Re: ${c.reference}`, body: 'Ancien message.', messageId: '<ancien@client.exemple.fr>' });
      expectError(await intake(again, { caseId: String(c.id) }), 409, 'conflict');
    });
  });
});
