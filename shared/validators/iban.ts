/**
 * IBAN (rule REF-1: every partner gives an IBAN for payouts), checked per ISO 13616:
 * a known country code, that country's total length, its BBAN structure (see
 * `ibanRegistry.ts`) and the ISO 7064 mod 97-10 check digits; French IBANs must also
 * carry a correct RIB key.
 *
 * National checks beyond ISO 13616 are deliberately left out, except the French RIB key:
 * python-stdnum, for instance, also runs Spain's own check digits and so rejects a few
 * Spanish IBANs that ISO 13616 accepts (vectors/iban_invalid_country_specific.txt);
 * this check accepts them.
 */
import { IBAN_REGISTRY, type IbanCountryFormat } from './ibanRegistry';
import { fail, normalize, pass, type CheckResult } from './normalize';

/** Countries whose BBAN ends with a French RIB key that we check. */
export const RIB_KEY_COUNTRIES: readonly string[] = ['FR'];

export function ibanCountryFormat(country: string): IbanCountryFormat | undefined {
  return Object.hasOwn(IBAN_REGISTRY, country) ? IBAN_REGISTRY[country] : undefined;
}

const STRUCTURE_PART = /([1-9][0-9]*)!([nace])/g;
const CLASS_PATTERN: Record<string, string> = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]', e: ' ' };
const patternCache = new Map<string, RegExp>();

/**
 * The regular expression of a BBAN structure such as `4!a20!c`. Inputs are normalized
 * (upper case, no spaces) before matching, so `c` means upper-case letters or digits;
 * `e` (a space) exists in the notation but no country of the registry uses it.
 */
export function bbanPattern(structure: string): RegExp {
  const cached = patternCache.get(structure);
  if (cached) return cached;
  let source = '';
  let consumed = 0;
  for (const match of structure.matchAll(STRUCTURE_PART)) {
    if (match.index !== consumed) break;
    source += `${CLASS_PATTERN[match[2]]}{${match[1]}}`;
    consumed += match[0].length;
  }
  if (consumed !== structure.length || structure === '') {
    throw new RangeError(`Invalid BBAN structure: ${structure}`);
  }
  const pattern = new RegExp(`^${source}$`);
  patternCache.set(structure, pattern);
  return pattern;
}

/** Remainder modulo 97 of an alphanumeric string read with A = 10 … Z = 35 (ISO 7064). */
export function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      throw new RangeError('mod97 expects digits and upper-case letters');
    }
  }
  return remainder;
}

/** The two check digits of the IBAN made of `country` and `bban` (upper case, compact). */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/** Letters of a French account number stand for digits: A/J → 1, B/K/S → 2, … I/R/Z → 9. */
function ribDigits(account: string): string {
  return account.replace(/[A-Z]/g, (letter) => {
    const index = letter.charCodeAt(0) - 65; // A = 0
    // A–I → 1–9, J–R → 1–9, S–Z → 2–9 (the alphabet in rows of 9, S starting at 2).
    return String(index < 18 ? (index % 9) + 1 : index - 16);
  });
}

/** The 2-digit RIB key of a French bank code (5), branch code (5) and account (11). */
export function ribKey(bank: string, branch: string, account: string): string {
  if (!/^[0-9]{5}$/.test(bank) || !/^[0-9]{5}$/.test(branch) || !/^[0-9A-Z]{11}$/.test(account)) {
    throw new RangeError('ribKey expects a 5-digit bank, a 5-digit branch and an 11-character account');
  }
  const remainder = (89 * Number(bank) + 15 * Number(branch) + 3 * Number(ribDigits(account))) % 97;
  return String(97 - remainder).padStart(2, '0');
}

/** True when a French-structured BBAN (5!n5!n11!c2!n) ends with its correct RIB key. */
export function hasValidRibKey(bban: string): boolean {
  if (!/^[0-9]{10}[0-9A-Z]{11}[0-9]{2}$/.test(bban)) return false;
  return ribKey(bban.slice(0, 5), bban.slice(5, 10), bban.slice(10, 21)) === bban.slice(21);
}

/** Checks an already normalized IBAN (see `normalize`). */
export function checkCompactIban(compact: string): CheckResult {
  if (compact === '') return fail('empty');
  if (!/^[0-9A-Z]+$/.test(compact)) return fail('bad_characters');
  if (compact.length < 2) return fail('wrong_length');
  const country = compact.slice(0, 2);
  const format = ibanCountryFormat(country);
  if (!format) return fail('unknown_country');
  if (compact.length !== format.length) return fail('wrong_length');
  // ISO 13616 check digits are two digits from 02 to 98.
  const checkDigits = compact.slice(2, 4);
  if (!/^[0-9]{2}$/.test(checkDigits) || checkDigits < '02' || checkDigits > '98') return fail('bad_checksum');
  const bban = compact.slice(4);
  if (!bbanPattern(format.bban).test(bban)) return fail('bad_bban_format');
  if (mod97(`${bban}${compact.slice(0, 4)}`) !== 1) return fail('bad_checksum');
  if (RIB_KEY_COUNTRIES.includes(country) && !hasValidRibKey(bban)) return fail('bad_rib_key');
  return pass(compact);
}

/** Checks an IBAN as typed (any case; spaces, dots, dashes allowed). */
export function checkIban(value: string): CheckResult {
  return checkCompactIban(normalize(value));
}

export function isValidIban(value: string): boolean {
  return checkIban(value).ok;
}

/** Display form: the compact IBAN in groups of 4 characters (`FR14 2004 1010 …`). */
export function formatIban(iban: string): string {
  return normalize(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
