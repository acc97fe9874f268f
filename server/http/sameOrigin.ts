/**
 * Cross-site request forgery defence on every state-changing request
 * (../shared/CONTRACT.md "Auth"): a browser always sends `Origin` (or at least
 * `Sec-Fetch-Site`) on POST/PUT/DELETE, so a request that a browser sent from
 * another site is refused; a script that sends neither works with its cookie or
 * token alone. The `SameSite=Lax` cookie is the second layer.
 */
import type { RequestHandler } from 'express';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginGuard(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/$/, '')));
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const fetchSite = req.get('sec-fetch-site');
    if (origin !== undefined) {
      const own = `${req.protocol}://${req.get('host')}`;
      if (origin === own || allowed.has(origin)) return next();
      return next(refused());
    }
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return next(refused());
    next();
  };
}

function refused(): AppError {
  return new AppError(
    'forbidden',
    'Requête refusée : elle ne vient pas de la console. / Cross-site request refused.',
    403,
    { reason: 'cross_site' },
  );
}
