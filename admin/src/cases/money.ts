/** Refund amounts: typed in euros (`12,50` or `12.50`), sent in integer cents, shown fr-FR. */
import { DISPLAY_LOCALE, centsToEuros } from '../common/format';

/** Euros typed with a comma or a dot → integer cents; empty → undefined; anything else → NaN. */
export function eurosToCents(text: string): number | undefined {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return NaN;
  return Math.round(Number(t) * 100);
}

const EUROS = new Intl.NumberFormat(DISPLAY_LOCALE, { style: 'currency', currency: 'EUR' });

/** Integer cents → `12,50 €` (fr-FR whatever the interface language; no-break spaces). */
export function formatEuros(cents: number): string {
  return EUROS.format(centsToEuros(cents)).replace(/\u202f/g, '\u00a0');
}
