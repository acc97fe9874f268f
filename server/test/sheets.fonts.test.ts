/**
 * The standard-font speed-up (server/pdf/fastFonts.ts) changes nothing in the output: a
 * sheet rendered by pdfkit's own code and by the installed fast paths is the same file,
 * byte for byte, and the fast measure equals pdfkit's. Alone in its file: the first
 * render must happen before anything installs the fast paths in this process.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { documentOptions, FONTS, toBuffer } from '../pdf/document';
import { fastStandardFontsActive, installFastStandardFonts } from '../pdf/fastFonts';
import { textWidth } from '../pdf/metrics';
import { drawSheet } from '../sheets/renderSheet';
import { sheetText, type SheetOrder } from '../sheets/sheetText';

const order: SheetOrder = {
  id: 3,
  reference: 'R0000003',
  status: 'dispatching',
  startsAt: '2026-03-29T00:30:00.000Z',
  endsAt: '2026-03-29T03:30:00.000Z',
  priceCents: 123456,
  address: 'Résidence « Les Jardins », 187 boulevard du Maréchal-de-Lattre-de-Tassigny',
  postcode: '13006',
  city: 'Marseille',
  immediateAdvance: true,
  service: { code: 'childcare', name: 'Garde d’enfants (3 h) — goûter, devoirs, bain', vertical: 'care', durationMin: 180 },
  client: { reference: 'C000003', firstName: 'Ÿvonne-Œdipe', lastName: 'AVATAR Tj Yo Wa “ff” ‰ ™ Łukasz', deleted: false },
  partner: null,
};

describe('the standard-font fast paths', () => {
  it('when they are installed, then a sheet is byte-for-byte the PDF pdfkit writes by itself, and widths agree', async () => {
    // pdfkit's own code first (this file runs in a process of its own: nothing installed yet).
    expect(fastStandardFontsActive()).toBe(false);
    const meta = { title: 'Fiche', author: 'Test', creationDate: new Date('2026-11-20T10:00:00Z') };
    const text = sheetText(order, meta.creationDate);
    const own = await toBuffer(new PDFDocument(documentOptions(meta)), (d) => drawSheet(d, text));
    const probe = new PDFDocument({ autoFirstPage: false });
    const sample = 'Fiche d’intervention — AVATAR « Œuvre » 1 234,56 € Yo Tj';
    const pdfkitWidths = Object.values(FONTS).map((f) => probe.font(f).fontSize(9.5).widthOfString(sample));

    expect(installFastStandardFonts()).toBe(true);
    expect(fastStandardFontsActive()).toBe(true);
    const fast = await toBuffer(new PDFDocument(documentOptions(meta)), (d) => drawSheet(d, text));
    expect(fast.length).toBe(own.length);
    expect(Buffer.compare(fast, own)).toBe(0);
    expect(Object.values(FONTS).map((f) => textWidth(sample, f, 9.5))).toEqual(pdfkitWidths);
    const fresh = new PDFDocument({ autoFirstPage: false });
    expect(Object.values(FONTS).map((f) => fresh.font(f).fontSize(9.5).widthOfString(sample))).toEqual(pdfkitWidths);
  });
});
