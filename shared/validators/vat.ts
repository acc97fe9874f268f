/**
 * French VAT number (numéro de TVA intracommunautaire): optional `FR` country prefix
 * (any case), a 2-character key, then the company's 9-digit SIREN.
 *
 * - Key characters come from `0-9` and `A-Z` without `I` and `O` (easily mistaken for
 *   1 and 0).
 * - The 9 digits must be a valid SIREN (Luhn, rule REF-2), except for Monaco numbers,
 *   which start with `000` and are not SIRENs.
 * - Old-style, all-digit key: key = (12 + 3 × (SIREN mod 97)) mod 97, i.e. the
 *   remainder of the number "SIREN followed by 12" divided by 97.
 * - New-style key with at least one letter: checked the way python-stdnum's
 *   stdnum/fr/tva.py does (see `alphaKeyMatches`).
 */
import { fail, isDigits, normalize, pass, type CheckResult } from './normalize';
import { checkCompactSiren } from './siren';

/** The characters a key may use, in the order that gives each its value (no I, no O). */
export const VAT_KEY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Key + SIREN, without the `FR` prefix. */
const VAT_BODY_LENGTH = 11;

/** The numeric (old-style) key of a 9-digit SIREN, as two digits. */
export function vatKey(siren: string): string {
  if (!/^[0-9]{9}$/.test(siren)) throw new RangeError('vatKey expects a 9-digit SIREN');
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return String(key).padStart(2, '0');
}

/** The canonical French VAT number (`FR` + numeric key + SIREN) of a 9-digit SIREN. */
export function vatFromSiren(siren: string): string {
  return `FR${vatKey(siren)}${siren}`;
}

/**
 * New-style keys (at least one letter). Each key character takes its index in
 * `VAT_KEY_ALPHABET`; the pair is read as a number, in base 24 when the first character
 * is a digit and in base 34 when it is a letter, shifted so that the numbering of
 * letter-bearing pairs starts at 0 (−10 in base 24: pairs `0A`…; −100 in base 34:
 * pairs `A0`…). With that number `n`, the key matches the SIREN `s` when
 * (s + 1 + ⌊n / 11⌋) mod 11 = n mod 11.
 * Same verdicts as python-stdnum's stdnum/fr/tva.py (re-implemented, not copied).
 */
export function alphaKeyMatches(key: string, sirenDigits: string): boolean {
  const first = VAT_KEY_ALPHABET.indexOf(key[0] ?? '');
  const second = VAT_KEY_ALPHABET.indexOf(key[1] ?? '');
  if (key.length !== 2 || first < 0 || second < 0 || !/^[0-9]{9}$/.test(sirenDigits)) return false;
  const n = first < 10 ? first * 24 + second - 10 : first * 34 + second - 100;
  return (Number(sirenDigits) + 1 + Math.floor(n / 11)) % 11 === n % 11;
}

function isKeyChar(char: string): boolean {
  return char.length === 1 && VAT_KEY_ALPHABET.includes(char);
}

/** Checks an already normalized VAT number (see `normalize`); the `FR` prefix is optional. */
export function checkCompactVat(compact: string): CheckResult {
  if (compact === '') return fail('empty');
  const body = compact.startsWith('FR') ? compact.slice(2) : compact;
  if (body === '') return fail('wrong_length');
  const key = body.slice(0, 2);
  const digits = body.slice(2);
  if (![...key].every(isKeyChar) || (digits !== '' && !isDigits(digits))) return fail('bad_characters');
  if (body.length !== VAT_BODY_LENGTH) return fail('wrong_length');
  // Monaco numbers (000…) are valid VAT numbers but not SIRENs.
  if (!digits.startsWith('000') && !checkCompactSiren(digits).ok) return fail('bad_checksum');
  const keyMatches = isDigits(key) ? key === vatKey(digits) : alphaKeyMatches(key, digits);
  if (!keyMatches) return fail('bad_checksum');
  return pass(`FR${key}${digits}`);
}

/** Checks a French VAT number as typed (`FR` prefix optional, any case; separators allowed). */
export function checkVat(value: string): CheckResult {
  return checkCompactVat(normalize(value));
}

export function isValidVat(value: string): boolean {
  return checkVat(value).ok;
}
