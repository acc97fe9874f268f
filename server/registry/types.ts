/**
 * The SIRENE registry as the verification workspace sees it (rule REF-2): look a SIREN up,
 * get the company's name, active state, NAF code, legal category and diffusion status.
 * Two adapters: the real INSEE API Sirene 3.11 client and an offline directory of fixture
 * companies for the demo and the tests.
 */
import type { RegistryCompany } from '../../shared/verification/requirements';

export type { RegistryCompany };

export interface LookupOptions {
  /** Aborts the lookup (the caller's deadline); a timeout of the adapter's own applies too. */
  signal?: AbortSignal;
}

export interface Registry {
  readonly mode: 'insee' | 'offline';
  /** The company, or null when the registry does not know the SIREN (404). Throws RegistryError otherwise. */
  lookup(siren: string, options?: LookupOptions): Promise<RegistryCompany | null>;
}

export type RegistryErrorCode =
  /** 401: the API key is missing, wrong or expired. */
  | 'unauthorized'
  /** 403: the key may not read this unit (not disclosed) or the API. */
  | 'forbidden'
  /** 429 after the allowed retries. */
  | 'rate_limited'
  /** No answer in time (or the caller aborted). */
  | 'timeout'
  /** 5xx, network failure, or an answer that is not INSEE's shape. */
  | 'unavailable';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** Seconds INSEE asked us to wait (429). */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
