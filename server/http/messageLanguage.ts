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

/**
 * A success answer whose computed remarks (`warning`, `reason` keys: the verification checklist's
 * warnings, a number check's reason) are written "français / English": each in `lang` only,
 * at any depth. Only for answers whose such keys the server writes itself, never free text.
 */
export function remarksInLanguage<T>(answer: T, lang: Language): T {
  if (Array.isArray(answer)) return answer.map((v) => remarksInLanguage(v, lang)) as T;
  if (answer === null || typeof answer !== 'object' || answer instanceof Date) return answer;
  const entries = Object.entries(answer).map(([key, value]) => [key, typeof value === 'string' && REMARK_KEYS.has(key) ? inLanguage(value, lang) : remarksInLanguage(value, lang)]);
  return Object.fromEntries(entries) as T;
}

const REMARK_KEYS = new Set(['warning', 'reason']);
