/** `validate(kind, value)`: the API behind `POST /api/validate` and the SPA's form checks. */
import { describe, expect, it } from 'vitest';
import {
  FAILURE_CODES,
  formatIban,
  ibanCheckDigits,
  isValidationKind,
  MAX_INPUT_LENGTH,
  REASONS,
  validate,
  VALIDATION_KINDS,
  type ValidationKind,
} from './index';

describe('reasons', () => {
  it('one distinct reason per failure, French then English after " / "', () => {
    const reasons = FAILURE_CODES.map((code) => REASONS[code]);
    expect(new Set(reasons).size).toBe(FAILURE_CODES.length);
    expect(Object.keys(REASONS).sort()).toEqual([...FAILURE_CODES].sort());
    for (const reason of reasons) {
      const parts = reason.split(' / ');
      expect(parts, reason).toHaveLength(2);
      expect(parts[0].length, reason).toBeGreaterThan(5);
      expect(parts[1].length, reason).toBeGreaterThan(5);
    }
    expect(REASONS.bad_checksum).toBe('Clé de contrôle invalide. / Invalid checksum.');
  });

  it('every reason can be reached', () => {
    expect(validate('siren', '')).toEqual({ valid: false, reason: REASONS.empty });
    expect(validate('siren', '40483304A')).toEqual({ valid: false, reason: REASONS.bad_characters });
    expect(validate('siren', '40483304')).toEqual({ valid: false, reason: REASONS.wrong_length });
    expect(validate('siren', '404833047')).toEqual({ valid: false, reason: REASONS.bad_checksum });
    expect(validate('iban', 'QQ93 1234 5678')).toEqual({ valid: false, reason: REASONS.unknown_country });
    expect(validate('iban', 'NL56 3003 0A17 1643 00')).toEqual({ valid: false, reason: REASONS.bad_bban_format });
    // RIB key 07 instead of 06, with ISO check digits recomputed so that only the RIB key is wrong
    const bban = '20041010050500013M02607';
    expect(validate('iban', `FR${ibanCheckDigits('FR', bban)}${bban}`)).toEqual({ valid: false, reason: REASONS.bad_rib_key });
  });
});

describe('validate', () => {
  it('REF-2 / REF-1: returns the compact canonical form of valid numbers', () => {
    expect(validate('siren', ' 404 833 048 ')).toStrictEqual({ valid: true, normalized: '404833048' });
    expect(validate('siret', '732 829 320 00074')).toStrictEqual({ valid: true, normalized: '73282932000074' });
    expect(validate('vat', 'Fr 40 303 265 045')).toStrictEqual({ valid: true, normalized: 'FR40303265045' });
    expect(validate('vat', '23334175221')).toStrictEqual({ valid: true, normalized: 'FR23334175221' });
    expect(validate('iban', 'fr14 2004 1010 0505 0001 3m02 606')).toStrictEqual({
      valid: true,
      normalized: 'FR1420041010050500013M02606',
    });
    expect(formatIban('FR1420041010050500013M02606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
  });

  it('failures carry only the reason', () => {
    expect(validate('siret', '73282932000079')).toStrictEqual({ valid: false, reason: REASONS.bad_checksum });
  });

  it.each(VALIDATION_KINDS)('empty, blank or separator-only input is "empty" (%s)', (kind) => {
    for (const value of ['', '   ', '\u00A0\t', ' . - ']) {
      expect(validate(kind, value), JSON.stringify(value)).toEqual({ valid: false, reason: REASONS.empty });
    }
  });

  it.each(VALIDATION_KINDS)('over-long input is refused without further work (%s)', (kind) => {
    const value = '4'.repeat(MAX_INPUT_LENGTH + 1);
    expect(validate(kind, value)).toEqual({ valid: false, reason: REASONS.wrong_length });
    // long but legitimately spaced input still works
    expect(validate('siren', '4 0 4 8 3 3 0 4 8'.padEnd(MAX_INPUT_LENGTH, ' ')).valid).toBe(true);
  });

  it('a non-string value (from untyped JSON) is "empty", an unknown kind throws', () => {
    expect(validate('siren', undefined as unknown as string)).toEqual({ valid: false, reason: REASONS.empty });
    expect(validate('iban', 42 as unknown as string)).toEqual({ valid: false, reason: REASONS.empty });
    expect(() => validate('nir' as ValidationKind, '1')).toThrow(TypeError);
    expect(isValidationKind('vat')).toBe(true);
    expect(isValidationKind('tva')).toBe(false);
    expect(isValidationKind(undefined)).toBe(false);
  });

  it('the same number is judged per kind', () => {
    expect(validate('siren', '73282932000074').valid).toBe(false);
    expect(validate('siret', '404833048').valid).toBe(false);
    expect(validate('vat', '404833048').valid).toBe(false);
    expect(validate('vat', '83404833048').valid).toBe(true);
  });
});
