/**
 * French first, English second (ARCHITECTURE.md "The SPA"). Both catalogues are small
 * next to react-admin itself, so both ship in the main bundle: switching language
 * never waits for the network.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type I18nProvider, type TranslationMessages } from 'react-admin';
import { fr } from '../../../shared/i18n/fr';
import { en } from '../../../shared/i18n/en';
import { setRequestLocale } from './requestLocale';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export const messages: Record<Locale, TranslationMessages> = {
  fr: mergeTranslations(frenchMessages, fr),
  en: mergeTranslations(englishMessages, en),
};

export function createI18nProvider(initialLocale: Locale = DEFAULT_LOCALE): I18nProvider {
  setRequestLocale(initialLocale);
  const provider = polyglotI18nProvider(
    (locale) => messages[(LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : DEFAULT_LOCALE],
    initialLocale,
    [
      { locale: 'fr', name: 'Français' },
      { locale: 'en', name: 'English' },
    ],
  );
  return {
    ...provider,
    // The server's sentences follow the screen's language (requestLocale.ts).
    changeLocale: async (locale, options) => {
      await provider.changeLocale(locale, options);
      setRequestLocale(locale);
    },
  };
}

export const i18nProvider = createI18nProvider();
