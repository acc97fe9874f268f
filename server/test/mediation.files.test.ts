/**
 * Mediation files: evidence uploads through the one hardened upload path (type by
 * content, size limit, path tricks in names, no orphan file), evidence readable by mediators
 * and admin only; the `.eml` intake with real-world samples (server/test/fixtures/eml:
 * multipart/alternative, quoted-printable and RFC 2047 accented subjects, Latin-1, base64 PDF
 * attachments, malformed messages); the referral PDF read back as text.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { readPdf, isA4Portrait } from '../pdf/readBack';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';

const EML = path.join(__dirname, 'fixtures', 'eml');
const eml = (name: string) => readFileSync(path.join(EML, name));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5e90000000049454e44ae426082', 'hex');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    /* not created yet */
  }
  return out;
}

describe('mediation files', () => {
  let t: TestApp;
  let mediator: request.Agent;
  let uploadsDir: string;
  let order: TestRow;

  beforeAll(async () => {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'mediation-uploads-'));
    t = await createTestApp({ config: { maxUploadMb: 1, uploadsDir } });
    mediator = await t.as('mediator');
    order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
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

  async function storedFiles(): Promise<number> {
    return Number((await t.db('files').count({ n: '*' }))[0].n);
  }

  describe('evidence upload and download', () => {
    it('a PDF is stored under its content hash, linked by an evidence event, and served back to mediator and admin only', async () => {
      const c = await newCase();
      const res = await mediator.post(`/api/cases/${c.id}/evidence`).field('note', 'Photo de la coupe').attach('file', PNG, 'photo.png');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ caseId: c.id, type: 'evidence', body: 'Photo de la coupe', fileName: 'photo.png', mimeType: 'image/png', sizeBytes: PNG.length });
      const file = await t.db('files').where('id', res.body.fileId).first();
      expect(file.purpose).toBe('case_evidence');
      expect(file.storedName).toMatch(/^[0-9a-f]{64}\.png$/);
      expect(await t.db('auditLog').where({ resource: 'cases', resourceId: String(c.id), action: 'cases.event.evidence' })).toHaveLength(1);

      const down = await mediator.get(`/api/cases/${c.id}/evidence/${res.body.fileId}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toBe('image/png');
      expect(down.headers['content-security-policy']).toContain('sandbox');
      expect(Buffer.compare(down.body as Buffer, PNG)).toBe(0);
      expect((await (await t.as('admin')).get(`/api/cases/${c.id}/evidence/${res.body.fileId}`)).status).toBe(200);
      for (const role of ['ops', 'support', 'coordinator'] as const) {
        expectError(await (await t.as(role)).get(`/api/cases/${c.id}/evidence/${res.body.fileId}`), 403, 'forbidden');
      }
      // Through another case, or a file that is not evidence: 404.
      const other = await newCase();
      expectError(await mediator.get(`/api/cases/${other.id}/evidence/${res.body.fileId}`), 404, 'not_found');
      expectError(await mediator.get(`/api/cases/${c.id}/evidence/../../etc/passwd`), 404, 'not_found');
      expectError(await mediator.get(`/api/cases/${c.id}/evidence/abc`), 404, 'not_found');

      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
      expect(events.find((e) => e.type === 'evidence')).toMatchObject({ fileId: res.body.fileId, fileName: 'photo.png' });
    });

    it('a file that is not PDF/JPEG/PNG by its bytes is 415, whatever its name or declared type; nothing is stored', async () => {
      const c = await newCase();
      const before = await storedFiles();
      const exe = await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), { filename: 'facture.pdf', contentType: 'application/pdf' });
      expectError(exe, 415, 'unsupported_file_type');
      const html = await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'x.png', contentType: 'image/png' });
      expectError(html, 415, 'unsupported_file_type');
      expect(await storedFiles()).toBe(before);
    });

    it('a file over MAX_UPLOAD_MB is 413; no file, no multipart, two files or an unknown field are 400', async () => {
      const c = await newCase();
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', big, 'gros.pdf'), 413, 'file_too_large');
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).send({ file: 'x' }), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).field('note', 'sans fichier'), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', PDF, 'a.pdf').attach('file', PDF, 'b.pdf'), 400, 'invalid_request');
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).field('path', '/etc').attach('file', PDF, 'a.pdf'), 400, 'invalid_request');
    });

    it.each([
      ['../../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\windows\\system.ini.pdf', 'system.ini.pdf'],
      ['/absolute/path/rapport.pdf', 'rapport.pdf'],
      ['rapport\u202Efdp.exe', 'rapportfdp.exe'],
      ['.hidden.pdf', 'hidden.pdf'],
    ])('a path trick in the name %j is kept as data only: %j, stored under the content hash', async (name, shown) => {
      const c = await newCase();
      const res = await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', Buffer.concat([PDF, Buffer.from(name)]), name);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.fileName).toBe(shown);
      const file = await t.db('files').where('id', res.body.fileId).first();
      expect(file.storedName).toMatch(/^[0-9a-f]{64}\.pdf$/);
      expect(filesUnder(uploadsDir).map((p) => path.basename(p))).toContain(file.storedName);
    });

    it('a closed case takes no evidence (409 conflict naming who closed it) and leaves no orphan file; an unknown case is 404', async () => {
      const c = await newCase();
      await mediator.post(`/api/cases/${c.id}/close`).send({ outcome: 'withdrawn' });
      const before = await storedFiles();
      const onDisk = filesUnder(uploadsDir).length;
      expect(onDisk).toBeGreaterThan(0);
      const body = Buffer.concat([PDF, Buffer.from(`orphan-check-${Date.now()}`)]);
      expectError(await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', body, 'late.pdf'), 409, 'conflict');
      expectError(await mediator.post('/api/cases/99999999/evidence').attach('file', body, 'late.pdf'), 404, 'not_found');
      expect(await storedFiles()).toBe(before);
      expect(filesUnder(uploadsDir).length).toBe(onDisk);
    });
  });

  describe('.eml intake', () => {
    it('a complaint (multipart/alternative, quoted-printable, RFC 2047 subject) opens a case: sender, date, subject, body; the client and the quoted order are recognised', async () => {
      const o42 = await t.db('orders').where('reference', 'R0000042').first();
      await t.db('clients').where('id', o42.clientId).update({ email: 'helene.dupre@client.exemple.fr' });
      const res = await mediator.post('/api/cases/intake').attach('file', eml('complaint-alternative-qp.eml'), 'reclamation.eml');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.created).toBe(true);
      expect(res.body.case).toMatchObject({
        status: 'open',
        category: 'other',
        orderId: Number(o42.id),
        clientId: Number(o42.clientId),
        writtenComplaintAt: '2026-11-10T08:13:58.000Z',
        answerDueAt: '2027-01-10T22:59:59.999Z',
      });
      expect(res.body.case.description).toContain('Réclamation : coupe ratée et retard de 45 minutes — commande R0000042');
      expect(res.body.event).toMatchObject({ type: 'message_in', at: '2026-11-10T08:13:58.000Z' });
      expect(res.body.event.body).toContain('De : Hélène Dupré <helene.dupre@client.exemple.fr>');
      expect(res.body.event.body).toContain('Objet : Réclamation : coupe ratée');
      expect(res.body.event.body).toContain('arrivée avec 45 minutes de retard et la coupe ne correspond pas du tout à ce qui était prévu.');
      expect(res.body.event.body).not.toContain('<p>');
      expect(res.body.attachments).toEqual([]);
    });

    it('a Latin-1 message with an 8-bit body and a base64 (B) encoded subject opens a case without a known client', async () => {
      const res = await mediator.post('/api/cases/intake').attach('file', eml('complaint-latin1-8bit.eml'), 'plainte.eml');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.case).toMatchObject({ clientId: null, orderId: null, writtenComplaintAt: '2026-11-12T19:45:00.000Z' });
      expect(res.body.event.body).toContain('Objet : Réclamation : ménage non effectué le 12/11');
      expect(res.body.event.body).toContain('De : François Léger <francois.leger@client.exemple.fr>');
      expect(res.body.event.body).toContain('je n\'ai reçu aucun message. Je souhaite être remboursé.');
    });

    it('a reply from the case’s client quoting its reference adds a message_in credited to the sender, dated in Paris time; its PDF attachment becomes evidence, a disguised executable is not stored; importing it twice is 409', async () => {
      // The sender is the case's client (MED-2: a quoted reference is trusted only from a party).
      const o42 = await t.db('orders').where('reference', 'R0000042').first();
      await t.db('clients').where('id', o42.clientId).update({ email: 'Helene.Dupre@client.exemple.fr' });
      const c = await newCase({ orderId: Number(o42.id) });
      await t.db('cases').where('id', c.id).update({ reference: 'M900001' });
      const before = await storedFiles();
      const res = await mediator.post('/api/cases/intake').attach('file', eml('reply-with-pdf.eml'), 'reponse.eml');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.created).toBe(false);
      expect(res.body.case.id).toBe(c.id);
      expect(res.body.placement).toBe('reference');
      expect(res.body.event).toMatchObject({ caseId: c.id, type: 'message_in', actorId: null, actorName: null, sender: 'Helene Dupre <helene.dupre@client.exemple.fr>' });
      // Date: Fri, 13 Nov 2026 18:02:11 +0100 → 13/11/2026 18:02 in Paris, never a raw ISO instant.
      expect(res.body.event.body).toContain('Date : 13/11/2026 18:02');
      expect(res.body.event.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(res.body.event.body).toContain('Objet : Re');
      expect(res.body.event.body).toContain('Votre dossier M900001 – pièces jointes');
      expect(res.body.event.body).toContain('voici la facture et la photo du résultat');
      expect(res.body.attachments).toHaveLength(2);
      expect(res.body.attachments[0]).toMatchObject({ fileName: 'facture payée.pdf', stored: true, detected: 'application/pdf' });
      expect(res.body.attachments[1]).toMatchObject({ fileName: 'resultat.pdf', stored: false, reason: 'unsupported_file_type' });
      expect(await storedFiles()).toBe(before + 1);
      const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
      const evidence = events.filter((e) => e.type === 'evidence');
      expect(evidence).toHaveLength(1);
      expect(evidence[0]).toMatchObject({ fileId: res.body.attachments[0].fileId, fileName: 'facture payée.pdf', mimeType: 'application/pdf', actorId: null, sender: 'Helene Dupre <helene.dupre@client.exemple.fr>' });
      const down = await mediator.get(`/api/cases/${c.id}/evidence/${evidence[0].fileId}`);
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');

      const again = await mediator.post('/api/cases/intake').attach('file', eml('reply-with-pdf.eml'), 'reponse.eml');
      expectError(again, 409, 'conflict');
      expect(await storedFiles()).toBe(before + 1);
    });

    it.each([
      ['malformed-no-sender.eml', 'no_sender', /expéditeur/],
      ['malformed-not-a-message.eml', 'no_headers', /en-têtes/],
      ['malformed-no-date-latin1.eml', 'no_date', /date/],
    ])('a malformed message (%s) is 400 with a clear reason (%s) and creates nothing', async (file, reason, message) => {
      const count = Number((await t.db('cases').count({ n: '*' }))[0].n);
      const res = await mediator.post('/api/cases/intake').attach('file', eml(file), file);
      const err = expectError(res, 400, 'invalid_request');
      expect(err.details).toMatchObject({ reason });
      expect(err.message).toMatch(message);
      expect(Number((await t.db('cases').count({ n: '*' }))[0].n)).toBe(count);
    });

    it('a binary file, an empty one, a missing file or a too large one is refused (400, 413)', async () => {
      expectError(await mediator.post('/api/cases/intake').attach('file', PNG, 'photo.eml'), 400, 'invalid_request');
      expectError(await mediator.post('/api/cases/intake').attach('file', Buffer.alloc(0), 'vide.eml'), 400, 'invalid_request');
      expectError(await mediator.post('/api/cases/intake').send({}), 400, 'invalid_request');
      const big = Buffer.concat([eml('complaint-latin1-8bit.eml'), Buffer.alloc(1024 * 1024 + 1, 0x41)]);
      expectError(await mediator.post('/api/cases/intake').attach('file', big, 'gros.eml'), 413, 'file_too_large');
    });
  });

  describe('referral PDF', () => {
    it('prints the parties, the order, the written complaint date and admissibility, the proposals, the chronology and the evidence', async () => {
      const c = await newCase({ description: 'Coupe ratée, retard de 45 minutes.' });
      await mediator.post(`/api/cases/${c.id}/amicable`).send({}); // MED-8: referred after the amicable attempt
      await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_out', body: 'Nous avons contacté le professionnel.' });
      await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'proposal', body: 'Remboursement partiel proposé au client.', refundCents: 1250 });
      await mediator.post(`/api/cases/${c.id}/evidence`).attach('file', Buffer.concat([PDF, Buffer.from('referral')]), 'devis signé.pdf');
      for (let i = 0; i < 40; i++) await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_in', body: `Relance n° ${i + 1} du client : je maintiens ma demande. ${'Détail '.repeat(20)}` });
      const referred = await mediator.post(`/api/cases/${c.id}/refer`).send({ mediatorReceivedAt: '2026-11-20T08:00:00.000Z' });
      expect(referred.status, JSON.stringify(referred.body)).toBe(200);

      const res = await mediator.get(`/api/cases/${c.id}/referral.pdf`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await readPdf(res.body as Buffer);
      expect(pdf.pages.length).toBeGreaterThan(1);
      for (const p of pdf.pages) expect(isA4Portrait(p)).toBe(true);
      const text = pdf.pages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
      const client = await t.db('clients').where('id', order.clientId).first();
      const partner = await t.db('partners').where('id', order.partnerId).first();
      for (const expected of [
        c.reference,
        'Dossier de saisine du médiateur de la consommation',
        `${client.firstName} ${client.lastName}`,
        client.reference,
        `${partner.firstName} ${partner.lastName}`,
        order.reference,
        'Date de l’intervention',
        'Réclamation écrite du',
        '10/11/2026', // the written complaint's Paris date
        '10 novembre 2027', // MED-5: the last admissible day
        'recevable',
        'PROPOSITIONS ET ISSUE',
        '12,50',
        'Remboursement partiel proposé au client.',
        'CHRONOLOGIE',
        'PIÈCES DU DOSSIER',
        'Relance n° 40 du client',
        'devis signé.pdf',
        'Marc Médiateur',
      ]) {
        expect(text, expected).toContain(expected);
      }
      expect(pdf.info.Title).toBe(`Dossier de médiation ${c.reference}`);
      expectError(await mediator.get('/api/cases/99999999/referral.pdf'), 404, 'not_found');
    });
  });

  it('MED-8: the referral file never prints the staff’s internal notes (nor status-change remarks); it still prints the client’s message and the evidence', async () => {
    const c = await newCase();
    await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'message_in', body: 'Message du client : la coupe est ratée, je veux être remboursée.' });
    await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'note', body: 'Le partenaire propose un geste commercial de 80 €.' });
    await mediator.post(`/api/cases/${c.id}/events`).send({ type: 'decision', body: 'Décision interne : ne pas dépasser 50 €.' });
    await mediator.post(`/api/cases/${c.id}/evidence`).field('note', 'Photo envoyée par la cliente').attach('file', Buffer.concat([PDF, Buffer.from('med8')]), 'photo-coupe.pdf');
    await mediator.post(`/api/cases/${c.id}/amicable`).send({ note: 'Remarque interne : client difficile.' });
    expect((await mediator.post(`/api/cases/${c.id}/refer`).send({})).status).toBe(200);
    const res = await mediator.get(`/api/cases/${c.id}/referral.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (d: Buffer) => chunks.push(d));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const text = (await readPdf(res.body as Buffer)).pages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('la coupe est ratée, je veux être remboursée');
    expect(text).toContain('photo-coupe.pdf');
    for (const internal of ['geste commercial de 80', 'Décision interne', 'client difficile', 'Note interne']) expect(text, internal).not.toContain(internal);
    // The timeline keeps them for the staff.
    const events = (await mediator.get(`/api/cases/${c.id}/events`)).body as TestRow[];
    expect(events.some((e) => e.type === 'note' && e.body.includes('geste commercial de 80 €'))).toBe(true);
  });

  it('a case without order, client or written complaint still prints, saying what is missing (MED-5 1°)', async () => {
    const res = await mediator.post('/api/cases').send({ category: 'other', writtenComplaintAt: null });
    const pdfRes = await mediator.get(`/api/cases/${res.body.id}/referral.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (d: Buffer) => chunks.push(d));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdfRes.status).toBe(200);
    const text = (await readPdf(pdfRes.body as Buffer)).pages.map((p) => p.text).join(' ');
    expect(text).toContain('Aucune réclamation écrite enregistrée');
    expect(text).toContain('irrecevable à ce jour');
    expect(text).toContain('Aucune commande rattachée à ce dossier.');
    expect(text).toContain('Aucune proposition enregistrée.');
  });

  it('the intake and the referral are audited like every other case action', async () => {
    const actions = (await t.db('auditLog').where('resource', 'cases').distinct('action')).map((r: TestRow) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['cases.create', 'cases.event.message_in', 'cases.event.evidence', 'cases.refer']));
    expect(TEST_NOW.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });
});
