/**
 * Text widths for the standard fonts, from their AFM metrics (pdfkit's public
 * `pdfkit/standard-fonts/*` data): the width of every WinAnsi character and the kerning
 * pairs, in arrays and a numeric map built once per process. Layout measures text here
 * — the same numbers pdfkit uses when it draws (a test checks they agree) — without
 * pdfkit's per-call glyph-name lookups, which made measuring the slowest part of a sheet.
 */
import helvetica from 'pdfkit/standard-fonts/Helvetica';
import helveticaBold from 'pdfkit/standard-fonts/HelveticaBold';
import helveticaOblique from 'pdfkit/standard-fonts/HelveticaOblique';
import type { FontName } from './document';

interface AfmData {
  name: string;
  glyphNames: string;
  glyphWidths: readonly number[];
  kernPairs: ReadonlyArray<number | readonly number[]>;
}

/** WinAnsiEncoding: code → glyph name (the table pdfkit encodes standard-font text with). */
const WIN_ANSI_GLYPHS = `
  .notdef .notdef .notdef .notdef .notdef .notdef .notdef .notdef
  .notdef .notdef .notdef .notdef .notdef .notdef .notdef .notdef
  .notdef .notdef .notdef .notdef .notdef .notdef .notdef .notdef
  .notdef .notdef .notdef .notdef .notdef .notdef .notdef .notdef
  space exclam quotedbl numbersign dollar percent ampersand quotesingle
  parenleft parenright asterisk plus comma hyphen period slash
  zero one two three four five six seven
  eight nine colon semicolon less equal greater question
  at A B C D E F G
  H I J K L M N O
  P Q R S T U V W
  X Y Z bracketleft backslash bracketright asciicircum underscore
  grave a b c d e f g
  h i j k l m n o
  p q r s t u v w
  x y z braceleft bar braceright asciitilde .notdef
  Euro .notdef quotesinglbase florin quotedblbase ellipsis dagger daggerdbl
  circumflex perthousand Scaron guilsinglleft OE .notdef Zcaron .notdef
  .notdef quoteleft quoteright quotedblleft quotedblright bullet endash emdash
  tilde trademark scaron guilsinglright oe .notdef zcaron ydieresis
  space exclamdown cent sterling currency yen brokenbar section
  dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron
  degree plusminus twosuperior threesuperior acute mu paragraph periodcentered
  cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown
  Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla
  Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis
  Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply
  Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls
  agrave aacute acircumflex atilde adieresis aring ae ccedilla
  egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis
  eth ntilde ograve oacute ocircumflex otilde odieresis divide
  oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis
`.trim().split(/\s+/);

/** Unicode code points that WinAnsi places at 0x80–0x9F and pdfkit maps there. */
const WIN_ANSI_MAP: Record<number, number> = {
  402: 131, 8211: 150, 8212: 151, 8216: 145, 8217: 146, 8218: 130, 8220: 147, 8221: 148, 8222: 132, 8224: 134, 8225: 135,
  8226: 149, 8230: 133, 8364: 128, 8240: 137, 8249: 139, 8250: 155, 710: 136, 8482: 153, 338: 140, 339: 156, 732: 152,
  352: 138, 353: 154, 376: 159, 381: 142, 382: 158,
};

interface Metrics {
  /** Width (1/1000 em) by WinAnsi code. */
  widths: Float64Array;
  /** Kerning (1/1000 em) by `leftCode * 256 + rightCode`. */
  kerning: Map<number, number>;
}

function build(data: AfmData): Metrics {
  const names = data.glyphNames.split(' ');
  const widthByName = new Map<string, number>();
  names.forEach((n, i) => widthByName.set(n, data.glyphWidths[i]));
  const widths = new Float64Array(256);
  const codesByName = new Map<string, number[]>();
  WIN_ANSI_GLYPHS.forEach((name, code) => {
    widths[code] = widthByName.get(name) ?? 0;
    codesByName.set(name, [...(codesByName.get(name) ?? []), code]);
  });
  const kerning = new Map<number, number>();
  for (let i = 0; i < data.kernPairs.length; i += 2) {
    const amount = data.kernPairs[i] as number;
    let pairId = 0;
    for (const delta of data.kernPairs[i + 1] as readonly number[]) {
      pairId += delta;
      const lefts = codesByName.get(names[Math.floor(pairId / names.length)]);
      const rights = codesByName.get(names[pairId % names.length]);
      if (!lefts || !rights) continue;
      for (const l of lefts) for (const r of rights) kerning.set(l * 256 + r, amount);
    }
  }
  return { widths, kerning };
}

const DATA: Record<FontName, AfmData> = {
  Helvetica: helvetica as AfmData,
  'Helvetica-Bold': helveticaBold as AfmData,
  'Helvetica-Oblique': helveticaOblique as AfmData,
};
const cache = new Map<FontName, Metrics>();

function metrics(font: FontName): Metrics {
  let m = cache.get(font);
  if (!m) {
    m = build(DATA[font]);
    cache.set(font, m);
  }
  return m;
}

/** WinAnsi code of a UTF-16 unit (what pdfkit encodes); 0 (.notdef) for anything else. */
function codeOf(unit: number): number {
  if (unit < 256) return unit;
  return WIN_ANSI_MAP[unit] ?? 0;
}

/**
 * Width of `text` in points at `size`, kerning included — equal to pdfkit's
 * `doc.widthOfString` for the same font and size.
 */
export function textWidth(text: string, font: FontName, size: number): number {
  const { widths, kerning } = metrics(font);
  // Integers summed (exact), scaled as pdfkit scales: the same float, bit for bit.
  let total = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const code = codeOf(text.charCodeAt(i));
    total += widths[code];
    if (prev >= 0) total += kerning.get(prev * 256 + code) ?? 0;
    prev = code;
  }
  return total * (size / 1000);
}

/** What pdfkit's standard fonts return from `encode`: the hex codes and the glyph positions. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** True when `font` is one whose metrics this module has. */
export function hasMetrics(font: string): font is FontName {
  return font in DATA;
}

/**
 * pdfkit's StandardFont.encode, from the tables: each UTF-16 unit's WinAnsi code in hex,
 * and its advance (width plus kerning with the next glyph), in 1/1000 em.
 */
export function encodeStandard(text: string, font: FontName): [string[], GlyphPosition[]] {
  const { widths, kerning } = metrics(font);
  const encoded: string[] = new Array(text.length);
  const positions: GlyphPosition[] = new Array(text.length);
  let next = text.length ? codeOf(text.charCodeAt(0)) : 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const code = next;
    next = i + 1 < text.length ? codeOf(text.charCodeAt(i + 1)) : -1;
    encoded[i] = (WIN_ANSI_MAP[unit] || unit).toString(16);
    const width = widths[code];
    const kern = next >= 0 ? (kerning.get(code * 256 + next) ?? 0) : 0;
    positions[i] = { xAdvance: width + kern, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width };
  }
  return [encoded, positions];
}
