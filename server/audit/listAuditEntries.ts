/**
 * The audit trail's list for one role: filtered in SQL by what the role may read, then presented.
 * With `batch`, one keyset batch of the same list (the CSV export walks the whole trail that way).
 */
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import type { KeysetRequest } from '../http/keysetPage';
import { listResource, type ListParams, type ListResult } from '../http/listQuery';
import { presentAuditEntries } from './present';
import { whereAuditReadable } from './scope';
import { auditLogSpec } from './spec';

export async function listAuditEntries(db: Knex, role: Role | null, params: ListParams, batch?: KeysetRequest): Promise<ListResult> {
  const result = await listResource(db, auditLogSpec, params, (qb) => whereAuditReadable(qb, role), batch);
  return { ...result, rows: await presentAuditEntries(db, role, result.rows) };
}
