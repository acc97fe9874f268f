/** IBAN (rule REF-1): ISO 13616 check digits, country formats, French RIB key, display. */
import { describe, expect, it } from 'vitest';
import {
  bbanPattern,
  checkIban,
  formatIban,
  hasValidRibKey,
  ibanCheckDigits,
  isValidIban,
  mod97,
  RIB_KEY_COUNTRIES,
  ribKey,
} from './iban';
import { IBAN_REGISTRY } from './ibanRegistry';
import { REASONS, validate } from './index';

const FR_IBAN = 'FR1420041010050500013M02606';

/** The IBAN of `country` + `bban`, with computed check digits. */
const iban = (country: string, bban: string) => `${country}${ibanCheckDigits(country, bban)}${bban}`;

describe('ISO 13616 check digits (mod 97-10)', () => {
  it('REF-1: a valid IBAN, rearranged (BBAN + country + check digits), is 1 mod 97', () => {
    expect(mod97(`${FR_IBAN.slice(4)}${FR_IBAN.slice(0, 4)}`)).toBe(1);
    expect(ibanCheckDigits('FR', FR_IBAN.slice(4))).toBe('14');
    expect(ibanCheckDigits('GB', 'NWBK60161331926819')).toBe('29');
  });

  it('mod97 reads letters as 10…35 and matches BigInt arithmetic', () => {
    expect(mod97('A')).toBe(10);
    expect(mod97('Z')).toBe(35);
    const sample = '3704004405320130001314';
    expect(mod97(sample)).toBe(Number(BigInt(sample) % 97n));
    expect(() => mod97('12 3')).toThrow(RangeError);
  });

  it('REF-1: check digits outside 02–98 are refused, though 01 ≡ 98 and 99 ≡ 02 modulo 97', () => {
    const bbans = Array.from({ length: 20000 }, (_, i) => `3704004405${String(i).padStart(8, '0')}`);
    const with98 = bbans.find((b) => ibanCheckDigits('DE', b) === '98');
    const with02 = bbans.find((b) => ibanCheckDigits('DE', b) === '02');
    expect(with98 && with02).toBeTruthy();
    expect(isValidIban(`DE98${with98}`)).toBe(true);
    expect(mod97(`${with98}DE01`)).toBe(1);
    expect(checkIban(`DE01${with98}`)).toEqual({ ok: false, code: 'bad_checksum' });
    expect(isValidIban(`DE02${with02}`)).toBe(true);
    expect(mod97(`${with02}DE99`)).toBe(1);
    expect(checkIban(`DE99${with02}`)).toEqual({ ok: false, code: 'bad_checksum' });
    expect(checkIban(`DE00${with02}`)).toEqual({ ok: false, code: 'bad_checksum' });
    expect(checkIban(`DEAB${with02}`)).toEqual({ ok: false, code: 'bad_checksum' });
  });

  it('REF-1: swapping two adjacent characters is caught', () => {
    for (let i = 4; i < FR_IBAN.length - 1; i++) {
      if (FR_IBAN[i] === FR_IBAN[i + 1]) continue;
      const swapped = FR_IBAN.slice(0, i) + FR_IBAN[i + 1] + FR_IBAN[i] + FR_IBAN.slice(i + 2);
      expect(isValidIban(swapped), swapped).toBe(false);
    }
  });
});

describe('country and structure', () => {
  it('REF-1: unknown or non-IBAN country codes are refused', () => {
    expect(validate('iban', 'US64 SVBK US6S 3300 9673 86')).toEqual({ valid: false, reason: REASONS.unknown_country });
    expect(validate('iban', '1234567890')).toEqual({ valid: false, reason: REASONS.unknown_country });
    // no prototype lookups through the registry
    expect(checkIban('__PROTO__')).toEqual({ ok: false, code: 'bad_characters' });
    expect(checkIban('TOSTRING')).toEqual({ ok: false, code: 'unknown_country' });
  });

  it('REF-1: a single character cannot be an IBAN', () => {
    expect(checkIban('F')).toEqual({ ok: false, code: 'wrong_length' });
  });

  it('REF-1: anything but letters and digits is refused', () => {
    expect(checkIban('FR14 2004 1010 0505 0001 3M02 60/')).toEqual({ ok: false, code: 'bad_characters' });
    expect(checkIban('FR14_20041010050500013M02606')).toEqual({ ok: false, code: 'bad_characters' });
    expect(checkIban('FR1420041010050500013M0260６')).toEqual({ ok: false, code: 'bad_characters' });
  });

  it('bbanPattern follows the registry notation (n, a, c, e) and refuses malformed structures', () => {
    expect(bbanPattern('2!n3!a1!c').test('12ABCZ')).toBe(true);
    expect(bbanPattern('2!n3!a1!c').test('12AB1Z')).toBe(false);
    expect(bbanPattern('2!n1!e2!n').test('12 34')).toBe(true);
    for (const bad of ['', '4n', '4!x', '0!n', '4!n junk', 'x4!n']) {
      expect(() => bbanPattern(bad), bad).toThrow(RangeError);
    }
  });

  it('the registry has France and Monaco with the same French BBAN structure', () => {
    expect(IBAN_REGISTRY.FR).toEqual({ length: 27, bban: '5!n5!n11!c2!n' });
    expect(IBAN_REGISTRY.MC).toEqual({ length: 27, bban: '5!n5!n11!c2!n' });
  });
});

