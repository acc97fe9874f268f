/**
 * What the agent reads: one partner's checklist (GET /api/partners/{id}/verification),
 * the queue of files waiting for review, oldest first with the waiting time and what is
 * missing (GET /api/verification-queue, in the ra-data-simple-rest dialect), and the watch
 * view of REF-8: documents expiring soon and active partners whose file became incomplete
 * (GET /api/verification-watch).
 */
import type { QueryParams } from '../http/queryParams';
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  graceEnds,
  heldForIncompleteFile,
  requiredDocumentTypes,
  requiredFacts,
  type ChecklistItem,
} from '../../shared/verification/requirements';
import { addParisDays, daysBetween, parisDate } from '../../shared/calendar/paris';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/domain';
import type { Resource } from '../../shared/permissions';
import type { Ctx } from '../context';
import { parisMidnight } from '../../shared/calendar/paris';
import { AppError } from '../http/errors';
import { applyFilters, parseListParams, type ListResult } from '../http/listQuery';
import { parseId } from '../data/getOne';
import type { ResourceSpec } from '../http/resource';
import { partnersSpec } from '../marketplace/specs';
import type { Registry } from '../registry/types';
import { evaluateFiles } from './fileStatus';
import { registryStateFor } from './registryCheck';
import { loadPartnerFile, PARTNER_FILE_COLUMNS, toPartnerFile, userNames, type PartnerFile } from './repository';
import type { Watch, WatchDocument, WatchPartner } from '../../shared/verification/watch';

/** GET /api/partners/{id}/verification: the checklist, with what the panel shows beside it. */
export async function getVerification(ctx: Ctx, registry: Registry, rawId: string) {
  const partner = await loadPartnerFile(ctx.db, Number(parseId(partnersSpec, rawId)));
  if (!partner) throw AppError.notFound('partners', rawId);
  const now = ctx.clock.now();
  // Closed files are shown as they are; open ones get a registry answer (cached a week).
  const closed = partner.status === 'refused' || partner.status === 'terminated';
  const state = await registryStateFor(ctx.db, registry, partner.siren, now, { cacheOnly: closed });
  const [{ checklist, checks }] = await evaluateFiles(ctx.db, [partner], now, new Map([[partner.siren ?? '', state]]));
  const names = await userNames(ctx.db, [partner.assignedTo, ...checks.map((c) => c.recordedBy)]);
  const facts: Partial<Record<DocumentType, string[]>> = {};
  for (const type of DOCUMENT_TYPES) {
    const f = requiredFacts(partner, type);
    if (f.length) facts[type] = f;
  }
  return {
    partnerId: partner.id,
    status: partner.status,
    assignedTo: partner.assignedTo,
    assignedToName: partner.assignedTo === null ? null : (names.get(partner.assignedTo) ?? null),
    complete: checklist.complete,
    items: checklist.items,
    missing: checklist.missing,
    incompleteSince: checklist.incompleteSince,
    fileIncompleteSince: partner.fileIncompleteSince,
    graceEnds: partner.fileIncompleteSince ? graceEnds(partner.fileIncompleteSince) : null,
    held: heldForIncompleteFile(partner, now),
    registry: state,
    checks: checks.map((c) => ({ ...c, recordedByName: c.recordedBy === null ? null : (names.get(c.recordedBy) ?? null) })),
    requiredDocumentTypes: requiredDocumentTypes(partner),
    requiredFacts: facts,
  };
}

// ---------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------

const QUEUE_STATUSES = ['applicant', 'in_review'] as const;

