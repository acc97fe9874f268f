/**
 * A speed-up of pdfkit's standard fonts, installed once per process. pdfkit 0.20's
 * StandardFont measures and encodes text by looking every glyph up by name and every
 * kerning pair up by a string key built on the fly; that was a third of the time of a
 * sheet. `encode` and `widthOfString` are replaced, on StandardFont's prototype, by
 * lookups in the numeric tables of metrics.ts — for the Helvetica faces we use; every
 * other standard font keeps pdfkit's own code.
 *
 * pdfkit also rebuilds each face's glyph-width and kerning tables, keyed by strings, for
 * every document (a few tenths of a millisecond a face); once the replacements are in,
 * those tables are never read for these faces (only the ascender, descender and bounding
 * box are), so the lists of their shared metric modules are emptied and new documents
 * skip the rebuild.
 *
 * The replacement must be invisible: before installing, both versions run on sample
 * strings in each face and must return exactly the same codes, advances and widths
 * (so the PDFs are byte-for-byte those pdfkit would write; a test renders a sheet with
 * and without and compares the bytes). If pdfkit changes and they differ, or its
 * objects are not shaped as expected, nothing is replaced. pdfkit is pinned (0.20.2).
 */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import PDFDocument from 'pdfkit';
import { encodeStandard, hasMetrics, textWidth } from './metrics';

interface StandardFontLike {
  name: string;
  encode(text: string, features?: unknown): [string[], unknown[]];
  widthOfString(text: string, size: number, features?: unknown): number;
}

const SAMPLES = [
  'Fiche d’intervention — Œuvre « déjà » l’été, 1 234,56 € AVATAR Tj Yo Wa ff',
  'Référence partenaire P-000011 · SIREN 732 829 320… Ÿ œ š ž ƒ ˆ ˜ ‰ ‹ › † ‡ ™ •',
  Array.from({ length: 224 }, (_, i) => String.fromCharCode(32 + i)).join(''),
];
const FACES = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique'] as const;

let state: 'pending' | 'installed' | 'skipped' = 'pending';
const FAST = Symbol.for('console.pdf.fastStandardFonts');

/** Whether pdfkit's standard fonts currently use the fast paths (in this process, whoever installed them). */
export function fastStandardFontsActive(): boolean {
  const font = (new PDFDocument({ autoFirstPage: false }) as unknown as { _font?: { encode?: unknown } })._font;
  return typeof font?.encode === 'function' && FAST in font.encode;
}

/** Installs the fast paths if they are exact; returns whether they are in use. */
export function installFastStandardFonts(): boolean {
  if (state !== 'pending') return state === 'installed';
  state = 'skipped';
  const probe = new PDFDocument({ autoFirstPage: false });
  const current = () => (probe as unknown as { _font?: StandardFontLike })._font;
  const first = current();
  if (!first || typeof first.encode !== 'function' || typeof first.widthOfString !== 'function') return false;
  const proto = Object.getPrototypeOf(first) as StandardFontLike;
  const original = { encode: proto.encode, widthOfString: proto.widthOfString };

  function encode(this: StandardFontLike, text: string, features?: unknown) {
    return hasMetrics(this.name) ? encodeStandard(`${text}`, this.name) : original.encode.call(this, text, features);
  }
  function widthOfString(this: StandardFontLike, text: string, size: number, features?: unknown) {
    return hasMetrics(this.name) ? textWidth(`${text}`, this.name, size) : original.widthOfString.call(this, text, size, features);
  }

  for (const face of FACES) {
    probe.font(face);
    const font = current();
    if (!font || Object.getPrototypeOf(font) !== proto || font.name !== face) return false;
    for (const sample of SAMPLES) {
      if (!isDeepStrictEqual(encode.call(font, sample), original.encode.call(font, sample))) return false;
      for (const size of [7, 9.5, 15]) if (widthOfString.call(font, sample, size) !== original.widthOfString.call(font, sample, size)) return false;
    }
  }
  Object.assign(encode, { [FAST]: true });
  Object.assign(widthOfString, { [FAST]: true });
  proto.encode = encode;
  proto.widthOfString = widthOfString;
  // The same module objects pdfkit loads for these faces (its `#standard-fonts/*` import
  // maps to the package's `standard-fonts/*.cjs` export): their kerning now lives in metrics.ts.
  const require = createRequire(import.meta.url);
  for (const face of FACES) {
    const data = require(`pdfkit/standard-fonts/${face.replace('-', '')}`) as { name?: string; kernPairs?: unknown; glyphNames?: unknown; glyphWidths?: unknown };
    if (data?.name !== face || !Array.isArray(data.kernPairs) || typeof data.glyphNames !== 'string' || !Array.isArray(data.glyphWidths)) continue;
    data.kernPairs = [];
    data.glyphNames = '';
    data.glyphWidths = [];
  }
  state = 'installed';
  return true;
}
