/**
 * One audit entry for one role, through the same scoped query as the list. An entry about
 * something the role may not read is a 404, as if it did not exist: the list does not show
 * it either, and a 403 would confirm that it exists.
 */
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import { AppError } from '../http/errors';
import type { ApiRecord } from '../http/resource';
import { parseId } from '../data/getOne';
import { listAuditEntries } from './listAuditEntries';
import { auditLogSpec } from './spec';

export async function showAuditEntry(db: Knex, role: Role | null, rawId: string): Promise<ApiRecord> {
  const id = parseId(auditLogSpec, rawId);
  const { rows } = await listAuditEntries(db, role, { sort: auditLogSpec.defaultSort, range: [0, 0], filter: { id: [id] } });
  if (!rows[0]) throw AppError.notFound(auditLogSpec.name, rawId);
  return rows[0];
}