describe('French RIB key', () => {
  it('REF-1: the key of bank, branch and account: 97 − ((89 B + 15 G + 3 C) mod 97)', () => {
    expect(ribKey('20041', '01005', '0500013M026')).toBe('06');
    expect(hasValidRibKey('20041010050500013M02606')).toBe(true);
    expect(hasValidRibKey('20041010050500013M02607')).toBe(false);
    expect(ribKey('30002', '00550', '00001578450')).toBe(
      String(97 - ((89 * 30002 + 15 * 550 + 3 * 1578450) % 97)).padStart(2, '0'),
    );
  });

  it('REF-1: letters of the account stand for digits (A/J → 1, B/K/S → 2, … I/R/Z → 9)', () => {
    const table: Record<string, string> = {
      A: '1', B: '2', C: '3', D: '4', E: '5', F: '6', G: '7', H: '8', I: '9',
      J: '1', K: '2', L: '3', M: '4', N: '5', O: '6', P: '7', Q: '8', R: '9',
      S: '2', T: '3', U: '4', V: '5', W: '6', X: '7', Y: '8', Z: '9',
    };
    for (const [letter, digit] of Object.entries(table)) {
      expect(ribKey('12345', '67890', `0000000000${letter}`), letter).toBe(ribKey('12345', '67890', `0000000000${digit}`));
      expect(ribKey('12345', '67890', `${letter}0000000000`), letter).toBe(ribKey('12345', '67890', `${digit}0000000000`));
    }
  });

  it('REF-1: a French IBAN with a correct mod 97 but a wrong RIB key is refused', () => {
    const bban = FR_IBAN.slice(4);
    for (let k = 0; k < 100; k++) {
      const key = String(k).padStart(2, '0');
      if (key === '06') continue;
      const number = iban('FR', `${bban.slice(0, 21)}${key}`);
      expect(validate('iban', number), number).toEqual({ valid: false, reason: REASONS.bad_rib_key });
    }
  });

  it('REF-1: the RIB key is checked for FR only (the issue asks for the French RIB key), not for MC', () => {
    expect(RIB_KEY_COUNTRIES).toEqual(['FR']);
    const monacoWrongKey = iban('MC', '12739000700011111000H00');
    expect(hasValidRibKey(monacoWrongKey.slice(4))).toBe(false);
    expect(validate('iban', monacoWrongKey)).toEqual({ valid: true, normalized: monacoWrongKey });
  });
});

describe('national checks beyond ISO 13616', () => {
  it('REF-1: Spanish IBANs are checked per ISO 13616 only, so python-stdnum\'s Spain-only rejects are VALID here', () => {
    // python-stdnum's iban.validate() (check_country=True) also runs stdnum/es/iban.py, the
    // Spanish national check digits (the "DC" of the CCC), and refuses these two numbers.
    // They have a registered country, the right length, the right BBAN structure and
    // correct mod 97 check digits, which is what this check verifies outside France.
    // (Same numbers as vectors/iban_invalid_country_specific.txt.)
    for (const number of ['ES2121000418450200051331', 'ES89 3183 1500 9500 0121 0562']) {
      expect(validate('iban', number), number).toEqual({ valid: true, normalized: number.replace(/ /g, '') });
    }
  });
});

describe('formatIban', () => {
  it('REF-1: groups the compact IBAN by 4 for display', () => {
    expect(formatIban(FR_IBAN)).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(formatIban('BE31435411161155')).toBe('BE31 4354 1116 1155');
  });

  it('accepts typed input and is idempotent', () => {
    expect(formatIban('fr14-2004-1010-0505-0001-3m02-606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(formatIban(formatIban(FR_IBAN))).toBe(formatIban(FR_IBAN));
    expect(formatIban('')).toBe('');
  });
});
