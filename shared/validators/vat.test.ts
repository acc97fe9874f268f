/** French VAT numbers (n° TVA intracommunautaire): generated keys and the key rules. */
import { describe, expect, it } from 'vitest';
import { REASONS, validate } from './index';
import { isLuhnValid, luhnCheckDigit } from './luhn';
import { alphaKeyMatches, checkVat, vatFromSiren, vatKey, VAT_KEY_ALPHABET } from './vat';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDigits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(random() * 10));
  return out;
}

const random = seeded(97);
const sirens = Array.from({ length: 200 }, () => {
  const body = randomDigits(random, 8);
  return body + luhnCheckDigit(body);
}).filter((s) => !s.startsWith('000'));

const keyPairs = [...VAT_KEY_ALPHABET].flatMap((a) => [...VAT_KEY_ALPHABET].map((b) => a + b));
const alphaKeys = keyPairs.filter((k) => /[A-Z]/.test(k));

describe('VAT numeric key', () => {
  it('is (12 + 3 × (SIREN mod 97)) mod 97, i.e. "SIREN followed by 12" mod 97', () => {
    for (const siren of sirens) {
      const expected = Number(BigInt(`${siren}12`) % 97n);
      expect(Number(vatKey(siren)), siren).toBe(expected);
      expect(vatKey(siren)).toMatch(/^[0-9]{2}$/);
    }
    expect(vatKey('404833048')).toBe('83');
    expect(() => vatKey('12345678')).toThrow(RangeError);
  });

  it('REF-2: keys computed from valid SIRENs are valid, however the number is typed', () => {
    for (const siren of sirens) {
      const canonical = vatFromSiren(siren);
      const key = vatKey(siren);
      for (const typed of [canonical, `${key}${siren}`, `fr ${key} ${siren}`, `Fr${key}.${siren.slice(0, 3)}-${siren.slice(3)}`]) {
        expect(validate('vat', typed), typed).toEqual({ valid: true, normalized: canonical });
      }
    }
  });

  it('REF-2: every other numeric key is invalid', () => {
    for (const siren of sirens.slice(0, 50)) {
      const key = vatKey(siren);
      for (let k = 0; k < 100; k++) {
        const other = String(k).padStart(2, '0');
        if (other === key) continue;
        expect(validate('vat', `FR${other}${siren}`)).toEqual({ valid: false, reason: REASONS.bad_checksum });
      }
    }
  });

  it('REF-2: the 9 digits must be a valid SIREN (outside Monaco), even when the key formula holds', () => {
    let checked = 0;
    for (let n = 0; checked < 100; n++) {
      const digits = String(100000000 + n * 104729).slice(0, 9);
      if (isLuhnValid(digits)) continue;
      const key = String((12 + 3 * (Number(digits) % 97)) % 97).padStart(2, '0');
      expect(checkVat(`FR${key}${digits}`), digits).toEqual({ ok: false, code: 'bad_checksum' });
      checked++;
    }
  });

  it('Monaco numbers (000…) need the key formula but no Luhn SIREN', () => {
    const monaco = seeded(377);
    let notLuhn = 0;
    for (let i = 0; i < 200; i++) {
      const digits = `000${randomDigits(monaco, 6)}`;
      const key = String((12 + 3 * (Number(digits) % 97)) % 97).padStart(2, '0');
      expect(validate('vat', `FR${key}${digits}`)).toEqual({ valid: true, normalized: `FR${key}${digits}` });
      const wrongKey = String((Number(key) + 1) % 97).padStart(2, '0');
      expect(validate('vat', `FR${wrongKey}${digits}`)).toEqual({ valid: false, reason: REASONS.bad_checksum });
      if (!isLuhnValid(digits)) notLuhn++;
    }
    expect(notLuhn).toBeGreaterThan(100);
  });
});

describe('VAT new-style keys (letters)', () => {
  it('the key alphabet has no I and no O', () => {
    expect(VAT_KEY_ALPHABET).toHaveLength(34);
    expect(VAT_KEY_ALPHABET).not.toMatch(/[IO]/);
  });

  it('REF-2: validate agrees with the key rule for every letter-bearing key of generated SIRENs', () => {
    for (const siren of sirens.slice(0, 40)) {
      const matching = alphaKeys.filter((key) => alphaKeyMatches(key, siren));
      // one key number in 11 matches: (s + 1 + ⌊n/11⌋) mod 11 = n mod 11
      expect(matching.length, siren).toBeGreaterThan(alphaKeys.length / 11 - 5);
      expect(matching.length, siren).toBeLessThan(alphaKeys.length / 11 + 5);
      for (const key of alphaKeys) {
        const result = validate('vat', `FR${key}${siren}`);
        expect(result.valid, `${key}${siren}`).toBe(matching.includes(key));
        if (result.valid) expect(result.normalized).toBe(`FR${key}${siren}`);
      }
    }
  });

  it('accepts the published examples in any case, and refuses a near miss', () => {
    expect(validate('vat', 'K7399859412')).toEqual({ valid: true, normalized: 'FRK7399859412' });
    expect(validate('vat', 'fr k7 399 859 412')).toEqual({ valid: true, normalized: 'FRK7399859412' });
    expect(validate('vat', '4Z123456782')).toEqual({ valid: true, normalized: 'FR4Z123456782' });
    expect(validate('vat', 'K8399859412')).toEqual({ valid: false, reason: REASONS.bad_checksum });
  });

  it('REF-2: a letter key does not rescue an invalid SIREN', () => {
    // 399859412 is a valid SIREN; 399859413 is not, whatever the key
    for (const key of alphaKeys) {
      expect(validate('vat', `${key}399859413`).valid, key).toBe(false);
    }
  });

  it('I and O are refused as key characters; letters are refused in the SIREN part', () => {
    for (const key of ['IO', 'I7', '7I', 'O1', '1O']) {
      expect(validate('vat', `FR${key}334175221`)).toEqual({ valid: false, reason: REASONS.bad_characters });
    }
    expect(validate('vat', 'FR4033426504A')).toEqual({ valid: false, reason: REASONS.bad_characters });
    expect(validate('vat', 'FR40_303265045')).toEqual({ valid: false, reason: REASONS.bad_characters });
  });

  it('length: key + 9 digits after the optional FR', () => {
    expect(checkVat('FR')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkVat('FR40')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkVat('FR403032650450')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkVat('4030326504')).toEqual({ ok: false, code: 'wrong_length' });
    // Only one FR prefix is removed.
    expect(checkVat('FRFR40303265045')).toEqual({ ok: false, code: 'wrong_length' });
  });
});
