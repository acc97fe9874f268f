/**
 * Security headers, helmet, on every response (the SPA and the API).
 *
 * The Content-Security-Policy is the one the built console runs under:
 * - `script-src 'self'`: Vite's build has no inline script (admin/index.html says so; the
 *   module-preload helper is bundled into the entry chunk), so no `'unsafe-inline'`, no eval;
 * - `style-src 'self' 'unsafe-inline'`: MUI (through Emotion) injects its styles as <style>
 *   elements at run time, and react-admin, MUI and recharts set `style="…"` attributes; both
 *   need `'unsafe-inline'` for styles. A nonce would cover Emotion's <style> elements but not
 *   style attributes, and styles cannot run code — scripts stay strict, which is what matters;
 * - `img-src`/`object-src`/`frame-src` allow `blob:`: a partner's document is previewed from
 *   its bytes as a blob: URL (images in <img>, PDFs in <object>, admin/src/verification/
 *   DocumentPreview.tsx) — a stored file itself is served with its own `sandbox` CSP;
 * - `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for older browsers): the console is
 *   never framed (clickjacking); `form-action 'self'`, `base-uri 'none'`;
 * - `upgrade-insecure-requests` and HSTS only behind TLS (TRUST_PROXY): on plain
 *   http://localhost they would break the console.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function contentSecurityPolicy(behindTls: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ['blob:'],
    'frame-src': ['blob:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'base-uri': ["'none'"],
    ...(behindTls ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export function securityHeaders(options: { trustProxy: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.trustProxy) },
    frameguard: { action: 'deny' },
    strictTransportSecurity: options.trustProxy ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    // The engine API is called by the client and partner apps, possibly cross-origin (CORS is
    // theirs to configure); CORP only concerns no-cors loads, so same-origin costs them nothing.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
