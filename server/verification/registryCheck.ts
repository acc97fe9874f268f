/**
 * The registry as the workspace uses it (REF-2, VER-3): a fresh lookup when the agent
 * asks, otherwise the cached answer (kept a week), so that lists and checklists never
 * wait on INSEE more than once per SIREN and week.
 */
import type { Knex } from 'knex';
import type { RegistryCompany, RegistryState } from '../../shared/verification/requirements';
import { validate } from '../../shared/validators';
import { AppError } from '../http/errors';
import { RegistryError, type Registry } from '../registry/types';
import { loadRegistryCache, saveRegistryLookup } from './repository';

/** *(assumed)* A registry answer older than this is fetched again when a checklist is opened. */
export const REGISTRY_MAX_AGE_MS = 7 * 86_400_000;
/** The most a checklist waits on the registry. */
export const REGISTRY_CHECKLIST_TIMEOUT_MS = 4000;

/**
 * The registry state for a SIREN: the cached answer when fresh enough, else a lookup
 * (stored). A failed lookup falls back on a stale cached answer, or reports the error.
 */
export async function registryStateFor(
  db: Knex,
  registry: Registry,
  siren: string | null,
  now: Date,
  options: { refresh?: boolean; cacheOnly?: boolean } = {},
): Promise<RegistryState | null> {
  const v = siren ? validate('siren', siren) : null;
  if (!v?.valid) return null;
  const cached = (await loadRegistryCache(db, [v.normalized])).get(v.normalized) ?? null;
  if (options.cacheOnly) return cached;
  const fresh = cached && cached.status !== 'error' && now.getTime() - Date.parse(cached.checkedAt) < REGISTRY_MAX_AGE_MS;
  if (fresh && !options.refresh) return cached;
  try {
    const company = await registry.lookup(v.normalized, { signal: AbortSignal.timeout(REGISTRY_CHECKLIST_TIMEOUT_MS) });
    await saveRegistryLookup(db, v.normalized, company, registry.mode, now);
    return company ? { status: 'found', company, checkedAt: now.toISOString() } : { status: 'not_found', siren: v.normalized, checkedAt: now.toISOString() };
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return cached ?? { status: 'error', siren: v.normalized, error: err.code };
  }
}

/**
 * GET /api/registry/siren/{siren}: a fresh lookup, answered in the contract's shape, or the
 * contract's errors (422 bad SIREN, 404 unknown, 429 registry rate limit, 502/504 registry down).
 */
export async function lookupSiren(db: Knex, registry: Registry, raw: string, now: Date): Promise<RegistryCompany & { checkedAt: string; source: string }> {
  const v = validate('siren', raw);
  if (!v.valid) throw AppError.validation(`SIREN invalide : ${v.reason}`, { fields: { siren: v.reason } });
  let company: RegistryCompany | null;
  try {
    company = await registry.lookup(v.normalized, { signal: AbortSignal.timeout(REGISTRY_CHECKLIST_TIMEOUT_MS * 2) });
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    switch (err.code) {
      case 'rate_limited':
        throw new AppError('rate_limited', err.message, 429, { registry: 'insee', retryAfterSec: err.retryAfterSec ?? null });
      case 'timeout':
        throw new AppError('registry_timeout', err.message, 504, { registry: 'insee' });
      case 'forbidden':
      case 'unauthorized':
        throw new AppError('registry_refused', err.message, 502, { registry: 'insee', reason: err.code });
      default:
        throw new AppError('registry_unavailable', err.message, 502, { registry: 'insee' });
    }
  }
  await saveRegistryLookup(db, v.normalized, company, registry.mode, now);
  if (!company) throw new AppError('not_found', `SIREN ${v.normalized} inconnu du répertoire SIRENE. / SIREN not found in the registry.`, 404, { siren: v.normalized });
  return { ...company, checkedAt: now.toISOString(), source: registry.mode };
}
