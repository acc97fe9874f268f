/**
 * Which of the console's cached queries a change can make stale. react-admin keys its queries
 * `[resource, 'getList' | 'getOne' | 'getMany' | …, params]`, and the pages' own queries start
 * with the resource too (`['partners', id, 'verification']`); the home inbox is `['inbox']`.
 * A change to an audit resource touches its own resource and the pages that show it under
 * another name (a partner's file is in the verification queue, a document on its partner's page).
 */
import type { Query } from '@tanstack/react-query';

import type { LiveChange } from '../../../shared/liveChange';
import { INBOX_QUERY_KEY } from '../dashboard/inboxMethods';

const ALSO_SHOWN_IN: Record<string, readonly string[]> = {
  partners: ['verification-queue', 'verification-watch'],
  documents: ['partners', 'verification-queue', 'verification-watch'],
  'partner-checks': ['partners', 'verification-queue'],
  limitations: ['partners'],
  'payout-runs': ['payouts'],
  messages: ['cases'],
  favourites: ['clients'],
};

/** The first segments of the query keys a change to `resource` makes stale. */
export function touchedResources(resource: string): ReadonlySet<string> {
  return new Set([resource, ...(ALSO_SHOWN_IN[resource] ?? [])]);
}

/**
 * Whether `query` should be refetched after `change`: a query of a touched resource, and the
 * inbox — but never a record a page is showing (a `getOne` someone observes), whichever record
 * changed: a form being edited is never reset under a person's hands, and a record page whose
 * own record changed shows a notice instead (RecordChangedNotice). Records no page shows are
 * marked stale, read again when a page opens them.
 */
export function isStaleAfter(change: LiveChange, query: Query): boolean {
  const [head, kind] = query.queryKey as [unknown, unknown];
  if (head === INBOX_QUERY_KEY[0]) return true;
  if (typeof head !== 'string' || !touchedResources(change.resource).has(head)) return false;
  return !(kind === 'getOne' && query.getObserversCount() > 0);
}
