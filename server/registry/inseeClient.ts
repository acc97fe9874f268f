/**
 * The real client for INSEE's API Sirene 3.11 (rule REF-2):
 * `GET {base}/siren/{siren}` with the integration key in `X-INSEE-Api-Key-Integration`.
 *
 * Reads, from the unit and its current period (`dateFin: null`): the name (denomination
 * of a company, or usage/birth name + usual first name of a sole trader), the active state
 * (`etatAdministratifUniteLegale`: A active, C ceased), the NAF code
 * (`activitePrincipaleUniteLegale`), the legal category and the diffusion status
 * (`statutDiffusionUniteLegale`: O, or P — partially disclosed, personal fields "[ND]").
 *
 * Failures: 404 → null (unknown SIREN); 401/403 → RegistryError; 429 → waits as long as
 * `Retry-After` says (bounded) and retries, then `rate_limited`; 5xx and network errors
 * → one retry with back-off, then `unavailable`; no answer within `timeoutMs` → `timeout`.
 */
import type { RegistryCompany } from '../../shared/verification/requirements';
import { RegistryError, type LookupOptions, type Registry } from './types';

export const INSEE_BASE_URL = 'https://api.insee.fr/api-sirene/3.11';
export const INSEE_KEY_HEADER = 'X-INSEE-Api-Key-Integration';

export interface InseeClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
  /** Retries after a 429 (default 2). */
  maxRateLimitRetries?: number;
  /** A longer Retry-After is not waited for: the lookup fails at once with rate_limited (default 10 s). */
  maxRetryAfterMs?: number;
  /** Back-off before retrying a 5xx / network failure, and after a 429 without Retry-After (default 500 ms, doubled). */
  backoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** INSEE's JSON, as far as we read it. */
interface InseePeriod {
  dateFin?: string | null;
  etatAdministratifUniteLegale?: string | null;
  nomUniteLegale?: string | null;
  nomUsageUniteLegale?: string | null;
  denominationUniteLegale?: string | null;
  denominationUsuelle1UniteLegale?: string | null;
  categorieJuridiqueUniteLegale?: string | null;
  activitePrincipaleUniteLegale?: string | null;
}
interface InseeUnit {
  siren?: string;
  statutDiffusionUniteLegale?: string | null;
  prenomUsuelUniteLegale?: string | null;
  prenom1UniteLegale?: string | null;
  periodesUniteLegale?: InseePeriod[];
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** "[ND]" (non diffusé), empty strings and nulls are all "not known". */
function shown(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  return v === '' || v === '[ND]' ? null : v;
}

/** Turns INSEE's `uniteLegale` into the registry's company (exported for the tests). */
export function parseUniteLegale(unit: InseeUnit, siren: string): RegistryCompany {
  const periods = Array.isArray(unit.periodesUniteLegale) ? unit.periodesUniteLegale : [];
  const current = periods.find((p) => p.dateFin === null || p.dateFin === undefined) ?? periods[0];
  if (!current) throw new RegistryError('unavailable', 'INSEE: unité légale sans période. / Unexpected registry answer.');
  const denomination = shown(current.denominationUniteLegale) ?? shown(current.denominationUsuelle1UniteLegale);
  const lastName = shown(current.nomUsageUniteLegale) ?? shown(current.nomUniteLegale);
  const firstName = shown(unit.prenomUsuelUniteLegale) ?? shown(unit.prenom1UniteLegale);
  const personName = [lastName, firstName].filter(Boolean).join(' ');
  return {
    siren: unit.siren ?? siren,
    name: denomination ?? (personName || null),
    active: current.etatAdministratifUniteLegale === 'A',
    nafCode: shown(current.activitePrincipaleUniteLegale),
    legalCategory: shown(current.categorieJuridiqueUniteLegale),
    diffusion: unit.statutDiffusionUniteLegale === 'P' ? 'P' : 'O',
  };
}

/** Retry-After: delay-seconds or an HTTP date. */
function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createInseeClient(options: InseeClientOptions): Registry {
  const baseUrl = (options.baseUrl ?? INSEE_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 2;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const backoffMs = options.backoffMs ?? 500;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const sleep = options.sleep ?? defaultSleep;

  /** Back-off that the caller's signal can cut short (a timeout, like any other abort). */
  async function pause(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw new RegistryError('timeout', 'Recherche INSEE interrompue. / Registry lookup aborted.');
    }
  }

  async function attempt(siren: string, signal: AbortSignal): Promise<Response> {
    return doFetch(`${baseUrl}/siren/${encodeURIComponent(siren)}`, {
      method: 'GET',
      headers: { Accept: 'application/json', [INSEE_KEY_HEADER]: options.apiKey },
      signal,
    });
  }

  return {
    mode: 'insee',
    async lookup(siren: string, lookupOptions: LookupOptions = {}): Promise<RegistryCompany | null> {
      if (!/^\d{9}$/.test(siren)) throw new TypeError(`not a SIREN: ${siren}`);
      let rateLimited = 0;
      let failures = 0;
      for (;;) {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = lookupOptions.signal ? AbortSignal.any([lookupOptions.signal, timeout]) : timeout;
        let res: Response;
        let body: unknown;
        try {
          res = await attempt(siren, signal);
          // The body is read under the same deadline.
          body = res.status === 200 ? await res.json() : await res.text().catch(() => '');
        } catch (err) {
          if (signal.aborted) throw new RegistryError('timeout', `INSEE n’a pas répondu dans les ${timeoutMs} ms. / The registry did not answer in time.`);
          if (err instanceof SyntaxError) throw new RegistryError('unavailable', 'Réponse INSEE illisible. / Unreadable registry answer.');
          if (++failures > 1) throw new RegistryError('unavailable', `INSEE injoignable (${(err as Error).message}). / Registry unreachable.`);
          await pause(backoffMs, lookupOptions.signal);
          continue;
        }
        switch (res.status) {
          case 200: {
            const unit = (body as { uniteLegale?: InseeUnit } | null)?.uniteLegale;
            if (!unit || typeof unit !== 'object') throw new RegistryError('unavailable', 'Réponse INSEE inattendue. / Unexpected registry answer.');
            return parseUniteLegale(unit, siren);
          }
          case 404:
            return null;
          case 401:
            throw new RegistryError('unauthorized', 'Clé d’API INSEE refusée (INSEE_API_KEY). / The INSEE API key was refused.');
          case 403:
            throw new RegistryError('forbidden', 'INSEE refuse l’accès à cette unité (non diffusible) ou à l’API. / The registry refused access.');
          case 429: {
            const wait = retryAfterMs(res.headers.get('retry-after'));
            const waitMs = wait ?? backoffMs * 2 ** rateLimited;
            if (rateLimited >= maxRateLimitRetries || waitMs > maxRetryAfterMs) {
              throw new RegistryError(
                'rate_limited',
                'Trop de requêtes vers INSEE : réessayez dans un instant. / Registry rate limit reached.',
                Math.ceil(waitMs / 1000),
              );
            }
            rateLimited++;
            await pause(waitMs, lookupOptions.signal);
            continue;
          }
          default:
            if (res.status >= 500 && ++failures <= 1) {
              await pause(backoffMs, lookupOptions.signal);
              continue;
            }
            throw new RegistryError('unavailable', `INSEE a répondu ${res.status}. / Registry error ${res.status}.`);
        }
      }
    },
  };
}
