/**
 * Finding sensitive numbers inside free text (a mail body, a note, a description): IBANs,
 * payment card numbers and French phone numbers. Which of them a role may see is decided in
 * shared/permissions.ts (`maskFreeText`); this file only finds and masks them.
 *
 * Every kind claims its spans before the next kind looks, in this order: an IBAN's digits are
 * never taken for a card number, and a card's for a phone number, even when the IBAN itself is
 * shown in full.
 */
import { IBAN_REGISTRY } from './validators/ibanRegistry';
import { isLuhnValid } from './validators/luhn';

/** The field whose visibility decides whether this kind is masked in text (SENSITIVE_FIELDS). */
export type TextNumberKind = 'iban' | 'cardNumber' | 'phone';

interface Span {
  start: number;
  end: number;
  kind: TextNumberKind;
}

// Country code, check digits, then up to 30 letters or digits, optionally grouped by spaces.
const IBAN_CANDIDATE = /\b([A-Z]{2})(\d{2})((?:[ ]?[A-Z0-9]){8,30})\b/gi;
// 15 to 19 digits (Amex, Visa, Mastercard…), optionally grouped by spaces or dashes. SIRETs
// (14 digits, Luhn-valid too) and SIRENs are public business identifiers and stay.
const CARD_CANDIDATE = /\b[2-6](?:[ -]?\d){14,18}\b/g;
// French numbers: 0X XX XX XX XX, +33 X XX XX XX XX, 0033…, in groups of two separated by
// nothing, spaces, dots or dashes.
const PHONE_CANDIDATE = /(?:(?:\+|\b00)33[ .-]?(?:\(0\)[ .-]?)?|\b0)[1-9](?:[ .-]?\d{2}){4}\b/g;

const MASK = '••••';

/** `FR7630006000011234567890189` (or grouped) → `FR76 •••• 0189`. */
export function maskIbanText(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 8) return MASK;
  return `${compact.slice(0, 4)} ${MASK} ${compact.slice(-4)}`;
}

/** A card number keeps its last four digits only (PCI DSS): `•••• 4242`. */
export function maskCardNumber(card: string): string {
  const digits = card.replace(/\D/g, '');
  return digits.length < 4 ? MASK : `${MASK} ${digits.slice(-4)}`;
}

/** A phone number keeps its last two digits: `•• •• •• •• 78`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `•• •• •• •• ${digits.slice(-2)}`;
}

const MASKERS: Record<TextNumberKind, (match: string) => string> = {
  iban: maskIbanText,
  cardNumber: maskCardNumber,
  phone: maskPhone,
};

/**
 * An IBAN candidate cut to its country's length (a grouped IBAN followed by a word would
 * otherwise swallow the word); a country the registry does not know is no IBAN.
 */
function ibanSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const format = IBAN_REGISTRY[m[1].toUpperCase()];
    if (!format) continue;
    const start = m.index;
    let end = start + m[0].length;
    let seen = 0;
    for (let i = start; i < end; i++) {
      if (text[i] !== ' ') seen++;
      if (seen === format.length) {
        end = i + 1;
        break;
      }
    }
    out.push({ start, end, kind: 'iban' });
  }
  return out;
}

function candidateSpans(text: string, pattern: RegExp, kind: TextNumberKind, valid?: (match: string) => boolean): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    if (valid && !valid(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

const isCardNumber = (match: string) => isLuhnValid(match.replace(/\D/g, ''));

/** The sensitive numbers of `text`, left to right, none overlapping another. */
export function findSensitiveNumbers(text: string): Array<Span & { text: string }> {
  const claimed: Span[] = [];
  const overlaps = (s: Span) => claimed.some((c) => s.start < c.end && c.start < s.end);
  for (const spans of [
    () => ibanSpans(text),
    () => candidateSpans(text, CARD_CANDIDATE, 'cardNumber', isCardNumber),
    () => candidateSpans(text, PHONE_CANDIDATE, 'phone'),
  ]) {
    for (const s of spans()) if (!overlaps(s)) claimed.push(s);
  }
  return claimed.sort((a, b) => a.start - b.start).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}

/** `text` with every sensitive number of the `hidden` kinds masked; the others left as written. */
export function maskSensitiveText(text: string, hidden: ReadonlySet<TextNumberKind>): string {
  if (hidden.size === 0 || !/\d/.test(text)) return text;
  let out = '';
  let at = 0;
  for (const s of findSensitiveNumbers(text)) {
    if (!hidden.has(s.kind)) continue;
    out += text.slice(at, s.start) + MASKERS[s.kind](s.text);
    at = s.end;
  }
  return at === 0 ? text : out + text.slice(at);
}
