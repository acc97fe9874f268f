/**
 * The Luhn (mod 10) algorithm, the single implementation behind the SIREN and SIRET
 * checks (rule REF-2).
 */
import { isDigits } from './normalize';

/** Sum of the Luhn-weighted digits, modulo 10: 0 for a valid number. */
function luhnRemainder(digits: string): number {
  let sum = 0;
  // Walk from the right: every second digit (starting with the one left of the
  // check digit) is doubled, and 9 subtracted when the double has two digits.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10;
}

/** True when `digits` (ASCII digits only, check digit last) passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  return isDigits(digits) && luhnRemainder(digits) === 0;
}

/** The check digit to append to `digits` (ASCII digits only) so that it passes Luhn. */
export function luhnCheckDigit(digits: string): string {
  if (!isDigits(digits)) throw new RangeError('luhnCheckDigit expects ASCII digits');
  const remainder = luhnRemainder(digits + '0');
  return String((10 - remainder) % 10);
}
