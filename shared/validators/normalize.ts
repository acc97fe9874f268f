/**
 * Input clean-up shared by every number check (rules REF-1, REF-2; `POST /api/validate`
 * in ../shared/CONTRACT.md). Pure and dependency-free: the SPA and the server run the
 * very same code, so a number accepted while typing is accepted by the API.
 */

/**
 * Separators people type or paste inside identifiers: any Unicode white space (space,
 * tab, new line, NBSP U+00A0, the narrow NBSP U+202F that French number formatting
 * produces, …), zero-width characters, dots, and hyphens/dashes (ASCII hyphen-minus,
 * U+2010–U+2015 hyphens and dashes, U+2212 minus sign).
 */
const SEPARATORS = /[\s\u200B-\u200D\u2060\uFEFF.\-\u2010-\u2015\u2212]/g;

/**
 * Strips the separators and upper-cases ASCII letters. Only `a`–`z` are upper-cased:
 * `String#toUpperCase` would turn some non-ASCII letters into ASCII ones (`ſ` → `S`,
 * `ı` → `I`), letting a look-alike character slip through as a valid one.
 */
export function normalize(value: string): string {
  return value.replace(SEPARATORS, '').replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** Raw inputs longer than this are refused as "wrong length" before any work. */
export const MAX_INPUT_LENGTH = 128;

/** Why a number is refused; `index.ts` turns each code into a bilingual sentence. */
export const FAILURE_CODES = [
  'empty',
  'bad_characters',
  'wrong_length',
  'bad_checksum',
  'unknown_country',
  'bad_bban_format',
  'bad_rib_key',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Outcome of one check: the canonical compact form, or the first failure found. */
export type CheckResult = { ok: true; value: string } | { ok: false; code: FailureCode };

export const pass = (value: string): CheckResult => ({ ok: true, value });
export const fail = (code: FailureCode): CheckResult => ({ ok: false, code });

/** True when the string is non-empty and made of ASCII digits only. */
export function isDigits(value: string): boolean {
  return /^[0-9]+$/.test(value);
}