/** The queue's rows: partners' columns (filterable in SQL) plus computed ones (sortable in memory). */
export const queueSpec: ResourceSpec = {
  name: 'partners' as Resource,
  table: 'partners',
  defaultSort: ['waitingSince', 'ASC'],
  searchable: true,
  fields: {
    id: { kind: 'id', filter: true, sort: true },
    reference: { kind: 'string', filter: true, sort: true },
    firstName: { kind: 'string', sort: true },
    lastName: { kind: 'string', sort: true },
    vertical: { kind: 'enum', values: ['wellness', 'care'], filter: true, sort: true },
    status: { kind: 'enum', values: QUEUE_STATUSES, filter: true, sort: true },
    assignedTo: { kind: 'int', filter: true, sort: true, nullable: true },
    services: { kind: 'json' },
    waitingSince: { kind: 'instant', sort: true },
    waitingDays: { kind: 'int', sort: true },
    missingCount: { kind: 'int', sort: true },
    toReviewCount: { kind: 'int', sort: true },
    createdAt: { kind: 'instant', sort: true },
  },
};

export type QueueRow = {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  vertical: string;
  services: readonly string[];
  status: string;
  assignedTo: number | null;
  assignedToName: string | null;
  waitingSince: string;
  waitingDays: number;
  complete: boolean;
  /** Blocking items not provided or not valid (missing, rejected, expired). */
  missingCount: number;
  missing: string[];
  /** Blocking items provided and waiting for the agent (pending), registry included. */
  toReviewCount: number;
  toReview: string[];
  createdAt: string;
};

/** GET /api/verification-queue: files waiting (applicant) or under review, oldest first. */
/** Queue sorts the database can do (then only the page's files are evaluated); the others are computed. */
const SQL_SORTS: Record<string, { column: string; raw?: boolean; invert?: boolean; nullable?: boolean }> = {
  waitingSince: { column: 'COALESCE(??, ??)', raw: true },
  waitingDays: { column: 'COALESCE(??, ??)', raw: true, invert: true },
  id: { column: 'partners.id' },
  reference: { column: 'partners.reference' },
  firstName: { column: 'partners.firstName' },
  lastName: { column: 'partners.lastName' },
  vertical: { column: 'partners.vertical' },
  status: { column: 'partners.status' },
  assignedTo: { column: 'partners.assignedTo', nullable: true },
  createdAt: { column: 'partners.createdAt' },
};

export async function listQueue(ctx: Ctx, query: QueryParams): Promise<ListResult> {
  const params = parseListParams(queueSpec, query);
  const base = ctx.db('partners').whereIn('partners.status', QUEUE_STATUSES);
  applyFilters(base, { ...queueSpec, searchable: true }, params.filter, { db: ctx.db });
  const [field, order] = params.sort;
  const [start, end] = params.range;
  const sql = SQL_SORTS[field];
  let partners: PartnerFile[];
  let total: number | null = null;
  if (sql) {
    // Sorted and paged by the database: only this page's files are evaluated.
    const dirOf = (invert?: boolean) => ((order === 'ASC') !== !!invert ? 'asc' : 'desc');
    const page = base.clone().select(PARTNER_FILE_COLUMNS.map((c) => `partners.${c}`));
    if (sql.nullable) page.orderByRaw('(?? IS NULL) ASC', [sql.column]);
    if (sql.raw) page.orderByRaw(`${sql.column} ${dirOf(sql.invert)}`, ['partners.reviewRequestedAt', 'partners.createdAt']);
    else page.orderBy(sql.column, dirOf());
    page.orderBy('partners.id', dirOf(sql.invert)).offset(start).limit(end - start + 1);
    const [rows, counted] = await Promise.all([page, base.clone().count({ total: '*' })]);
    partners = rows.map(toPartnerFile);
    total = Number((counted[0] as { total: number | string }).total);
  } else {
    partners = (await base.clone().select(PARTNER_FILE_COLUMNS.map((c) => `partners.${c}`)).limit(10_000)).map(toPartnerFile);
  }
  const now = ctx.clock.now();
  const evaluated = await evaluateFiles(ctx.db, partners, now);
  const names = await userNames(ctx.db, partners.map((p) => p.assignedTo));
  const rows: QueueRow[] = evaluated.map(({ partner: p, checklist: c }) => {
    const waitingSince = p.reviewRequestedAt ?? p.createdAt;
    const blocking = c.items.filter((i) => i.blocking);
    const missing = blocking.filter((i) => i.status !== 'pending').map((i) => i.requirement);
    const toReview = blocking.filter((i) => i.status === 'pending').map((i) => i.requirement);
    return {
      id: p.id,
      reference: p.reference,
      firstName: p.firstName,
      lastName: p.lastName,
      vertical: p.vertical,
      services: p.services,
      status: p.status,
      assignedTo: p.assignedTo,
      assignedToName: p.assignedTo === null ? null : (names.get(p.assignedTo) ?? null),
      waitingSince,
      waitingDays: Math.floor((now.getTime() - Date.parse(waitingSince)) / 86_400_000),
      complete: c.complete,
      missingCount: missing.length,
      missing,
      toReviewCount: toReview.length,
      toReview,
      createdAt: p.createdAt,
    };
  });
  if (total !== null) return { rows: rows, total, start };
  const dir = order === 'ASC' ? 1 : -1;
  const key = field as keyof QueueRow;
  rows.sort((a, b) => {
    const x = a[key] as string | number | null;
    const y = b[key] as string | number | null;
    if (x === y) return (a.id - b.id) * dir;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  });
  return { rows: rows.slice(start, end + 1), total: rows.length, start };
}

