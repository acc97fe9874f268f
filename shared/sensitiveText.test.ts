/** Sensitive numbers inside free text (CONTRACT.md "the same numbers inside free text"): found, cut and masked. */
import { describe, expect, it } from 'vitest';
import { findSensitiveNumbers, maskCardNumber, maskIbanText, maskPhone, maskSensitiveText, type TextNumberKind } from './sensitiveText';

const ALL = new Set<TextNumberKind>(['iban', 'cardNumber', 'phone']);
const IBAN = 'FR7630006000011234567890189';
const GROUPED = 'FR76 3000 6000 0112 3456 7890 189';
// A Luhn-valid test card number (Visa's documented test PAN).
const CARD = '4242 4242 4242 4242';

describe('finding sensitive numbers in text', () => {
  it('when an IBAN is written compact, grouped or in lower case, then it is found whole', () => {
    for (const iban of [IBAN, GROUPED, GROUPED.toLowerCase()]) {
      const found = findSensitiveNumbers(`Mon RIB : ${iban}.`);
      expect(found.map((f) => [f.kind, f.text])).toEqual([['iban', iban]]);
    }
  });

  it('when a grouped IBAN is followed by words, then the match stops at the country’s length (the words stay)', () => {
    expect(maskSensitiveText(`Virez sur ${GROUPED} merci beaucoup`, ALL)).toBe('Virez sur FR76 •••• 0189 merci beaucoup');
  });

  it('when letters and digits look like an IBAN but the country is unknown, then nothing is found', () => {
    expect(findSensitiveNumbers('Référence ZZ12ABCDEFGHIJKL')).toEqual([]);
  });

  it('when a card number passes Luhn, then it is found; when it does not, it is left', () => {
    expect(findSensitiveNumbers(`carte ${CARD} exp 12/29`).map((f) => f.kind)).toEqual(['cardNumber']);
    expect(findSensitiveNumbers('carte 4242 4242 4242 4241').map((f) => f.kind)).toEqual([]);
  });

  it('when a SIRET (14 digits, Luhn-valid) or a SIREN is written, then it is no card number (public identifiers)', () => {
    expect(findSensitiveNumbers('SIRET 732 829 320 00074, SIREN 732829320')).toEqual([]);
  });

  it('when a French phone number is written in any usual form, then it is found', () => {
    for (const phone of ['06 12 34 56 78', '0612345678', '06.12.34.56.78', '+33 6 12 34 56 78', '+33612345678', '0033 6 12 34 56 78']) {
      expect(findSensitiveNumbers(`Rappelez-moi au ${phone} svp`).map((f) => [f.kind, f.text]), phone).toEqual([['phone', phone]]);
    }
  });

  it('when an IBAN holds digits that would read as a card or a phone number, then only the IBAN is found', () => {
    expect(findSensitiveNumbers(GROUPED).map((f) => f.kind)).toEqual(['iban']);
  });

  it('when dates, amounts and references are written, then nothing is found', () => {
    expect(findSensitiveNumbers('Le 2026-11-20 à 10:00, commande C-000123, 45,50 €, dossier M000275')).toEqual([]);
  });
});

describe('masking', () => {
  it('when each kind is masked, then IBAN keeps country, check digits and last four, a card its last four, a phone its last two', () => {
    expect(maskIbanText(GROUPED)).toBe('FR76 •••• 0189');
    expect(maskCardNumber(CARD)).toBe('•••• 4242');
    expect(maskPhone('06 12 34 56 78')).toBe('•• •• •• •• 78');
  });

  it('when only some kinds are hidden, then only those are masked and the rest of the text is untouched', () => {
    const text = `IBAN ${IBAN}, carte ${CARD}, tél. 06 12 34 56 78.`;
    expect(maskSensitiveText(text, ALL)).toBe('IBAN FR76 •••• 0189, carte •••• 4242, tél. •• •• •• •• 78.');
    expect(maskSensitiveText(text, new Set(['cardNumber']))).toBe(`IBAN ${IBAN}, carte •••• 4242, tél. 06 12 34 56 78.`);
    expect(maskSensitiveText(text, new Set())).toBe(text);
  });
});
