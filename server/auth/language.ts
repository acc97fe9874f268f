/**
 * The one language of a message (CONTRACT.md "HTTP" → Errors): the request's
 * `Accept-Language`, French by default, English when the client prefers it.
 */
import type { Request } from 'express';

export type Language = 'fr' | 'en';

export function requestLanguage(req: Request): Language {
  // Express negotiates by quality then by our order: no header, `*` or a language we do not
  // speak gives French; `en`, `en-GB`… preferred over French gives English.
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
}
