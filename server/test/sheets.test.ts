/**
 * Intervention sheets over HTTP (CONTRACT.md "Actions → Orders", rules SHEET-1, SHEET-2,
 * CON-1): one order's sheet, a Paris day's batch, the signed coupon's upload and
 * download. PDFs are read back as text with positions (pdfjs), never compared as bytes —
 * except to show that a fixed creation date makes them reproducible.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isA4Portrait, readPdf, type PageText } from '../pdf/readBack';
import { CUT_Y } from '../sheets/renderSheet';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { expectError, type TestRow } from './helpers';


/** The Paris calendar day of an instant, computed here independently of the app's helpers. */
const parisDayOf = (instant: string | Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
const parisLongDate = (instant: string) => {
  const s = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(instant));
  return s.charAt(0).toUpperCase() + s.slice(1);
};
const parisHour = (instant: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

/** Collapses the no-break spaces pdfjs gives back, so that expected strings can use plain spaces. */
const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

/** Text items of the employer part (above the cut line) and of the coupon (below). */
function parts(page: PageText) {
  const above = page.items.filter((i) => i.y < CUT_Y).map((i) => i.str);
  const below = page.items.filter((i) => i.y > CUT_Y).map((i) => i.str);
  return { employer: norm(above.join(' ')), coupon: norm(below.join(' ')) };
}

async function pdfOf(res: request.Response) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(Buffer.isBuffer(res.body)).toBe(true);
  return readPdf(res.body as Buffer);
}

/** supertest: keep the PDF as bytes. */
function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

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

