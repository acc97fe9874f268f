/**
 * One language per message (CONTRACT.md "HTTP" → Errors). Many refusals are still written as
 * one string, French then English, `« Phrase française. / English sentence. »`; the error
 * handler sends only the request's half. A message written in one language (a per-language
 * catalogue, as in server/auth/signInMessages.ts) has no separator and passes unchanged.
 */
import type { Language } from '../auth/language';

const SEPARATOR = ' / ';

export function inLanguage(message: string, lang: Language): string {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + SEPARATOR.length) : message.slice(0, at);
}
