/**
 * The one HTTP client of the console: `fetchUtils.fetchJson` with the session cookie,
 * and the contract's error body turned into an `HttpError` a user can read.
 *
 * Contract (CONTRACT.md "HTTP"): errors are `{"error": {"code", "message", "details"?}}`.
 * fetchJson only knows a top-level `message`, so without this the user would see
 * "Unauthorized" instead of the server's sentence.
 */
import { fetchUtils, HttpError, type Options } from 'react-admin';
import { requestLocale } from './i18n/requestLocale';

export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ApiErrorBody {
  error: ApiError;
  /**
   * Field → message map read by react-admin forms (server-side validation): filled from
   * `error.details.fields` when the server sends one, so a 422 lands under the right input.
   */
  errors?: Record<string, string>;
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as ApiError).code === 'string' &&
    typeof (error as ApiError).message === 'string'
  );
}

function fieldErrorsOf(details: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const fields = details?.fields;
  if (typeof fields !== 'object' || fields === null) return undefined;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    if (typeof message === 'string') out[field] = message;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Rewrites an HttpError carrying the contract's error body; anything else passes through. */
export function toApiHttpError(error: unknown): unknown {
  if (!(error instanceof HttpError) || !isApiErrorBody(error.body)) return error;
  const body: ApiErrorBody = { ...error.body };
  const errors = fieldErrorsOf(body.error.details);
  if (errors) body.errors = errors;
  return new HttpError(body.error.message, error.status, body);
}

export type HttpResponse = Awaited<ReturnType<typeof fetchUtils.fetchJson>>;

export async function httpClient(url: string, options: Options = {}): Promise<HttpResponse> {
  try {
    // Same origin: the HttpOnly session cookie goes along. The server answers in the screen's language.
    const headers = new Headers(options.headers ?? { Accept: 'application/json' });
    if (!headers.has('Accept-Language')) headers.set('Accept-Language', requestLocale());
    return await fetchUtils.fetchJson(url, { credentials: 'same-origin', ...options, headers });
  } catch (error) {
    throw toApiHttpError(error);
  }
}

/** `POST url` with a JSON body (`{}` when there is none), resolving to the answer's JSON: the console's action calls. */
export async function postJson<T>(url: string, body?: unknown): Promise<T> {
  return (await httpClient(url, { method: 'POST', body: JSON.stringify(body ?? {}) })).json as T;
}

/** `POST url` with a multipart body (uploads): no Content-Type, the browser writes the boundary itself. */
export async function postForm<T>(url: string, form: FormData): Promise<T> {
  return (await httpClient(url, { method: 'POST', body: form })).json as T;
}

/** `GET url`, resolving to the answer's JSON. */
export async function getJson<T>(url: string): Promise<T> {
  return (await httpClient(url)).json as T;
}

/** An id as one path segment of a URL. */
export const segment = (id: string | number) => encodeURIComponent(String(id));
