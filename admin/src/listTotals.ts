/**
 * Estimated list totals: on PostgreSQL a list with more matching rows than the server's exact
 * bound answers the planner's estimate and `X-Total-Estimated: true` (server/http/listTotal.ts).
 * The flag travels from the HTTP answer to the list's `meta.totalEstimated`, which
 * ListPagination shows as "environ …" instead of a number read as exact.
 */
import type { DataProvider, GetListResult } from 'react-admin';
import type { HttpResponse } from './httpClient';

const ESTIMATED = Symbol('totalEstimated');

/** An HTTP client that marks list answers whose total is an estimate (on the JSON array itself: no state shared between calls). */
export function markingEstimatedTotals(client: (url: string, options?: object) => Promise<HttpResponse>) {
  return async (url: string, options?: object): Promise<HttpResponse> => {
    const response = await client(url, options);
    if (response.headers.get('X-Total-Estimated') === 'true' && Array.isArray(response.json)) {
      Object.defineProperty(response.json, ESTIMATED, { value: true });
    }
    return response;
  };
}

/** getList that moves the mark into the result's `meta.totalEstimated`. */
export function withEstimatedTotals(getList: DataProvider['getList']): DataProvider['getList'] {
  return async (resource, params) => {
    const result: GetListResult = await getList(resource, params);
    if (!(result.data as unknown as Record<symbol, unknown>)[ESTIMATED]) return result;
    return { ...result, meta: { ...result.meta, totalEstimated: true } };
  };
}