describe('intervention sheets', () => {
  let t: TestApp;
  let coordinator: request.Agent;
  let uploadsDir: string;
  /** An upcoming accepted order with its client, partner and service. */
  let upcoming: { order: TestRow; client: TestRow; partner: TestRow; service: TestRow };
  /** The Paris day with the most accepted orders, and those orders. */
  let busyDay: { date: string; orders: TestRow[] };

  beforeAll(async () => {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'sheets-uploads-'));
    t = await createTestApp({ config: { uploadsDir } });
    coordinator = await t.as('coordinator');
    const accepted = (await t.db('orders').where('status', 'accepted').where('startsAt', '>', TEST_NOW.toISOString()).orderBy('id')) as TestRow[];
    expect(accepted.length).toBeGreaterThan(20);
    const byDay = new Map<string, TestRow[]>();
    for (const o of accepted) byDay.set(parisDayOf(o.startsAt), [...(byDay.get(parisDayOf(o.startsAt)) ?? []), o]);
    const [date, orders] = [...byDay.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    busyDay = { date, orders };
    const order = accepted[0];
    upcoming = {
      order,
      client: await t.db('clients').where('id', order.clientId).first(),
      partner: await t.db('partners').where('id', order.partnerId).first(),
      service: await t.db('services').where('id', order.serviceCode).first(),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('one order’s sheet (SHEET-1)', () => {
    it('when a coordinator opens an upcoming appointment’s sheet, then it is one A4 page with the request number on both parts, the names, the date, the service and the signature spaces', async () => {
      const { order, client, partner, service } = upcoming;
      const pdf = await pdfOf(await binary(coordinator.get(`/api/orders/${order.id}/sheet.pdf`)));
      expect(pdf.pages).toHaveLength(1);
      expect(isA4Portrait(pdf.pages[0])).toBe(true);
      const { employer, coupon } = parts(pdf.pages[0]);

      // Employer part: platform, client, provider (name, reference, SIREN), the intervention, price, observations, two signatures.
      expect(employer).toContain('FICHE D’INTERVENTION');
      expect(employer).toContain('Partie employeur');
      expect(employer).toContain(order.reference);
      expect(employer).toContain(`${client.firstName} ${client.lastName}`);
      expect(employer).toContain(client.reference);
      expect(employer).toContain(`${partner.firstName} ${partner.lastName}`);
      expect(employer).toContain(partner.reference);
      expect(employer).toContain(`${partner.siren.slice(0, 3)} ${partner.siren.slice(3, 6)} ${partner.siren.slice(6)}`);
      expect(employer).toContain(parisLongDate(order.startsAt));
      expect(employer).toContain(`${parisHour(order.startsAt)} – ${parisHour(order.endsAt)}`);
      expect(employer).toContain(order.address);
      expect(employer).toContain(service.name);
      expect(employer).toContain(`${(order.priceCents / 100).toFixed(2).replace('.', ',')} €`);
      expect(employer).toContain('OBSERVATIONS');
      expect(employer).toContain('Signature du client');
      expect(employer).toContain('Signature de l’intervenant');
      expect(employer).toContain(service.vertical === 'care' ? 'Care à domicile SAS' : 'Wellness à domicile SAS');

      // The detachable coupon: request number, date, type of service, two signatures.
      expect(coupon).toContain('Coupon détachable');
      expect(coupon).toContain('COUPON INTERVENANT');
      expect(coupon).toContain(order.reference);
      expect(coupon).toContain(parisLongDate(order.startsAt));
      expect(coupon).toContain(service.name);
      expect(coupon).toContain('Signature du client');
      expect(coupon).toContain('Signature de l’intervenant');
    });

    it('when a sheet is printed, then neither the partner’s nor the client’s personal phone or e-mail is on it (CON-1), only the platform’s contact', async () => {
      const { order, client, partner } = upcoming;
      const pdf = await pdfOf(await binary(coordinator.get(`/api/orders/${order.id}/sheet.pdf`)));
      const text = norm(pdf.pages[0].text);
      const digits = text.replace(/\D/g, '');
      for (const phone of [partner.phone, client.phone].filter(Boolean)) expect(digits).not.toContain(String(phone).replace(/\D/g, ''));
      for (const email of [partner.email, client.email].filter(Boolean)) expect(text).not.toContain(email);
      expect(text).toMatch(/support@(wellness|care)-domicile\.example/);
    });

    it('when the order is a Care service, then the sheet carries the Care company; a Wellness one the Wellness company', async () => {
      const care = await t.db('orders').join('services', 'services.id', 'orders.serviceCode').where('services.vertical', 'care').select('orders.id').first();
      const wellness = await t.db('orders').join('services', 'services.id', 'orders.serviceCode').where('services.vertical', 'wellness').select('orders.id').first();
      const careText = norm((await pdfOf(await binary(coordinator.get(`/api/orders/${care.id}/sheet.pdf`)))).pages[0].text);
      const wellnessText = norm((await pdfOf(await binary(coordinator.get(`/api/orders/${wellness.id}/sheet.pdf`)))).pages[0].text);
      expect(careText).toContain('Care à domicile SAS');
      expect(careText).not.toContain('Wellness à domicile SAS');
      expect(wellnessText).toContain('Wellness à domicile SAS');
      expect(wellnessText).not.toContain('Care à domicile SAS');
    });

    it('when the request is still pending (SHEET-2), then its provisional sheet says so and names no provider', async () => {
      const pending = await t.db('orders').where('status', 'dispatching').first();
      const pdf = await pdfOf(await binary(coordinator.get(`/api/orders/${pending.id}/sheet.pdf`)));
      const { employer, coupon } = parts(pdf.pages[0]);
      expect(employer).toContain('Demande en attente de réponse');
      expect(employer).toContain('À attribuer');
      expect(coupon).toContain(pending.reference);
    });

    it('when a past order is opened from the history (SHEET-2), then its sheet is served too', async () => {
      const past = await t.db('orders').where('status', 'completed').where('endsAt', '<', new Date(TEST_NOW.getTime() - 86_400_000).toISOString()).first();
      const pdf = await pdfOf(await binary(coordinator.get(`/api/orders/${past.id}/sheet.pdf`)));
      expect(parts(pdf.pages[0]).coupon).toContain(past.reference);
    });

    it('when an admin asks, then the sheet is served as well', async () => {
      const admin = await t.as('admin');
      const pdf = await pdfOf(await binary(admin.get(`/api/orders/${upcoming.order.id}/sheet.pdf`)));
      expect(pdf.pages).toHaveLength(1);
    });

    it('when the same sheet is asked twice under the same clock, then the bytes are identical and the PDF’s creation date is that time', async () => {
      const a = await binary(coordinator.get(`/api/orders/${upcoming.order.id}/sheet.pdf`));
      const b = await binary(coordinator.get(`/api/orders/${upcoming.order.id}/sheet.pdf`));
      expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).toBe(0);
      const pdf = await readPdf(a.body as Buffer);
      expect(pdf.info.CreationDate).toBe('D:20261120100000Z');
      expect(pdf.info.ModDate).toBe('D:20261120100000Z');
      expect(pdf.info.Title).toBe(`Fiche d’intervention ${upcoming.order.reference}`);
    });

    it('when the order does not exist, then 404 not_found', async () => {
      expectError(await coordinator.get('/api/orders/999999/sheet.pdf'), 404, 'not_found');
      expectError(await coordinator.get('/api/orders/abc/sheet.pdf'), 404, 'not_found');
    });

    it('when nobody is signed in, then every sheet route is 401', async () => {
      const anon = t.anonymous();
      expectError(await anon.get(`/api/orders/${upcoming.order.id}/sheet.pdf`), 401, 'not_authenticated');
      expectError(await anon.get(`/api/sheets.pdf?date=${busyDay.date}`), 401, 'not_authenticated');
      expectError(await anon.post(`/api/orders/${upcoming.order.id}/signed-sheet`).attach('file', Buffer.from('%PDF-1.4\n'), 'x.pdf'), 401, 'not_authenticated');
      expectError(await anon.get(`/api/orders/${upcoming.order.id}/signed-sheet`), 401, 'not_authenticated');
    });

    it('when a role without the sheet actions asks (support), then 403', async () => {
      const support = await t.as('support');
      expectError(await support.get(`/api/orders/${upcoming.order.id}/sheet.pdf`), 403, 'forbidden');
      expectError(await support.get(`/api/sheets.pdf?date=${busyDay.date}`), 403, 'forbidden');
    });
  });

  describe('a day’s sheets in one PDF', () => {
    it('when a coordinator prints a day, then there is one A4 sheet per accepted order of that Paris day, in start order', async () => {
      const pdf = await pdfOf(await binary(coordinator.get(`/api/sheets.pdf?date=${busyDay.date}`)));
      const expected = [...busyDay.orders].sort((a, b) => (a.startsAt === b.startsAt ? a.id - b.id : a.startsAt < b.startsAt ? -1 : 1)).map((o) => o.reference);
      expect(expected.length).toBeGreaterThan(1);
      expect(pdf.pages).toHaveLength(expected.length);
      const printed = pdf.pages.map((page) => {
        expect(isA4Portrait(page)).toBe(true);
        const { employer, coupon } = parts(page);
        const refs = [...new Set(employer.match(/R\d{7}/g) ?? [])];
        expect(refs).toHaveLength(1);
        expect(coupon).toContain(refs[0]);
        return refs[0];
      });
      expect(printed).toEqual(expected);
      expect(pdf.info.Title).toBe(`Fiches d’intervention du ${parisLongDate(`${busyDay.date}T12:00:00Z`).toLowerCase()}`);
    });

    it('when the day is narrowed to a partner, a city or a service, then only their orders are printed', async () => {
      const sample = busyDay.orders[0];
      const cases: Array<[string, (o: TestRow) => boolean]> = [
        [`partnerId=${sample.partnerId}`, (o) => o.partnerId === sample.partnerId],
        [`city=${encodeURIComponent(sample.city)}`, (o) => o.city === sample.city],
        [`serviceCode=${sample.serviceCode}`, (o) => o.serviceCode === sample.serviceCode],
      ];
      for (const [query, keep] of cases) {
        const pdf = await pdfOf(await binary(coordinator.get(`/api/sheets.pdf?date=${busyDay.date}&${query}`)));
        const expected = busyDay.orders.filter(keep).map((o) => o.reference).sort();
        const printed = pdf.pages.map((p) => parts(p).coupon.match(/R\d{7}/)![0]).sort();
        expect(printed, query).toEqual(expected);
      }
    });

    it('when the day has no accepted order, then the PDF is a single page that says there is nothing to print', async () => {
      const pdf = await pdfOf(await binary(coordinator.get('/api/sheets.pdf?date=2031-01-01')));
      expect(pdf.pages).toHaveLength(1);
      expect(isA4Portrait(pdf.pages[0])).toBe(true);
      expect(norm(pdf.pages[0].text)).toContain('Aucune intervention acceptée');
    });

    it.each([
      ['no date', ''],
      ['a word', 'date=tomorrow'],
      ['a month 13', 'date=2026-13-01'],
      ['30 February', 'date=2026-02-30'],
      ['a timestamp', 'date=2026-11-21T00:00:00Z'],
      ['two dates', 'date=2026-11-21&date=2026-11-22'],
      ['a partner id that is not a number', 'date=2026-11-21&partnerId=abc'],
      ['an unknown parameter', 'date=2026-11-21&status=accepted'],
    ])('when the query has %s, then 400 invalid_request', async (_label, query) => {
      expectError(await coordinator.get(`/api/sheets.pdf${query ? `?${query}` : ''}`), 400, 'invalid_request');
    });
  });

  describe('the signed coupon', () => {
    const scan = () => binary(coordinator.get(`/api/orders/${upcoming.order.id}/sheet.pdf`)).then((r) => r.body as Buffer);

    it('when a coordinator uploads the signed scan of a done intervention, then the order is signed, the file is stored once with its audit row, and it downloads back', async () => {
      const done = (await t.db('orders').where('status', 'completed').whereNull('sheetFileId').orderBy('id', 'desc').first()) as TestRow;
      const bytes = await scan();
      const before = filesUnder(uploadsDir).length;
      const res = await coordinator.post(`/api/orders/${done.id}/signed-sheet`).attach('file', bytes, 'coupon signé.pdf');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.id).toBe(done.id);
      expect(res.body.sheetSignedAt).toBe(TEST_NOW.toISOString());
      expect(res.body.sheetFileId).toEqual(expect.any(Number));
      expect(filesUnder(uploadsDir).length).toBe(before + 1);

      const file = await t.db('files').where('id', res.body.sheetFileId).first();
      expect(file).toMatchObject({ purpose: 'signed_sheet', mimeType: 'application/pdf', fileName: 'coupon signé.pdf', sizeBytes: bytes.length });
      const audit = await t.db('auditLog').where({ action: 'orders.signed-sheet', resourceId: String(done.id) }).first();
      expect(audit).toBeTruthy();
      expect(JSON.parse(audit.after).sheetFileId).toBe(res.body.sheetFileId);

      const back = await binary(coordinator.get(`/api/orders/${done.id}/signed-sheet`));
      expect(back.status).toBe(200);
      expect(back.headers['content-type']).toBe('application/pdf');
      expect(back.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(back.body as Buffer, bytes)).toBe(0);
      // The order's record now shows it as signed.
      const shown = await coordinator.get(`/api/orders/${done.id}`);
      expect(shown.body.sheetSignedAt).toBe(TEST_NOW.toISOString());
    });

    it('when the intervention has not started yet, then 409 invalid_state and nothing is stored', async () => {
      const [rows, files] = [Number((await t.db('files').count({ n: '*' }))[0].n), filesUnder(uploadsDir)];
      const res = await coordinator.post(`/api/orders/${upcoming.order.id}/signed-sheet`).attach('file', await scan(), 'coupon.pdf');
      expectError(res, 409, 'invalid_state');
      expect(Number((await t.db('files').count({ n: '*' }))[0].n)).toBe(rows);
      expect(filesUnder(uploadsDir)).toEqual(files);
    });

    it('when the order was cancelled, then 409 invalid_state', async () => {
      const cancelled = await t.db('orders').where('status', 'cancelled_by_client').first();
      expectError(await coordinator.post(`/api/orders/${cancelled.id}/signed-sheet`).attach('file', await scan(), 'coupon.pdf'), 409, 'invalid_state');
    });

    it('when the file is not a PDF, JPEG or PNG by content, then 415 and nothing is stored', async () => {
      const done = await t.db('orders').where('status', 'completed').first();
      const files = filesUnder(uploadsDir);
      const res = await coordinator.post(`/api/orders/${done.id}/signed-sheet`).attach('file', Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'coupon.pdf', contentType: 'application/pdf' });
      expectError(res, 415, 'unsupported_file_type');
      expect(filesUnder(uploadsDir)).toEqual(files);
    });

    it('when the order is unknown, then 404; when no coupon was uploaded, then its download is 404', async () => {
      expectError(await coordinator.post('/api/orders/999999/signed-sheet').attach('file', await scan(), 'coupon.pdf'), 404, 'not_found');
      const unsigned = await t.db('orders').whereNull('sheetFileId').first();
      expectError(await coordinator.get(`/api/orders/${unsigned.id}/signed-sheet`), 404, 'not_found');
      expectError(await coordinator.get('/api/orders/999999/signed-sheet'), 404, 'not_found');
    });
  });
});
