/**
 * Who last changed a record, from the audit trail — what the loser of a race is told
 * ("X a agi avant vous"). Read with the caller's handle: inside a transaction on
 * SQLite's single connection, reading through another handle would wait for ever.
 */
import type { Knex } from 'knex';
import type { AuditLogRow, UsersRow } from '../data/tables';

export interface LastActor {
  /** A display name: the staff member's full name, "le système" for the engine, or a neutral phrase. */
  name: string;
  actorId: number | null;
  at: string | null;
  action: string | null;
}

export async function lastActor(db: Knex | Knex.Transaction, resource: string, id: number | string, actions?: readonly string[]): Promise<LastActor> {
  const q = db<AuditLogRow>('auditLog').where({ resource, resourceId: String(id) });
  if (actions?.length) q.whereIn('action', actions);
  const row = await q.orderBy('id', 'desc').first();
  if (!row) return { name: 'un autre agent', actorId: null, at: null, action: null };
  const at = row.at ? new Date(row.at).toISOString() : null;
  const action = row.action;
  if (row.actorId === null || row.actorId === undefined) return { name: 'le système', actorId: null, at, action };
  const user = await db<UsersRow>('users').select('fullName').where('id', row.actorId).first();
  return { name: user?.fullName ?? `l’utilisateur ${row.actorId}`, actorId: row.actorId, at, action };
}

/** "le 20/11/2026 à 11:00" in Paris time, for conflict messages. */
export function whenInParis(at: string | null): string {
  if (!at) return '';
  const d = new Date(at);
  const date = d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const time = d.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
  return ` le ${date} à ${time}`;
}

/** " (par Sophie Support le 20/11/2026 à 11:00)": who made the decision a refused action runs into. */
export async function decidedBy(db: Knex | Knex.Transaction, resource: string, id: number): Promise<string> {
  const who = await lastActor(db, resource, id);
  return who.action ? ` (par ${who.name}${whenInParis(who.at)})` : '';
}
