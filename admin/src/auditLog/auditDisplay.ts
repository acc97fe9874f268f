/**
 * The audit trail in words: who (by name, never by id), what (the action's translated verb
 * phrase), which record (the console resource it links to) and the fields that changed, with
 * dates as dd/mm/yyyy HH:mm in Paris time. The server has already left out the entries the
 * role may not read and masked the rest (shared/permissions.ts `maskAuditEntry`).
 */
import { auditActionLabelKey } from '../../../shared/auditActions';
import { RESOURCES, type Resource } from '../../../shared/permissions';
import { formatFrenchDateTime } from '../common/format';
import type { AuditEntry } from '../types';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function actorLabel(entry: Pick<AuditEntry, 'actorName' | 'actorKind'>, translate: Translate): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorKind === 'system') return translate('app.audit.actor.system');
  if (entry.actorKind?.startsWith('app:')) return translate('app.audit.actor.app');
  return translate('app.audit.actor.unknown');
}

export function actionLabel(action: string, translate: Translate): string {
  return translate(auditActionLabelKey(action), { _: action });
}

/** "Marc Médiateur a transmis le dossier au médiateur". */
export function auditSentence(entry: Pick<AuditEntry, 'actorName' | 'actorKind' | 'action'>, translate: Translate): string {
  return translate('app.audit.sentence', { actor: actorLabel(entry, translate), action: actionLabel(entry.action, translate) });
}

function isResource(value: string): value is Resource {
  return (RESOURCES as readonly string[]).includes(value);
}

/** A resource's singular name: the console's own, or the audit-only names (interviews, favourites…). */
export function resourceLabel(resource: string, translate: Translate): string {
  const fallback = translate(`app.audit.resources.${resource}`, { smart_count: 1, _: resource });
  return translate(`resources.${resource}.name`, { smart_count: 1, _: fallback });
}

export function fieldLabel(resource: string, field: string, translate: Translate): string {
  return translate(`resources.${resource}.fields.${field}`, { _: translate(`app.audit.fields.${field}`, { _: field }) });
}

function objectOf(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The console record an entry is about: its own resource and id, or — for what only the apps
 * write (interviews, favourites, messages) — the partner, else the client, it concerns.
 */
export function auditTarget(entry: Pick<AuditEntry, 'resource' | 'resourceId' | 'before' | 'after'>): { resource: Resource; id: string | number } | null {
  const asId = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'string' && v ? v : null);
  if (isResource(entry.resource)) {
    const id = asId(entry.resourceId);
    return id === null ? null : { resource: entry.resource, id };
  }
  const shape = { ...(objectOf(entry.before) ?? {}), ...(objectOf(entry.after) ?? {}) };
  for (const [field, resource] of [['partnerId', 'partners'], ['clientId', 'clients']] as const) {
    const id = asId(shape[field]);
    if (id !== null) return { resource, id };
  }
  return null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping every write moves: not what anyone changed. */
const BOOKKEEPING = new Set(['updatedAt', 'version']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields whose value differs between `before` and `after` (all the filled ones of a
 * creation or a deletion), in the record's order; a value that is not a record is one row.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = objectOf(before);
  const a = objectOf(after);
  if ((before != null && !b) || (after != null && !a)) return same(before, after) ? [] : [{ field: '', before, after }];
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields
    .filter((f) => !BOOKKEEPING.has(f) && !same(b?.[f], a?.[f]))
    .map((field) => ({ field, before: b?.[field] ?? null, after: a?.[field] ?? null }));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as a reader sees it: instants in Paris time, days as dd/mm/yyyy, yes/no, "—" for nothing. */
export function formatAuditValue(value: unknown, translate: Translate): string {
  if (value === null || value === undefined || value === '') return translate('app.common.none');
  if (typeof value === 'boolean') return translate(value ? 'app.common.yes' : 'app.common.no');
  if (typeof value === 'string') return INSTANT.test(value) || BUSINESS_DATE.test(value) ? formatFrenchDateTime(value) : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
