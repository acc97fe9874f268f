/**
 * The pure parts of the sheets: text made safe for the standard fonts, French money, line
 * wrapping that never exceeds its width, and the sheet's wording (SHEET-1, CON-1) with
 * dates and times in the Paris calendar.
 */
import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../shared/euros';
import { formatSiren, isPdfSafe, pdfSafe } from '../pdf/safeText';
import { A4, columns, inset, mm, rows } from '../pdf/units';
import { ELLIPSIS, wrapText } from '../pdf/wrap';
import { COMPANIES } from '../sheets/companies';
import { parseDayFilter } from '../sheets/routes';
import { parisDayBounds } from '../../shared/calendar/paris';
import { formatDuration, sheetText, type SheetOrder } from '../sheets/sheetText';
import { AppError } from '../http/errors';

const order: SheetOrder = {
  id: 7,
  reference: 'R0000007',
  status: 'accepted',
  startsAt: '2026-07-14T08:00:00.000Z',
  endsAt: '2026-07-14T10:00:00.000Z',
  priceCents: 5600,
  address: '3 rue des Lilas',
  postcode: '69003',
  city: 'Lyon',
  immediateAdvance: true,
  service: { code: 'cleaning', name: 'Ménage à domicile (2 h)', vertical: 'care', durationMin: 120 },
  client: { reference: 'C000021', firstName: 'Jeanne', lastName: 'Moreau', deleted: false },
  partner: { reference: 'P-000011', firstName: 'Élodie', lastName: 'Durand', siren: '732829320' },
};

