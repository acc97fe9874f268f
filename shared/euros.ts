/**
 * Money as people read and type it, the one place it is written: amounts travel in integer
 * cents (CONTRACT.md) and are shown in French euros — `1 234,50 €` with no-break spaces,
 * whatever the interface language, as on the invoices and the intervention sheets.
 */

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Intl separates groups with U+202F in recent ICU data; PDFs' standard fonts and Excel want U+00A0. */
const NARROW_SPACES = /[\u2007\u202f]/g;

/** Integer cents → euros as a number (1250 → 12.5), for fields that format it themselves. */
export function centsToEuros(cents: number): number {
  return cents / 100;
}

/** Integer cents → `1 234,50 €`. */
export function formatEuros(cents: number): string {
  return EUROS.format(centsToEuros(cents)).replace(NARROW_SPACES, '\u00a0');
}

/** Euros typed with a comma or a dot (`12,50`, `12.5`, `1 200`) → integer cents; empty → undefined; anything else → NaN. */
export function eurosToCents(text: string): number | undefined {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return NaN;
  return Math.round(Number(t) * 100);
}
