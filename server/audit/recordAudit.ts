/**
 * The append-only audit trail: one row per state change, written with the same
 * transaction handle as the change itself, so a change without its audit row (or
 * the reverse) cannot be committed.
 */
import type { Knex } from 'knex';
import { auditActor, type Actor } from '../auth/actor';
import type { Row } from '../data/rows';

export interface AuditEntry {
  actor?: Actor;
  action: string;
  resource: string;
  resourceId: string | number | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Fields never copied into the trail (secrets, and the derived search column). */
const NEVER_AUDITED = new Set(['passwordHash', 'tokenHash', 'searchText', 'storedName']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const clean: Row = {};
    for (const [k, v] of Object.entries(value)) if (!NEVER_AUDITED.has(k)) clean[k] = v;
    return JSON.stringify(clean);
  }
  return JSON.stringify(value);
}

export async function recordAudit(trx: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('auditLog').insert({
    at: entry.at.toISOString(),
    ...auditActor(entry.actor),
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId === null ? null : String(entry.resourceId),
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  });
}