describe('text for standard-font PDFs', () => {
  it('when text carries control characters, bidi controls or invisible characters, then they are removed', () => {
    expect(pdfSafe('A\u0000B\u0007C\u001bD\u007fE\u0085F')).toBe('ABCDEF');
    expect(pdfSafe('\u202eevil\u202c \u200fname\u200e \u2066x\u2069 \u061cy\ufeff z\u200b')).toBe('evil name x y z');
    expect(pdfSafe('soft\u00adhyphen')).toBe('softhyphen');
  });

  it('when text has line breaks and tabs, then single-line text gets spaces and multi-line text keeps the breaks', () => {
    expect(pdfSafe('a\r\nb\tc\n\nd')).toBe('a b c d');
    expect(pdfSafe('a\r\nb\n\n\n\nc', { multiline: true })).toBe('a\nb\n\nc');
  });

  it('when text has French characters, €, typographic apostrophes and no-break spaces, then they are kept as they are', () => {
    const french = 'Œuvre « déjà » l’été, ça coûte 12\u00a0€ — naïve Ÿ…';
    expect(pdfSafe(french)).toBe(french);
    expect(isPdfSafe(french)).toBe(true);
  });

  it('when text has a narrow no-break space (Intl’s fr-FR separator), then it becomes U+00A0', () => {
    expect(pdfSafe('1\u202f234,50\u00a0€')).toBe('1\u00a0234,50\u00a0€');
  });

  it('when a letter is not in WinAnsi, then it is transliterated, and what cannot be becomes "?"', () => {
    expect(pdfSafe('Łukasz Ștefan Nguyễn Đặng ı')).toBe('Lukasz Stefan Nguyen Dang i');
    expect(pdfSafe('李 محمد 😀')).toBe('? ???? ?');
    expect(isPdfSafe(pdfSafe('any 文字 ✂ text'))).toBe(true);
  });

  it('when text is huge, then it is cut to the maximum length with an ellipsis', () => {
    const s = pdfSafe('x'.repeat(1_000_000), { maxLength: 100 });
    expect([...s]).toHaveLength(100);
    expect(s.endsWith(ELLIPSIS)).toBe(true);
  });

  it('when cents are formatted, then it is French euros with U+00A0 and never U+202F', () => {
    expect(formatEuros(4500)).toBe('45,00\u00a0€');
    expect(formatEuros(123456789)).toBe('1\u00a0234\u00a0567,89\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(123456789)).not.toContain('\u202f');
  });

  it('when a SIREN is formatted, then it is grouped by three', () => {
    expect(formatSiren('732829320')).toBe('732\u00a0829\u00a0320');
    expect(formatSiren('123')).toBe('123');
    expect(formatSiren(null)).toBe('');
  });
});

describe('line wrapping', () => {
  // A monospace measure: 1 unit per character.
  const measure = (s: string) => [...s].length;

  it('when text is wrapped, then no line is wider than the width', () => {
    const text = 'Le client a demandé une coupe courte et un brushing, avec un soin pour cheveux secs.';
    const { lines, truncated } = wrapText(text, 20, measure);
    expect(truncated).toBe(false);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(text);
  });

  it('when a word is longer than the width, then it is broken between characters', () => {
    const { lines } = wrapText('ab Wolfeschlegelsteinhausenberger cd', 10, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(10);
    expect(lines.join('')).toBe('abWolfeschlegelsteinhausenbergercd');
  });

  it('when text needs more lines than allowed, then the last line is filled and ends with an ellipsis', () => {
    const { lines, truncated } = wrapText('un deux trois quatre cinq six sept huit neuf dix', 12, measure, 2);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith(ELLIPSIS)).toBe(true);
    expect(measure(lines[1])).toBeLessThanOrEqual(12);
    expect(lines).toEqual(['un deux', 'trois quatr…']);
  });

  it('when paragraphs are given, then each starts a new line; an empty text is one empty line', () => {
    expect(wrapText('a b\nc', 10, measure).lines).toEqual(['a b', 'c']);
    expect(wrapText('', 10, measure).lines).toEqual(['']);
    expect(wrapText('a\nb\nc', 10, measure, 2)).toEqual({ lines: ['a', 'b c…'], truncated: true });
  });

  it('when boxes are split in mm, then columns and rows share the space and A4 is 210 × 297 mm', () => {
    const [a, b] = columns({ x: 10, y: 0, w: 100, h: 10 }, 2, 10);
    expect(a).toEqual({ x: 10, y: 0, w: 45, h: 10 });
    expect(b).toEqual({ x: 65, y: 0, w: 45, h: 10 });
    expect(rows({ x: 0, y: 0, w: 10, h: 100 }, [20, 0, 30], 5).map((r) => r.h)).toEqual([20, 40, 30]);
    expect(inset({ x: 0, y: 0, w: 10, h: 10 }, 2)).toEqual({ x: 2, y: 2, w: 6, h: 6 });
    expect(mm(A4.width)).toBeCloseTo(595.28, 1);
    expect(mm(A4.height)).toBeCloseTo(841.89, 1);
  });
});

describe('the sheet’s text (SHEET-1)', () => {
  const t = sheetText(order, new Date('2026-07-01T10:00:00Z'));

  it('when a sheet is written, then the date and times are the Paris wall clock (summer time here)', () => {
    expect(t.employer.intervention.fields).toEqual([
      { label: 'Date', value: 'Mardi 14 juillet 2026' },
      { label: 'Horaire', value: '10:00 – 12:00' },
      { label: 'Durée', value: '2\u00a0h' },
    ]);
    expect(t.coupon.date.value).toBe('Mardi 14 juillet 2026, 10:00 – 12:00');
    expect(t.issued).toBe('Fiche éditée le 01/07/2026');
  });

  it('when the order is Care with the immediate advance, then the Care company and the URSSAF advance are printed', () => {
    expect(t.company.name).toBe('Care à domicile');
    expect(t.company.legal).toContain('Care à domicile SAS');
    expect(t.company.legal).toContain(COMPANIES.care.sapDeclaration);
    expect(t.employer.intervention.service.value).toContain('avance immédiate de crédit d’impôt');
    expect(t.employer.intervention.price.value).toBe('56,00\u00a0€');
  });

  it('when the provider is shown, then it is by name, partner reference and SIREN, with the platform as contact (CON-1)', () => {
    expect(t.employer.provider.fields).toEqual([
      { label: 'Nom', value: 'Élodie Durand' },
      { label: 'Référence partenaire', value: 'P-000011' },
      { label: 'SIREN', value: '732\u00a0829\u00a0320' },
      { label: 'Contact', value: `via Care à domicile, ${COMPANIES.care.phone.replace(/ /g, '\u00a0')}` },
    ]);
  });

  it('when the coupon is written, then it has the request number, the date, the type of service and two signature spaces', () => {
    expect(t.coupon.requestNumber.value).toBe('R0000007');
    expect(t.coupon.service.value).toBe('Ménage à domicile (2 h)');
    expect(t.coupon.signatures.map((s) => s.label)).toEqual(['Signature du client', 'Signature de l’intervenant']);
    expect(t.employer.signatures.map((s) => s.label)).toEqual(['Signature du client', 'Signature de l’intervenant']);
  });

  it('when the request is pending or cancelled, then the sheet carries a note; when accepted, none', () => {
    expect(sheetText({ ...order, status: 'dispatching', partner: null }, new Date()).employer.statusNote).toContain('en attente');
    expect(sheetText({ ...order, status: 'dispatching', partner: null }, new Date()).employer.provider.fields[0].value).toBe('À attribuer');
    expect(sheetText({ ...order, status: 'cancelled_by_client' }, new Date()).employer.statusNote).toContain('annulée');
    expect(t.employer.statusNote).toBeNull();
  });

  it('when durations are written, then minutes and hours read the French way', () => {
    expect(formatDuration(45)).toBe('45\u00a0min');
    expect(formatDuration(60)).toBe('1\u00a0h');
    expect(formatDuration(150)).toBe('2\u00a0h\u00a030');
  });
});

describe('a day in the Paris calendar', () => {
  it('when a day is a DST change, then its bounds are 23 or 25 hours apart', () => {
    const spring = parisDayBounds('2026-03-29');
    expect({ start: spring.start.toISOString(), end: spring.end.toISOString() }).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    const autumn = parisDayBounds('2026-10-25');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it('when the query is parsed, then a valid date passes and anything else is a 400', () => {
    expect(parseDayFilter({ date: '2026-11-21', partnerId: '12', city: ' Lyon ', serviceCode: 'haircut' })).toEqual({ date: '2026-11-21', partnerId: 12, city: 'Lyon', serviceCode: 'haircut' });
    expect(parseDayFilter({ date: '2026-11-21', city: '' })).toEqual({ date: '2026-11-21' });
    for (const bad of [{}, { date: '21/11/2026' }, { date: '2026-02-29' }, { date: '2026-11-21', x: '1' }, { date: ['2026-11-21'] }]) {
      expect(() => parseDayFilter(bad)).toThrow(AppError);
    }
  });
});
