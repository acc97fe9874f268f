/**
 * Generated SIRENs and SIRETs (seeded, so every run checks the same numbers): a
 * computed Luhn digit makes them valid, and every single-digit change makes them invalid.
 */
import { describe, expect, it } from 'vitest';
import { REASONS, validate } from './index';
import { isLuhnValid, luhnCheckDigit } from './luhn';
import { checkSiren, isValidSiren } from './siren';
import { checkSiret, hasValidSiretChecksum, isValidSiret, LA_POSTE_HEAD_OFFICE_SIRET, LA_POSTE_SIREN } from './siret';

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

/** Every number that differs from `digits` in exactly one position. */
function singleDigitChanges(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== digits[i]) out.push(digits.slice(0, i) + d + digits.slice(i + 1));
    }
  }
  return out;
}

function generateSirens(seed: number, count: number): string[] {
  const random = seeded(seed);
  const out: string[] = [];
  while (out.length < count) {
    const body = randomDigits(random, 8);
    const siren = body + luhnCheckDigit(body);
    if (siren !== LA_POSTE_SIREN) out.push(siren);
  }
  return out;
}

describe('SIREN', () => {
  const sirens = generateSirens(2024, 300);

  it('REF-2: generated SIRENs with a computed Luhn digit are valid', () => {
    for (const siren of sirens) {
      expect(validate('siren', siren), siren).toEqual({ valid: true, normalized: siren });
      const spaced = `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`;
      expect(validate('siren', spaced), spaced).toEqual({ valid: true, normalized: siren });
    }
  });

  it('REF-2: every single-digit change of a valid SIREN is invalid', () => {
    for (const siren of sirens) {
      for (const changed of singleDigitChanges(siren)) {
        expect(validate('siren', changed), changed).toEqual({ valid: false, reason: REASONS.bad_checksum });
      }
    }
  });

  it('REF-2: a SIREN has exactly 9 digits', () => {
    expect(checkSiren('40483304')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkSiren('4048330480')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkSiren('40483304X')).toEqual({ ok: false, code: 'bad_characters' });
    expect(checkSiren(' . ')).toEqual({ ok: false, code: 'empty' });
    expect(isValidSiren('404.833.048')).toBe(true);
  });
});

describe('SIRET', () => {
  const random = seeded(1789);
  const sirets = generateSirens(1790, 200).map((siren) => {
    const body = siren + randomDigits(random, 4);
    return body + luhnCheckDigit(body);
  });

  it('REF-2: generated SIRETs (valid SIREN + NIC with a computed Luhn digit) are valid', () => {
    for (const siret of sirets) {
      expect(validate('siret', siret), siret).toEqual({ valid: true, normalized: siret });
    }
  });

  it('REF-2: every single-digit change of a valid SIRET is invalid', () => {
    for (const siret of sirets) {
      for (const changed of singleDigitChanges(siret)) {
        expect(validate('siret', changed), changed).toEqual({ valid: false, reason: REASONS.bad_checksum });
      }
    }
  });

  it('REF-2: a SIRET whose 14 digits pass Luhn but whose SIREN does not is invalid', () => {
    let checked = 0;
    for (let n = 0; checked < 100; n++) {
      const siren = String(100000000 + n * 7777);
      if (isLuhnValid(siren)) continue;
      const body = `${siren}0001`;
      const siret = body + luhnCheckDigit(body);
      expect(isLuhnValid(siret)).toBe(true);
      expect(checkSiret(siret), siret).toEqual({ ok: false, code: 'bad_checksum' });
      checked++;
    }
  });

  it('REF-2: a SIRET has exactly 14 digits', () => {
    expect(checkSiret('7328293200007')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkSiret('732829320000740')).toEqual({ ok: false, code: 'wrong_length' });
    expect(checkSiret('7328293200007A')).toEqual({ ok: false, code: 'bad_characters' });
    expect(isValidSiret('732 829 320 00074')).toBe(true);
  });
});

describe('SIRET of La Poste (SIREN 356 000 000)', () => {
  const random = seeded(356);
  /** La Poste establishments: the sum of the 14 digits is a multiple of 5 (no Luhn). */
  const laPoste: string[] = [];
  while (laPoste.length < 200) {
    const body = LA_POSTE_SIREN + randomDigits(random, 4);
    const sum = [...body].reduce((s, d) => s + Number(d), 0);
    const last = String((5 - (sum % 5)) % 5 + (random() < 0.5 ? 5 : 0));
    laPoste.push(body + last);
  }

  it('REF-2: the SIREN 356000000 itself is a valid (Luhn) SIREN', () => {
    expect(isValidSiren(LA_POSTE_SIREN)).toBe(true);
  });

  it('REF-2: establishments whose digit sum is a multiple of 5 are valid, Luhn or not', () => {
    let notLuhn = 0;
    for (const siret of laPoste) {
      expect(validate('siret', siret), siret).toEqual({ valid: true, normalized: siret });
      if (!isLuhnValid(siret)) notLuhn++;
    }
    expect(notLuhn).toBeGreaterThan(100);
  });

  it('REF-2: a change of the establishment digits is invalid unless it moves the sum by ±5', () => {
    for (const siret of laPoste.slice(0, 50)) {
      for (let i = 9; i < 14; i++) {
        for (let d = 0; d <= 9; d++) {
          const delta = d - Number(siret[i]);
          if (delta === 0) continue;
          const changed = siret.slice(0, i) + d + siret.slice(i + 1);
          if (changed === LA_POSTE_HEAD_OFFICE_SIRET) continue; // head office: Luhn
          // The sum rule cannot see a ±5 change: faithful to the rule (and to python-stdnum).
          expect(isValidSiret(changed), changed).toBe(Math.abs(delta) === 5);
        }
      }
    }
  });

  it('REF-2: a change of the SIREN digits is invalid', () => {
    for (const siret of laPoste.slice(0, 50)) {
      for (const changed of singleDigitChanges(siret).filter((c) => !c.startsWith(LA_POSTE_SIREN))) {
        expect(isValidSiret(changed), changed).toBe(false);
      }
    }
  });

  it('REF-2: the head office 356 000 000 00048 follows Luhn, not the sum rule', () => {
    expect(isValidSiret(LA_POSTE_HEAD_OFFICE_SIRET)).toBe(true);
    expect(isLuhnValid(LA_POSTE_HEAD_OFFICE_SIRET)).toBe(true);
    expect(hasValidSiretChecksum('35600000049837')).toBe(true);
    expect(hasValidSiretChecksum('35600000049838')).toBe(false);
    // Its digit sum is 26: the sum rule alone would refuse it.
    expect([...LA_POSTE_HEAD_OFFICE_SIRET].reduce((s, d) => s + Number(d), 0) % 5).not.toBe(0);
    // Any other La Poste NIC goes through the sum rule: 356 000 000 00015 sums to 20 and fails Luhn.
    expect(isLuhnValid('35600000000015')).toBe(false);
    expect(isValidSiret('35600000000015')).toBe(true);
  });
});
