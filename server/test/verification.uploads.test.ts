/**
 * Partner document uploads and downloads (CONTRACT.md "Actions → Partners and documents"):
 * type recognised from the bytes (PDF/JPEG/PNG only), the size limit, a generated stored
 * name, the client's name kept as sanitised data — and every refused upload leaves
 * neither a row nor a file. Files are served to support and admin only, inline, nosniff.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPdf, demoPng } from '../../db/seeds/demoFiles';
import { createTestApp, type TestApp } from './harness';
import { expectError } from './helpers';

const APPLICANT = 7; // REF-9: an applicant of the demo data (uploads are allowed before the file is taken)
const REFUSED = 9;

/** Every file under a directory (recursive), relative paths. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(64, 0), Buffer.from('This program cannot be run in DOS mode.')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), Buffer.alloc(100, 1)]);

describe('partner document uploads', () => {
  let t: TestApp;
  let support: request.Agent;
  let uploadsDir: string;

  beforeAll(async () => {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'verification-uploads-'));
    t = await createTestApp({ config: { uploadsDir } });
    support = await t.as('support');
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async () => Number((await t.db('documents').count({ n: '*' }))[0].n);
  const audits = async () => Number((await t.db('auditLog').where('resource', 'documents').count({ n: '*' }))[0].n);

  /** Runs a refused upload and checks that nothing was left behind: no row, no audit row, no file. */
  async function refusedLeavesNothing(send: () => Promise<request.Response>, status: number, code: string) {
    const [rows, trail, files] = [await count(), await audits(), filesUnder(uploadsDir)];
    const res = await send();
    const err = expectError(res, status, code);
    expect(await count()).toBe(rows);
    expect(await audits()).toBe(trail);
    expect(filesUnder(uploadsDir)).toEqual(files);
    return err;
  }

  it('when support uploads a real PDF identity document, then 201, the row in the contract’s shape, the file stored under its content hash and an audit row', async () => {
    const pdf = demoPdf(['Carte nationale d’identité', 'Test']);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const res = await support
      .post(`/api/partners/${APPLICANT}/documents`)
      .field('type', 'identity')
      .field('expiresAt', '2031-05-01')
      .attach('file', pdf, { filename: 'ma carte.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      partnerId: APPLICANT,
      type: 'identity',
      status: 'pending',
      fileName: 'ma carte.pdf',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha,
      expiresAt: '2031-05-01',
      validUntil: '2031-05-01',
      uploadedBy: 2,
    });
    expect(res.body).not.toHaveProperty('storedName');
    expect(filesUnder(uploadsDir)).toContain(path.join(sha.slice(0, 2), `${sha}.pdf`));
    const row = await t.db('documents').where('id', res.body.id).first();
    expect(row.storedName).toBe(`${sha}.pdf`);
    const audit = await t.db('auditLog').where({ resource: 'documents', resourceId: String(res.body.id), action: 'documents.create' }).first();
    expect(audit).toBeDefined();
    expect(audit.after).not.toContain('storedName');
  });

  it('when a PNG and a JPEG are uploaded, then they are accepted and typed by their bytes', async () => {
    const png = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', demoPng(4242), { filename: 'scan.png', contentType: 'image/png' });
    expect(png.status).toBe(201);
    expect(png.body.mimeType).toBe('image/png');
    const jpg = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'diploma').attach('file', JPEG, { filename: 'diplome.jpg', contentType: 'image/jpeg' });
    expect(jpg.status, JSON.stringify(jpg.body)).toBe(201);
    expect(jpg.body.mimeType).toBe('image/jpeg');
  });

  it('when the declared type is wrong (a PNG sent as application/pdf named .pdf), then the content decides: stored as image/png with a .png name', async () => {
    const png = demoPng(77);
    const sha = createHash('sha256').update(png).digest('hex');
    const res = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'rib').attach('file', png, { filename: 'rib.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe('image/png');
    expect(res.body.fileName).toBe('rib.pdf');
    expect(filesUnder(uploadsDir)).toContain(path.join(sha.slice(0, 2), `${sha}.png`));
  });

  it('when the file name carries a path ("../../etc/passwd.pdf", a Windows path, control characters), then only the sanitised last segment is kept as data and the file lands under its hash', async () => {
    const before = filesUnder(uploadsDir);
    const pdf = demoPdf(['path test']);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const res = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'siren_proof').attach('file', pdf, { filename: '../../etc/passwd.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd.pdf');
    expect(filesUnder(uploadsDir)).toEqual([...before, path.join(sha.slice(0, 2), `${sha}.pdf`)].sort());
    const win = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'siren_proof').attach('file', pdf, { filename: 'C:\\Users\\x\\av\u202Efdp.exe', contentType: 'application/pdf' });
    expect(win.status).toBe(201);
    expect(win.body.fileName).toBe('avfdp.exe');
    // Same bytes: one stored file for both rows.
    expect(filesUnder(uploadsDir).filter((f) => f.includes(sha))).toHaveLength(1);
  });

  it.each([
    ['a Windows executable renamed .pdf', EXE, 'facture.pdf', 'application/pdf'],
    ['a Linux executable renamed .pdf', ELF, 'cv.pdf', 'application/pdf'],
    ['an HTML page renamed .pdf', HTML, 'attestation.pdf', 'application/pdf'],
    ['an HTML page declared text/html', HTML, 'page.html', 'text/html'],
    ['a ZIP archive declared image/png', ZIP, 'photo.png', 'image/png'],
  ])('when the upload is %s, then 415 unsupported_file_type and nothing is stored', async (_label, bytes, filename, contentType) => {
    await refusedLeavesNothing(() => support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', bytes, { filename, contentType }), 415, 'unsupported_file_type');
  });

  it('when the file is over MAX_UPLOAD_MB (10 MiB + 1 byte of PDF), then 413 file_too_large and nothing is stored', async () => {
    const big = Buffer.concat([demoPdf(['big']), Buffer.alloc(10 * 1024 * 1024 + 1 - demoPdf(['big']).length, 0x20)]);
    expect(big.length).toBe(10 * 1024 * 1024 + 1);
    const err = await refusedLeavesNothing(
      () => support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', big, { filename: 'gros.pdf', contentType: 'application/pdf' }),
      413,
      'file_too_large',
    );
    expect(err.details).toEqual({ maxMb: 10 });
  });

  it('when the file is exactly 10 MiB, then it is accepted (the limit is inclusive)', async () => {
    const head = demoPdf(['limit']);
    const exact = Buffer.concat([head, Buffer.alloc(10 * 1024 * 1024 - head.length, 0x20)]);
    const res = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'training_certificate').attach('file', exact, { filename: 'limite.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sizeBytes).toBe(10 * 1024 * 1024);
  });

  it('when the file is empty, then 400 invalid_request and nothing is stored', async () => {
    await refusedLeavesNothing(
      () => support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', Buffer.alloc(0), { filename: 'vide.pdf', contentType: 'application/pdf' }),
      400,
      'invalid_request',
    );
  });

  it('when the document type is unknown or missing, then 400 listing the allowed types and nothing is stored (not even a valid PDF)', async () => {
    const err = await refusedLeavesNothing(
      () => support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'passport_selfie').attach('file', demoPdf(['x']), { filename: 'x.pdf', contentType: 'application/pdf' }),
      400,
      'invalid_request',
    );
    expect(err.details?.allowed).toContain('urssaf_attestation');
    await refusedLeavesNothing(() => support.post(`/api/partners/${APPLICANT}/documents`).attach('file', demoPdf(['y']), { filename: 'y.pdf', contentType: 'application/pdf' }), 400, 'invalid_request');
  });

  it('when the fields are malformed (unknown field, bad date, future issue date, bad IBAN), then 400 / 422 and nothing is stored', async () => {
    const up = (field: string, value: string) => () =>
      support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'rib').field(field, value).attach('file', demoPdf([`f-${field}`]), { filename: 'r.pdf', contentType: 'application/pdf' });
    await refusedLeavesNothing(up('storedName', '../../x'), 400, 'invalid_request');
    await refusedLeavesNothing(up('issuedAt', '2026-02-30'), 400, 'invalid_request');
    await refusedLeavesNothing(up('issuedAt', '2027-01-01'), 422, 'validation_failed');
    await refusedLeavesNothing(up('iban', 'FR7630006000011234567890188'), 422, 'validation_failed');
  });

  it('when there is no file, two files, or a JSON body, then 400 and nothing is stored', async () => {
    await refusedLeavesNothing(() => support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity'), 400, 'invalid_request');
    await refusedLeavesNothing(
      () =>
        support
          .post(`/api/partners/${APPLICANT}/documents`)
          .field('type', 'identity')
          .attach('file', demoPdf(['a']), { filename: 'a.pdf', contentType: 'application/pdf' })
          .attach('file', demoPdf(['b']), { filename: 'b.pdf', contentType: 'application/pdf' }),
      400,
      'invalid_request',
    );
    await refusedLeavesNothing(() => support.post(`/api/partners/${APPLICANT}/documents`).send({ type: 'identity', file: 'JVBERi0=' }), 400, 'invalid_request');
  });

  it('when the partner does not exist or the file is closed (refused, REF-9), then 404 / 409 and nothing is stored', async () => {
    await refusedLeavesNothing(() => support.post('/api/partners/99999/documents').field('type', 'identity').attach('file', demoPdf(['nobody']), { filename: 'n.pdf', contentType: 'application/pdf' }), 404, 'not_found');
    await refusedLeavesNothing(() => support.post(`/api/partners/${REFUSED}/documents`).field('type', 'identity').attach('file', demoPdf(['closed']), { filename: 'c.pdf', contentType: 'application/pdf' }), 409, 'invalid_state');
  });

  it('when ops (no documents:create right) or an anonymous caller uploads, then 403 / 401 and nothing is stored', async () => {
    const ops = await t.as('ops');
    await refusedLeavesNothing(() => ops.post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', demoPdf(['ops']), { filename: 'o.pdf', contentType: 'application/pdf' }), 403, 'forbidden');
    await refusedLeavesNothing(() => t.anonymous().post(`/api/partners/${APPLICANT}/documents`).field('type', 'identity').attach('file', demoPdf(['anon']), { filename: 'a.pdf', contentType: 'application/pdf' }), 401, 'not_authenticated');
  });

  it('when the database write fails after the file was saved, then the new file is removed again (no orphan)', async () => {
    const files = filesUnder(uploadsDir);
    // A trigger-free way to make the insert fail on both databases: the partner disappears between the checks and the insert.
    const pdf = demoPdf(['orphan test']);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const { id } = (await support.post('/api/partners').send({ firstName: 'Orphée', lastName: 'Fichier', email: 'orphee@exemple.fr', vertical: 'wellness' })).body;
    const { uploadDocument } = await import('../verification/uploadDocument');
    const { loadPartnerFile } = await import('../verification/repository');
    const partner = (await loadPartnerFile(t.db, id))!;
    const ghost = { ...partner, id: 987654 };
    const ctx = { db: t.db, clock: t.clock, actor: { kind: 'staff' as const, id: 2, email: 'support@demo.test', fullName: 'Sophie Support', role: 'support' as const } };
    await expect(uploadDocument(ctx, uploadsDir, ghost, { buffer: pdf, mimeType: 'application/pdf', ext: 'pdf', fileName: 'o.pdf', fields: { type: 'identity' } })).rejects.toThrow();
    expect(filesUnder(uploadsDir)).toEqual(files);
    expect(filesUnder(uploadsDir).some((f) => f.includes(sha))).toBe(false);
  });

  describe('GET /api/documents/{id}/file', () => {
    let docId: number;
    let pdf: Buffer;
    beforeAll(async () => {
      pdf = demoPdf(['Téléchargement', 'é à ç']);
      const res = await support.post(`/api/partners/${APPLICANT}/documents`).field('type', 'experience_proof').attach('file', pdf, { filename: 'Expérience « 2025 ».pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(201);
      docId = res.body.id;
    });

    it.each(['support', 'admin'] as const)('when %s fetches the file, then 200 with its bytes, its sniffed type, inline Content-Disposition with the sanitised name, nosniff and a sandbox CSP', async (role) => {
      const agent = await t.as(role);
      const res = await agent.get(`/api/documents/${docId}/file`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, pdf)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers["content-disposition"]).toMatch(/^inline; filename="Exp_rience _ 2025 _.pdf"; filename\*=UTF-8''Exp%C3%A9rience%20%C2%AB%202025%20%C2%BB.pdf$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.headers['cache-control']).toContain('no-store');
    });

    it.each(['ops', 'mediator', 'coordinator'] as const)('when %s fetches a partner document file, then 403 (CONTRACT.md: documents to support and admin)', async (role) => {
      expectError(await (await t.as(role)).get(`/api/documents/${docId}/file`), 403, 'forbidden');
    });

    it('when an anonymous caller fetches it, then 401; an unknown document is 404', async () => {
      expectError(await t.anonymous().get(`/api/documents/${docId}/file`), 401, 'not_authenticated');
      expectError(await support.get('/api/documents/999999/file'), 404, 'not_found');
      expectError(await support.get('/api/documents/abc/file'), 404, 'not_found');
    });

    it('when the stored file is missing on disk (a demo row without files), then 404, never a 500', async () => {
      const seeded = await t.db('documents').where('partnerId', 1).first();
      expectError(await support.get(`/api/documents/${seeded.id}/file`), 404, 'not_found');
    });
  });
});
