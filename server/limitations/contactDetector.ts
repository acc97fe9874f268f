/**
 * rule CON-1: a pure detector of contact details and rates in a chat message (partners must
 * not share their rates or personal contact details with clients). Returns what it found,
 * by kind; innocent texts (times "à 14h30", dates, order references) do not match.
 */
export type ContactKind = 'phone' | 'email' | 'iban' | 'url' | 'price';

export interface ContactMatch {
  kind: ContactKind;
  text: string;
}

const PATTERNS: ReadonlyArray<readonly [ContactKind, RegExp]> = [
  // IBAN first (its digits would otherwise look like a phone number): FR76 3000 6000 …
  ['iban', /\b[A-Z]{2}\d{2}(?:[ .-]?[A-Z0-9]{4}){2,7}(?:[ .-]?[A-Z0-9]{1,3})?\b/gi],
  ['email', /[A-Z0-9._%+-]+\s?(?:@|\(at\)|\[at\])\s?[A-Z0-9.-]+\.[A-Z]{2,}/gi],
  // French numbers: 06 12 34 56 78, 06.12.34.56.78, 06-12-34-56-78, 0612345678, +33 6 12 34 56 78, 0033 6…, +33 (0)6…
  ['phone', /(?<![\w+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/g],
  ['url', /\b(?:https?:\/\/|www\.)[^\s]+|\b[a-z0-9-]+\.(?:fr|com|net|org|io|eu|me|info|biz)(?:\/[^\s]*)?\b/gi],
  // Prices: "30 €", "30€", "€30", "30 euros", "30 eur", "30,50 €" — but not "14h30".
  ['price', /(?:€\s?\d+(?:[.,]\d{1,2})?|(?<![\w,.])\d+(?:[.,]\d{1,2})?\s?(?:€|euros?\b|eur\b))/gi],
  // "30e" is a price unless it reads as an ordinal: one digit ("3e étage"), after an article
  // ("dans le 15e") or before the nouns ordinals go with ("20e arrondissement").
  ['price', /(?<!\b(?:le|la|les|du|au|aux|un|une)\s)(?<![\w,.])\d{2,}(?:[.,]\d{1,2})?\s?e\b(?!\s*(?:étage|etage|arr|fois|anniversaire|siècle|siecle|rang|place|édition|edition|jour|semaine|mois|année|annee|minute|heure|séance|seance))/gi],
];

export function detectContactDetails(text: string): ContactMatch[] {
  const found: ContactMatch[] = [];
  let rest = text;
  for (const [kind, re] of PATTERNS) {
    rest = rest.replace(re, (m) => {
      found.push({ kind, text: m.trim() });
      return ' '.repeat(m.length);
    });
  }
  return found;
}

export function sharesContactDetails(text: string): boolean {
  return detectContactDetails(text).length > 0;
}
