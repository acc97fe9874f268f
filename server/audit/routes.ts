/**
 * `GET /api/audit-log` and `GET /api/audit-log/{id}` (read only): every role may call them
 * (shared/permissions.ts), and each gets only the entries about what it may read, masked as
 * those records are (`canReadAuditOf`, `maskAuditEntry`), with the actor's name.
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import { registerCsvRoute } from '../export/csvRoute';
import type { ApiRouter } from '../http/apiRouter';
import { listPageHeaders, parseListParams } from '../http/listQuery';
import { listAuditEntries } from './listAuditEntries';
import { showAuditEntry } from './showAuditEntry';
import { auditLogSpec } from './spec';
import { auditEntriesAnswer, auditEntryAnswer } from './answers';

function roleOf(req: Request): Role | null {
  return req.actor?.kind === 'staff' ? req.actor.role : null;
}

const SHAPE = 'Each entry also carries `actorName` (the staff member or app token, null for the system).';

export function registerAuditRoutes(api: ApiRouter, db: Knex): void {
  api.add(
    {
      method: 'get',
      path: '/audit-log',
      access: { kind: 'permission', resource: 'audit-log', action: 'list' },
      summary: 'List audit trail entries (sort, range, filter): only those about records the caller may read, masked as those records',
      tag: 'audit-log',
      list: 'audit-log',
      status: 200,
      answer: auditEntriesAnswer,
      response: SHAPE,
    },
    async (req, res) => {
      const result = await listAuditEntries(db, roleOf(req), parseListParams(auditLogSpec, req.query));
      res.set(listPageHeaders(auditLogSpec.name, result)).json(result.rows);
    },
  );
  // The export walks the same listing, batch by batch: the same entries, masked the same way.
  registerCsvRoute(api, auditLogSpec, {
    db,
    tag: 'audit-log',
    label: 'audit trail entries',
    read: (req, params, batch) => listAuditEntries(db, roleOf(req), params, batch),
  });
  api.add(
    {
      method: 'get',
      path: '/audit-log/:id',
      access: { kind: 'permission', resource: 'audit-log', action: 'show' },
      summary: 'One audit trail entry; 404 when it is about a record the caller may not read',
      tag: 'audit-log',
      status: 200,
      answer: auditEntryAnswer,
      response: SHAPE,
    },
    async (req, res) => {
      res.json(await showAuditEntry(db, roleOf(req), String(req.params.id)));
    },
  );
}
