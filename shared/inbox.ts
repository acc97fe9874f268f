/**
 * What `GET /api/inbox` answers (server/inbox/), as the server builds it and the console's
 * home page reads it: per section of the signed-in member's role, each count with the list
 * it opens and the first rows of that list.
 */

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
  /** The count is the planner's estimate, as the list's total would be ("environ …"). */
  estimated: boolean;
  list: { resource: string; filter: Record<string, unknown>; sort: [string, 'ASC' | 'DESC'] };
  next: InboxNext[];
}

export interface Inbox {
  /** Today's Paris date (YYYY-MM-DD). */
  today: string;
  sections: { key: InboxSectionKey; items: InboxItem[] }[];
}
