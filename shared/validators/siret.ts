/**
 * SIRET — the 14-digit identifier of an establishment: its company's SIREN followed by
 * a 5-digit establishment number (NIC). Rule REF-2.
 *
 * Valid = 14 digits, a valid checksum, and a valid SIREN in the first 9 digits.
 * The checksum is Luhn over the 14 digits, except for La Poste (SIREN 356000000):
 * its establishments are numbered so that the sum of the 14 digits is a multiple of 5.
 * La Poste's head office, 356 000 000 00048, follows Luhn like everyone else
 * (python-stdnum's fr/siret.py makes the same exception).
 */
import { isLuhnValid } from './luhn';
import { fail, isDigits, normalize, pass, type CheckResult } from './normalize';
import { checkCompactSiren } from './siren';

export const SIRET_LENGTH = 14;
export const LA_POSTE_SIREN = '356000000';
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** The checksum rule alone (no length or SIREN check): Luhn, or La Poste's sum rule. */
export function hasValidSiretChecksum(siret: string): boolean {
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE_SIRET) {
    return isDigits(siret) && digitSum(siret) % 5 === 0;
  }
  return isLuhnValid(siret);
}

/** Checks an already normalized SIRET (see `normalize`). */
export function checkCompactSiret(compact: string): CheckResult {
  if (compact === '') return fail('empty');
  if (!isDigits(compact)) return fail('bad_characters');
  if (compact.length !== SIRET_LENGTH) return fail('wrong_length');
  if (!hasValidSiretChecksum(compact)) return fail('bad_checksum');
  // A valid SIRET also carries a valid SIREN.
  const siren = checkCompactSiren(compact.slice(0, 9));
  if (!siren.ok) return siren;
  return pass(compact);
}

/** Checks a SIRET as typed (spaces, dots, dashes allowed). */
export function checkSiret(value: string): CheckResult {
  return checkCompactSiret(normalize(value));
}

export function isValidSiret(value: string): boolean {
  return checkSiret(value).ok;
}

/** The SIREN part (first 9 digits) of a normalized SIRET. */
export function sirenOfSiret(compactSiret: string): string {
  return compactSiret.slice(0, 9);
}

/** Display form: `123 456 789 00012` (the SIREN grouped, then the NIC); anything else as given. */
export function formatSiret(value: string): string {
  const compact = normalize(value);
  return compact.length === SIRET_LENGTH && isDigits(compact) ? compact.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4') : value;
}