// ---------------------------------------------------------------------------
// The watch view (REF-8)
// ---------------------------------------------------------------------------

export const watchQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).optional(),
});


/**
 * GET /api/verification-watch: over active partners, the documents whose last valid day
 * falls within `days` (default 30) or has passed, and the partners whose file is incomplete —
 * since when, when the grace period ends, and whether dispatch already holds them (REF-8, VER-6).
 */
export async function watchList(ctx: Ctx, query: QueryParams): Promise<Watch> {
  const parsed = watchQuerySchema.safeParse(query);
  if (!parsed.success) throw AppError.badRequest('Paramètre days invalide (1 à 366). / Invalid days parameter.', { param: 'days' });
  const days = parsed.data.days ?? DEFAULT_SETTINGS.expiringSoonDays;
  const now = ctx.clock.now();
  const today = parisDate(now);
  const horizon = addParisDays(today, days);
  const partners = (await ctx.db('partners').select(PARTNER_FILE_COLUMNS).where('status', 'active')).map(toPartnerFile);
  const evaluated = await evaluateFiles(ctx.db, partners, now);
  const documents: WatchDocument[] = [];
  const incomplete: WatchPartner[] = [];
  for (const { partner: p, checklist: c } of evaluated) {
    const name = `${p.firstName} ${p.lastName}`;
    const seen = new Set<number>();
    for (const item of c.items as ChecklistItem[]) {
      if (!item.documentId || !item.validUntil || !item.documentType || seen.has(item.documentId)) continue;
      if (item.validUntil > horizon) continue;
      if (item.status !== 'ok' && item.status !== 'expired') continue;
      seen.add(item.documentId);
      documents.push({
        documentId: item.documentId,
        documentType: item.documentType,
        requirement: item.requirement,
        rule: item.rule,
        partnerId: p.id,
        partnerReference: p.reference,
        partnerName: name,
        validUntil: item.validUntil,
        daysLeft: daysBetween(today, item.validUntil),
        expired: item.status === 'expired',
      });
    }
    if (!c.complete) {
      const since = p.fileIncompleteSince ?? (c.incompleteSince ? parisMidnight(c.incompleteSince).toISOString() : now.toISOString());
      incomplete.push({
        partnerId: p.id,
        reference: p.reference,
        name,
        vertical: p.vertical,
        missing: c.missing,
        incompleteSince: since,
        flagged: p.fileIncompleteSince !== null,
        graceEnds: graceEnds(since),
        held: heldForIncompleteFile({ status: p.status, fileIncompleteSince: since }, now),
      });
    }
  }
  documents.sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.partnerId - b.partnerId);
  incomplete.sort((a, b) => a.incompleteSince.localeCompare(b.incompleteSince) || a.partnerId - b.partnerId);
  return { today, horizon, days, graceDays: DEFAULT_SETTINGS.graceDays, documents, partners: incomplete };
}
