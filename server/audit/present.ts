/**
 * Audit entries as a role receives them: `before`/`after` masked by the shared rule
 * (`maskAuditEntry`: the record's sensitive fields, and the numbers inside free text), and
 * the actor named — a staff member's full name, an app token's name — so that no screen has
 * to resolve an id the role may not read (`users` is admin only).
 */
import type { ApiRecord } from '../http/resource';
import type { Knex } from 'knex';
import { maskAuditEntry, type Role } from '../../shared/permissions';

const APP_ACTOR = /^app:(\d+)$/;

async function namesById(db: Knex, table: 'users' | 'appTokens', column: 'fullName' | 'name', ids: Set<number>): Promise<Map<number, string>> {
  if (ids.size === 0) return new Map();
  const rows: { id: number; name: string }[] = await db(table).select('id', `${column} as name`).whereIn('id', [...ids]);
  return new Map(rows.map((r) => [Number(r.id), String(r.name)]));
}

export async function presentAuditEntries(db: Knex, role: Role | null, rows: readonly ApiRecord[]): Promise<ApiRecord[]> {
  const staffIds = new Set<number>();
  const tokenIds = new Set<number>();
  for (const r of rows) {
    if (typeof r.actorId === 'number') staffIds.add(r.actorId);
    const app = typeof r.actorKind === 'string' ? APP_ACTOR.exec(r.actorKind) : null;
    if (app) tokenIds.add(Number(app[1]));
  }
  const [staff, tokens] = await Promise.all([namesById(db, 'users', 'fullName', staffIds), namesById(db, 'appTokens', 'name', tokenIds)]);
  return rows.map((r) => {
    const app = typeof r.actorKind === 'string' ? APP_ACTOR.exec(r.actorKind) : null;
    const actorName = typeof r.actorId === 'number' ? (staff.get(r.actorId) ?? null) : app ? (tokens.get(Number(app[1])) ?? null) : null;
    return { ...maskAuditEntry(role, r), actorName };
  });
}
