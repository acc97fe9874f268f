import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn';
import { FAILURE_CODES, isDigits, normalize } from './normalize';

describe('normalize', () => {
  it('strips spaces, dots, dashes, tabs and no-break spaces that people type', () => {
    expect(normalize('404 833 048')).toBe('404833048');
    expect(normalize('404.833.048')).toBe('404833048');
    expect(normalize('404-833-048')).toBe('404833048');
    expect(normalize('404\t833\n048\r')).toBe('404833048');
    expect(normalize('404\u00A0833\u202F048')).toBe('404833048'); // NBSP, narrow NBSP (fr-FR formatting)
    expect(normalize('404\u2013833\u2010048\u2212')).toBe('404833048'); // en dash, hyphen, minus sign
    expect(normalize('\u200B404833048\uFEFF')).toBe('404833048'); // zero-width characters from copy-paste
  });

  it('upper-cases ASCII letters only', () => {
    expect(normalize('fr14 2004 1010 0505 0001 3m02 606')).toBe('FR1420041010050500013M02606');
    // `ſ`.toUpperCase() is `S` and `ı`.toUpperCase() is `I`: look-alikes must stay as they are
    expect(normalize('ſı')).toBe('ſı');
  });

  it('keeps everything else, for the checks to refuse', () => {
    expect(normalize('12/34_5')).toBe('12/34_5');
    expect(normalize('')).toBe('');
  });

  it('isDigits accepts ASCII digits only', () => {
    expect(isDigits('0123456789')).toBe(true);
    expect(isDigits('')).toBe(false);
    expect(isDigits('１２３')).toBe(false); // full-width digits
    expect(isDigits('12a')).toBe(false);
  });

  it('failure codes are unique', () => {
    expect(new Set(FAILURE_CODES).size).toBe(FAILURE_CODES.length);
  });
});

describe('luhn', () => {
  it('REF-2: accepts numbers whose Luhn sum is a multiple of 10', () => {
    expect(isLuhnValid('404833048')).toBe(true);
    expect(isLuhnValid('79927398713')).toBe(true); // the classic example
    expect(isLuhnValid('0')).toBe(true);
  });

  it('REF-2: refuses bad sums and anything that is not ASCII digits', () => {
    expect(isLuhnValid('404833047')).toBe(false);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('40483304A')).toBe(false);
  });

  it('computes the digit to append', () => {
    expect(luhnCheckDigit('40483304')).toBe('8');
    expect(luhnCheckDigit('7992739871')).toBe('3');
    for (let n = 0; n < 1000; n++) {
      const body = String(n * 7919).padStart(8, '0');
      expect(isLuhnValid(body + luhnCheckDigit(body))).toBe(true);
    }
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
  });
});
