/**
 * The data provider's inbox method: `GET /api/inbox`, the home page's counts for the
 * signed-in staff member (server/inbox/). Screens read it with react-query under the key
 * `['inbox']`, which live updates invalidate when a list it counts changes.
 */
import type { Inbox, InboxItem } from '../../../shared/inbox';
import { getJson } from '../httpClient';

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
