import { describe, expect, it } from 'vitest';
import { inLanguage } from './messageLanguage';

describe('one language per message (CONTRACT.md "HTTP")', () => {
  it.each([
    ['Veuillez vous connecter. / Please sign in.', 'fr', 'Veuillez vous connecter.'],
    ['Veuillez vous connecter. / Please sign in.', 'en', 'Please sign in.'],
    ['Renseignez d’abord : SIREN, date. / Record these facts first.', 'en', 'Record these facts first.'],
    ['Trop de tentatives : réessayez à 14:02.', 'en', 'Trop de tentatives : réessayez à 14:02.'],
    ['Say who cancels.', 'fr', 'Say who cancels.'],
  ] as const)('when %j is sent in %s, then %j', (message, lang, expected) => {
    expect(inLanguage(message, lang)).toBe(expected);
  });
});
