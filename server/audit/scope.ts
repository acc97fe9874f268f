/**
 * The audit rule of shared/permissions.ts (`auditReadScope`) as SQL: the list query itself
 * keeps only the entries the role may read, so that pages and `Content-Range` totals count
 * what the role sees, and a filter on a forbidden resource finds nothing.
 */
import type { Knex } from 'knex';
import { auditReadScope, type AuditScopeClause, type Role } from '../../shared/permissions';

const TABLE = 'auditLog';

/** `action` starts with `prefix`, without LIKE (whose `_` would be a wildcard). */
function startsWith(qb: Knex.QueryBuilder, prefix: string, negate: boolean): void {
  qb.whereRaw(`substr(??, 1, ?) ${negate ? '<>' : '='} ?`, [`${TABLE}.action`, prefix.length, prefix]);
}

function clause(qb: Knex.QueryBuilder, c: AuditScopeClause): void {
  qb.where(`${TABLE}.resource`, c.resource);
  if (c.only?.length) qb.where((any) => c.only!.forEach((p) => any.orWhere((one) => startsWith(one, p, false))));
  for (const p of c.except ?? []) startsWith(qb, p, true);
}

/** Narrows an `auditLog` query to the entries `role` may read (none for a caller without a role). */
export function whereAuditReadable(qb: Knex.QueryBuilder, role: Role | null): Knex.QueryBuilder {
  const scope = auditReadScope(role);
  if (scope.all) return qb;
  if (scope.clauses.length === 0) return qb.whereRaw('1 = 0');
  const whole = scope.clauses.filter((c) => !c.only?.length && !c.except?.length).map((c) => c.resource);
  const partial = scope.clauses.filter((c) => c.only?.length || c.except?.length);
  return qb.where((any) => {
    if (whole.length) any.orWhereIn(`${TABLE}.resource`, whole);
    for (const c of partial) any.orWhere((one) => clause(one, c));
  });
}
