/**
 * The server's CSV of a list (CONTRACT.md "HTTP": `GET /api/{resource}.csv`, the same `sort`
 * and `filter` as the list, every matching row): the URL for what the list shows now.
 */
import type { SortPayload } from 'react-admin';
import { API_URL } from '../apiUrl';

export function csvExportUrl(resource: string, sort: SortPayload | undefined, filter: Record<string, unknown>): string {
  const params = new URLSearchParams();
  if (sort?.field) params.set('sort', JSON.stringify([sort.field, sort.order]));
  params.set('filter', JSON.stringify(filter));
  return `${API_URL}/${resource}.csv?${params.toString()}`;
}

/** `attachment; filename="orders-2026-11-20.csv"` → `orders-2026-11-20.csv`. */
export function attachmentName(contentDisposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(contentDisposition ?? '');
  return m ? m[1] : fallback;
}
