/**
 * Personal-data requests (GDPR art. 15 / 20): everything the platform holds about
 * one partner or one client, as one JSON document, for an admin — and the export itself is
 * audited (`partners.export` / `clients.export`, with what was exported, not the data).
 *
 * "Everything" is found from the schema rather than from a list kept by hand, so that a table
 * added later is exported without anyone remembering to: the person's row; every row of every
 * table with a `partnerId` / `clientId` column; one level further, the rows that hang from those
 * (`caseId` → case events, `orderId` → payments) and the file records they reference; the
 * registry answer for a partner's SIREN; and the audit trail of all of these. Document and
 * file *contents* are listed with their download path (`/api/documents/{id}/file`), not inlined.
 * Derived columns (`searchText`) and the stored-file names are left out.
 */
import type { Row } from '../data/rows';
import type { Knex } from 'knex';
import { canReadAuditOf, maskAuditEntry, type Role } from '../../shared/permissions';
import { isPostgres } from '../db';
import { recordAudit } from '../audit/recordAudit';
import { AppError } from '../http/errors';
import { parseRowId } from '../data/parseRowId';
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { personalDataAnswer } from './answers';

export type Subject = 'partners' | 'clients';

const FOREIGN_KEY: Record<Subject, string> = { partners: 'partnerId', clients: 'clientId' };
/** Second level: rows that belong to exported rows of another table. */
const CHILDREN: Array<{ parent: string; table: string; column: string }> = [
  { parent: 'cases', table: 'caseEvents', column: 'caseId' },
  { parent: 'orders', table: 'payments', column: 'orderId' },
];
const OMITTED_COLUMNS = new Set(['searchText', 'storedName', 'passwordHash', 'tokenHash']);
/** Tables that reference a person but hold the platform's machinery, not data about them. */
const SKIPPED_TABLES = new Set(['engineDeadlines', 'sessions']);

async function columnsByTable(db: Knex): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (isPostgres(db)) {
    const res = await db.raw<{ rows: Array<{ table_name: string; column_name: string }> }>(
      'select table_name, column_name from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position',
    );
    for (const r of res.rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    return out;
  }
  const tables: Array<{ name: string }> = await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%'");
  for (const { name } of tables) {
    const cols: Array<{ name: string }> = await db.raw(`pragma table_info("${name.replace(/"/g, '""')}")`);
    out.set(name, cols.map((c) => c.name));
  }
  return out;
}

/** JSON held as text (SQLite) comes out as JSON; omitted columns go. */
function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (OMITTED_COLUMNS.has(k)) continue;
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // plain text that starts with a bracket
      }
    }
    out[k] = v;
  }
  return out;
}

const kebab = (table: string) => table.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export interface PersonalDataExport {
  subject: { resource: Subject; id: number; reference: unknown };
  exportedAt: string;
  exportedBy: { id: number; email: string } | null;
  record: Row;
  /** Table name → the rows about the person (only tables with at least one row). */
  related: Record<string, Row[]>;
  /** File records referenced by the rows above (metadata; contents through their download routes). */
  files: Row[];
  auditTrail: Row[];
}

/**
 * `role` is the caller's: the audit trail goes through the same rule as `GET /api/audit-log`
 * (`canReadAuditOf`, `maskAuditEntry`), so the export is never wider than the trail itself.
 */
