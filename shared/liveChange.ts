/**
 * One `change` event of the live-update stream (`GET /api/events`, server/events/): an audit
 * entry the reader's role may read, as the console's live updates receive it.
 */
export interface LiveChange {
  resource: string;
  /** The changed record's id (null for an entry about no one record). */
  id: number | string | null;
  action: string;
  actorId: number | null;
  actorName: string | null;
  /** ISO 8601 UTC. */
  at: string;
}
