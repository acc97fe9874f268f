/**
 * Reads a PDF's pages back — their size and their text with positions — with pdfjs-dist
 * (a devDependency): the tests check what a reader sees, never the bytes
 * (ARCHITECTURE.md "PDFs"). Used by tests and benches only; no production code imports it.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { toMm } from './units';
import type { JsonObject } from '../../shared/json';

export interface TextItem {
  str: string;
  /** Left edge and baseline, mm from the page's top-left corner. */
  x: number;
  y: number;
  /** Width of the run, mm. */
  width: number;
  /** Font size, pt. */
  size: number;
}

export interface PageText {
  /** Page size in mm. */
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text, runs joined with spaces in reading order (top to bottom, left to right). */
  text: string;
}

export interface ReadPdf {
  pages: PageText[];
  /** The document information dictionary (Title, Author, CreationDate…), as pdf.js reads it. */
  info: JsonObject;
}

const STANDARD_FONTS = `${path.join(PROJECT_ROOT, 'node_modules', 'pdfjs-dist', 'standard_fonts')}/`;

export async function readPdf(data: Uint8Array | Buffer, options: { maxPages?: number } = {}): Promise<ReadPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(data),
    standardFontDataUrl: STANDARD_FONTS,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: PageText[] = [];
    const count = Math.min(doc.numPages, options.maxPages ?? Infinity);
    for (let n = 1; n <= count; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const heightPt = y1 - y0;
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.length === 0) continue;
        const [a, b, , , e, f] = item.transform as number[];
        items.push({ str: item.str, x: toMm(e - x0), y: toMm(heightPt - (f - y0)), width: toMm(item.width), size: Math.hypot(a, b) });
      }
      const ordered = [...items].sort((p, q) => (Math.abs(p.y - q.y) < 0.8 ? p.x - q.x : p.y - q.y));
      pages.push({ width: toMm(x1 - x0), height: toMm(heightPt), items, text: ordered.map((i) => i.str).join(' ') });
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    return { pages, info: (meta.info ?? {}) as JsonObject };
  } finally {
    await doc.destroy();
  }
}

/** A4 portrait, within a tenth of a millimetre. */
export function isA4Portrait(page: { width: number; height: number }): boolean {
  return Math.abs(page.width - 210) < 0.1 && Math.abs(page.height - 297) < 0.1;
}