export async function exportPersonalData(db: Knex, role: Role | null, subject: Subject, id: number): Promise<Omit<PersonalDataExport, 'exportedAt' | 'exportedBy'> | null> {
  const record = await db(subject).where('id', id).first();
  if (!record) return null;
  const columns = await columnsByTable(db);
  const key = FOREIGN_KEY[subject];
  const related: Record<string, Row[]> = {};
  for (const [table, cols] of [...columns.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (table === subject || SKIPPED_TABLES.has(table) || !cols.includes(key)) continue;
    const q = db(table).where(key, id);
    if (cols.includes('id')) q.orderBy('id');
    const rows = await q;
    if (rows.length) related[table] = rows.map(clean);
  }
  for (const { parent, table, column } of CHILDREN) {
    const ids = (related[parent] ?? []).map((r) => r.id as number);
    if (!ids.length || !columns.get(table)?.includes(column)) continue;
    const rows: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await db(table).whereIn(column, ids.slice(i, i + 500)).orderBy('id')));
    const known = new Set((related[table] ?? []).map((r) => r.id));
    const merged = [...(related[table] ?? []), ...rows.filter((r) => !known.has(r.id)).map(clean)];
    if (merged.length) related[table] = merged;
  }
  if (subject === 'partners' && record.siren) {
    const lookups = await db('registryLookups').where('siren', record.siren);
    if (lookups.length) related.registryLookups = lookups.map(clean);
  }

  // File records referenced by any exported row (fileId, sheetFileId…).
  const fileIds = new Set<number>();
  for (const rows of Object.values(related)) for (const row of rows) for (const [k, v] of Object.entries(row)) if (/fileId$/i.test(k) && typeof v === 'number') fileIds.add(v);
  const files = fileIds.size ? (await db('files').whereIn('id', [...fileIds]).orderBy('id')).map(clean) : [];
  if (related.documents) for (const d of related.documents) d.download = `/api/documents/${d.id}/file`;

  // The audit trail of the person and of every exported row that has one.
  const targets: Array<[string, string[]]> = [[subject, [String(id)]]];
  for (const [table, rows] of Object.entries(related)) {
    const ids = rows.map((r) => r.id).filter((v) => v !== undefined && v !== null).map(String);
    if (ids.length) targets.push([kebab(table), ids]);
  }
  const auditTrail: Row[] = [];
  for (const [resource, ids] of targets) {
    for (let i = 0; i < ids.length; i += 500) {
      auditTrail.push(...(await db('auditLog').where('resource', resource).whereIn('resourceId', ids.slice(i, i + 500))));
    }
  }
  auditTrail.sort((a, b) => Number(a.id) - Number(b.id));
  const readable = auditTrail.filter((e) => canReadAuditOf(role, String(e.resource), String(e.action))).map((e) => maskAuditEntry(role, clean(e)));

  return { subject: { resource: subject, id, reference: record.reference ?? null }, record: clean(record), related, files, auditTrail: readable };
}

export function registerPersonalDataRoutes(api: ApiRouter, deps: RouteDeps): void {
  for (const subject of ['partners', 'clients'] as const) {
    api.add(
      {
        method: 'get',
        path: `/${subject}/:id/export`,
        // Admin only: the table grants `personal-data` to no other role (not `export`: react-admin's
        // list export asks with that name, and the console maps it to `list`).
        access: { kind: 'permission', resource: subject, action: 'personal-data' },
        summary: `Personal-data export (GDPR): everything held about one ${subject === 'partners' ? 'partner' : 'client'}, as JSON; audited`,
        tag: subject,
        status: 200,
        answer: personalDataAnswer,
        response: 'Sent as an attachment (Content-Disposition).',
      },
      async (req, res) => {
        const id = parseRowId(String(req.params.id), subject === 'partners' ? 'Partenaire' : 'Client');
        const now = deps.clock.now();
        const actor = req.actor;
        const data = await deps.db.transaction(async (trx) => {
          const found = await exportPersonalData(trx, actor?.kind === 'staff' ? actor.role : null, subject, id);
          if (!found) return null;
          const counts = Object.fromEntries(Object.entries(found.related).map(([t, rows]) => [t, rows.length]));
          await recordAudit(trx, {
            actor,
            action: `${subject}.export`,
            resource: subject,
            resourceId: id,
            after: { exported: { ...counts, files: found.files.length, auditTrail: found.auditTrail.length } },
            at: now,
          });
          return found;
        });
        if (!data) throw AppError.notFound(subject === 'partners' ? 'Partenaire' : 'Client', id);
        const body: PersonalDataExport = {
          ...data,
          exportedAt: now.toISOString(),
          exportedBy: actor?.kind === 'staff' ? { id: actor.id, email: actor.email } : null,
        };
        const name = `${subject === 'partners' ? 'partner' : 'client'}-${String(data.subject.reference ?? id).replace(/[^A-Za-z0-9_-]/g, '_')}-personal-data.json`;
        res.set('Content-Disposition', `attachment; filename="${name}"`);
        res.json(body);
      },
    );
  }
}
