/** The display forms of SIREN and SIRET (REF-2 numbers as staff read them on the phone). */
import { describe, expect, it } from 'vitest';
import { formatSiren, formatSiret } from './index';

describe('formatSiren', () => {
  it.each([
    ['732829320', '732 829 320'],
    ['732 829 320', '732 829 320'],
    ['732.829.320', '732 829 320'],
    ['73282932', '73282932'], // 8 digits: not a SIREN, left as typed
    ['•••••••••', '•••••••••'],
    ['', ''],
  ])('%j → %j', (input, shown) => {
    expect(formatSiren(input)).toBe(shown);
  });
});

describe('formatSiret', () => {
  it.each([
    ['73282932000074', '732 829 320 00074'],
    ['732 829 320 00074', '732 829 320 00074'],
    ['7328293200007', '7328293200007'],
    ['7328293200007A', '7328293200007A'],
  ])('%j → %j', (input, shown) => {
    expect(formatSiret(input)).toBe(shown);
  });
});
