/**
 * The data provider's inbox method: `GET /api/inbox`, the home page's counts for the
 * signed-in staff member (server/inbox/). Screens read it with react-query under the key
 * `['inbox']`, which live updates invalidate when a list it counts changes.
 */
import { getJson } from '../httpClient';

export type InboxSectionKey = 'support' | 'ops' | 'mediator' | 'coordinator' | 'engine';

export interface InboxNext {
  id: number | string;
  label: string;
  /** A Paris date (YYYY-MM-DD) or an instant, when the row has one. */
  due: string | null;
}

export interface InboxItem {
  key: string;
  count: number;
  /** The count is an estimate, as the list's total would be ("environ …"). */
  estimated: boolean;
  list: { resource: string; filter: Record<string, unknown>; sort: [string, 'ASC' | 'DESC'] };
  next: InboxNext[];
}

export interface Inbox {
  today: string;
  sections: { key: InboxSectionKey; items: InboxItem[] }[];
}

export const INBOX_QUERY_KEY = ['inbox'] as const;

export interface InboxMethods {
  /** `GET /api/inbox`. */
  getInbox(): Promise<Inbox>;
}

export function inboxMethods(apiUrl: string): InboxMethods {
  return { getInbox: () => getJson<Inbox>(`${apiUrl}/inbox`) };
}

/** The list a count opens, as react-admin reads it: `/orders?filter={…}&sort=startsAt&order=ASC`. */
export function inboxListPath(item: Pick<InboxItem, 'list'>): string {
  const { resource, filter, sort } = item.list;
  const params = new URLSearchParams({ filter: JSON.stringify(filter), sort: sort[0], order: sort[1] });
  return `/${resource}?${params}`;
}
