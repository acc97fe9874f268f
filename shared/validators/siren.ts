/**
 * SIREN — the 9-digit identifier of a French company (rule REF-2: a valid SIREN is
 * required; whether it is *active* is the registry's business, not this check's).
 * Valid = 9 digits whose Luhn checksum holds.
 */
import { isLuhnValid } from './luhn';
import { fail, isDigits, normalize, pass, type CheckResult } from './normalize';

export const SIREN_LENGTH = 9;

/** Checks an already normalized SIREN (see `normalize`). */
export function checkCompactSiren(compact: string): CheckResult {
  if (compact === '') return fail('empty');
  if (!isDigits(compact)) return fail('bad_characters');
  if (compact.length !== SIREN_LENGTH) return fail('wrong_length');
  if (!isLuhnValid(compact)) return fail('bad_checksum');
  return pass(compact);
}

/** Checks a SIREN as typed (spaces, dots, dashes allowed). */
export function checkSiren(value: string): CheckResult {
  return checkCompactSiren(normalize(value));
}

export function isValidSiren(value: string): boolean {
  return checkSiren(value).ok;
}

/** Display form: `123 456 789`; anything that is not 9 digits once normalized (a masked value) as given. */
export function formatSiren(value: string): string {
  const compact = normalize(value);
  return compact.length === SIREN_LENGTH && isDigits(compact) ? compact.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : value;
}
