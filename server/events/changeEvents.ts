/**
 * The change events one role receives for a batch of new audit rows: the rows read through the
 * audit trail's own listing (`listAuditEntries`: the visibility rule of shared/permissions.ts
 * applied in SQL, the actor named), so that a stream can never tell more than the trail would —
 * an entry the role may not read is not sent, not even as "something changed".
 */
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import { listAuditEntries } from '../audit/listAuditEntries';
import type { LiveChange } from '../../shared/liveChange';

export interface ChangeEvent extends LiveChange {
  /** The audit row's id: the stream's event id. */
  auditId: number;
}

const CHUNK = 1000;

function recordId(resourceId: unknown): number | string | null {
  if (resourceId === null || resourceId === undefined) return null;
  const text = String(resourceId);
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

export async function changeEventsFor(db: Knex, role: Role, ids: readonly number[]): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const { rows } = await listAuditEntries(db, role, { sort: ['id', 'ASC'], range: [0, chunk.length - 1], filter: { id: chunk } });
    for (const r of rows) {
      events.push({
        auditId: Number(r.id),
        resource: String(r.resource),
        id: recordId(r.resourceId),
        action: String(r.action),
        actorId: typeof r.actorId === 'number' ? r.actorId : null,
        actorName: typeof r.actorName === 'string' ? r.actorName : null,
        at: new Date(r.at as string).toISOString(),
      });
    }
  }
  return events;
}
