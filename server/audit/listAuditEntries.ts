/** The audit trail's list for one role: filtered in SQL by what the role may read, then presented. */
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import { listResource, type ListParams, type ListResult } from '../http/listQuery';
import { presentAuditEntries } from './present';
import { whereAuditReadable } from './scope';
import { auditLogSpec } from './spec';

export async function listAuditEntries(db: Knex, role: Role | null, params: ListParams): Promise<ListResult> {
  const result = await listResource(db, auditLogSpec, params, (qb) => whereAuditReadable(qb, role));
  return { ...result, rows: await presentAuditEntries(db, role, result.rows) };
}
