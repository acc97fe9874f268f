/**
 * A4 documents with the standard fonts and fixed metadata. The creation and
 * modification dates are given by the caller (never "now" inside): pdfkit derives the
 * file ID from the info dictionary, so the same data and dates give the same bytes.
 *
 * Font decision: the 14 standard fonts (Helvetica family), WinAnsi-encoded. They cover
 * every French character, €, typographic apostrophes and the no-break space; they are
 * never embedded (a one-page sheet is a few kB and costs no font subsetting, which is
 * what keeps a sheet in a few milliseconds), and every viewer and printer has them.
 * What they cannot draw (other scripts, emoji) is transliterated or shown as "?" by
 * safeText.ts — see there.
 */
import PDFDocument from 'pdfkit';
import { installFastStandardFonts } from './fastFonts';
import { pdfSafe } from './safeText';

export type PdfDoc = PDFKit.PDFDocument;

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** Written as both CreationDate and ModDate. */
  creationDate: Date;
}

export const FONTS = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
} as const;
export type FontName = (typeof FONTS)[keyof typeof FONTS];

/** The pdfkit options of every console PDF: A4, no margins (layout is in mm), French, fixed dates. */
export function documentOptions(meta: PdfMeta): PDFKit.PDFDocumentOptions {
  return {
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    lang: 'fr-FR',
    displayTitle: true,
    compress: true,
    info: {
      // Metadata is UTF-16 in the file, but controls and bidi overrides are removed all the same.
      Title: pdfSafe(meta.title, { maxLength: 300 }),
      Author: pdfSafe(meta.author, { maxLength: 300 }),
      Subject: pdfSafe(meta.subject ?? '', { maxLength: 300 }),
      Keywords: pdfSafe(meta.keywords ?? '', { maxLength: 300 }),
      Creator: 'Console services à domicile',
      Producer: 'PDFKit',
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    },
  };
}

/** A new PDF (no page yet: call `addA4Page`), French, A4, standard fonts, fixed dates. */
export function createA4Document(meta: PdfMeta): PdfDoc {
  installFastStandardFonts();
  return new PDFDocument(documentOptions(meta));
}

export function addA4Page(doc: PdfDoc): void {
  doc.addPage({ size: 'A4', margin: 0 });
}

/** Renders a whole document into one Buffer (single sheets; batches stream instead). */
export function toBuffer(doc: PdfDoc, draw: (doc: PdfDoc) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
