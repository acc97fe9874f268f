import { LONE_SURROGATE } from '../http/textInput';

/**
 * The client's file name is kept as data only (shown, and offered on download),
 * never used as a path: keep the last path segment, drop control and
 * bidirectional-override characters, replace lone surrogates, cap the length.
 */
export function sanitizeFileName(raw: string | undefined | null, fallback = 'document'): string {
  if (!raw) return fallback;
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    // A lone surrogate (a name decoded from UTF-16) is no character: U+FFFD, as either database would store it.
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd')
    .normalize('NFC')
    // C0/C1 controls, and the bidi controls that can disguise an extension (e.g. "cod\u202Efdp.exe").
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200)
    // The cut may split a pair (an emoji): its high half alone is no character.
    .replace(/[\ud800-\udbff]$/, '');
  return cleaned || fallback;
}
