/**
 * Text that goes into a PDF drawn with the 14 standard fonts (Helvetica…), whose
 * encoding is WinAnsi (Windows-1252): every French character fits (é è ê ë à â ç î ï
 * ô û ù ü ÿ œ Œ æ « » ’ € and the no-break space), nothing outside it does — pdfkit
 * would write a broken code for it. So every string is made safe here, once, before
 * it reaches a page (ARCHITECTURE.md "Money: fr-FR formatting with no U+202F in
 * standard-font PDFs"):
 * - control characters (C0, C1), bidirectional marks and overrides, zero-width and
 *   other invisible characters are removed: they can reorder or hide text (a name
 *   written "\u202Eeinaz" must not print reversed);
 * - every space-like character becomes a plain space, except the no-break ones, which
 *   become U+00A0 (Intl's fr-FR group separator U+202F is not in WinAnsi);
 * - typographic punctuation outside WinAnsi gets its nearest WinAnsi form;
 * - a letter outside WinAnsi loses its diacritics (ș → s, ễ → e) or is spelled with
 *   the nearest Latin letter (ł → l, đ → d); anything else left (another script, an
 *   emoji) becomes "?" — visible, never silently dropped.
 */
import { formatSiren as groupSiren } from '../../shared/validators/siren';

/** Characters WinAnsi has above U+00FF (pdfkit's WIN_ANSI_MAP keys). */
const WIN_ANSI_EXTRA = new Set(
  [0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122].map(
    (c) => String.fromCodePoint(c),
  ),
);

/** Nearest WinAnsi spelling of common characters that have no decomposition. */
const NEAREST: Record<string, string> = {
  'ł': 'l',
  'Ł': 'L',
  'đ': 'd',
  'Đ': 'D',
  'ħ': 'h',
  'Ħ': 'H',
  'ı': 'i',
  'ĸ': 'k',
  'ŀ': 'l',
  'Ŀ': 'L',
  'ŋ': 'n',
  'Ŋ': 'N',
  'ŧ': 't',
  'Ŧ': 'T',
  'ſ': 's',
  'ẞ': 'SS',
  'ĳ': 'ij',
  'Ĳ': 'IJ',
  'ŉ': "'n",
  'ǆ': 'dž',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '−': '-',
  '′': "'",
  '″': '"',
  '‛': '‘',
  '‟': '“',
  '⁄': '/',
  '∕': '/',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '✓': 'v',
  '✔': 'v',
  '№': 'n°',
};

// Removed outright: C0/C1 controls except tab and newlines (handled below), soft hyphen,
// bidi marks/embeddings/overrides/isolates, zero-width characters, word joiner, BOM,
// invisible operators, interlinear annotation and variation selectors.
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufe00-\ufe0f]|\udb40[\udc00-\udcff]/g;
// Space-like characters that may break: a plain space.
const BREAKING_SPACES = /[\t\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/g;
// No-break spaces (U+202F narrow, U+2007 figure): WinAnsi's U+00A0.
const NO_BREAK_SPACES = /[\u2007\u202f]/g;

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return WIN_ANSI_EXTRA.has(ch);
}

function nearest(ch: string): string {
  const mapped = NEAREST[ch];
  if (mapped !== undefined) return mapped;
  // A letter with diacritics WinAnsi lacks: try its composed base + marks that exist,
  // then the base alone.
  const stripped = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  if (stripped !== ch && stripped.length > 0 && [...stripped].every(isWinAnsi)) return stripped;
  return '?';
}

export interface SafeTextOptions {
  /** Keep line breaks (`\n`) — for multi-line free text; otherwise they become spaces. */
  multiline?: boolean;
  /** Cap the length (in characters) before layout: a hostile 1 MB name costs nothing. */
  maxLength?: number;
}

/** A string any standard-font PDF can show as written (see the module comment). */
// Already safe and tidy (printable ASCII and the usual French punctuation, single inner
// spaces, no outer ones): the common case, returned as it is.
const TIDY = /^(?:[!-~\u00a1-\u00ac\u00ae-\u00ff\u2019\u2013\u2014\u2026\u20ac\u0152\u0153](?: (?=[^ ]))?)*$/;

export function pdfSafe(value: string | number | null | undefined, options: SafeTextOptions = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  const max = options.maxLength ?? 2000;
  if (s.length <= max && TIDY.test(s)) return s;
  // Bound the work first (a generous margin for the characters removed below).
  if (s.length > max * 4) s = s.slice(0, max * 4);
  s = s.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(BREAKING_SPACES, ' ').replace(NO_BREAK_SPACES, '\u00a0');
  s = options.multiline ? s.replace(/[ \u00a0]*\n[ \u00a0]*/g, '\n').replace(/\n{3,}/g, '\n\n') : s.replace(/\n+/g, ' ');
  let out = '';
  for (const ch of s) out += ch === '\n' || isWinAnsi(ch) ? ch : nearest(ch);
  out = out.replace(/ {2,}/g, ' ').trim();
  if ([...out].length > max) out = `${[...out].slice(0, max - 1).join('').trimEnd()}…`;
  return out;
}

/** True when every character of `s` can be drawn with the standard fonts (what pdfSafe guarantees). */
export function isPdfSafe(s: string): boolean {
  for (const ch of s) if (ch !== '\n' && !isWinAnsi(ch)) return false;
  return true;
}

/** A SIREN grouped as on screen (`732 829 320`), with no-break spaces so that a line never splits it; anything else as given. */
export function formatSiren(siren: string | null | undefined): string {
  if (!siren) return '';
  const grouped = groupSiren(siren);
  return /^\d{3} \d{3} \d{3}$/.test(grouped) ? grouped.replace(/ /g, '\u00a0') : pdfSafe(siren);
}
