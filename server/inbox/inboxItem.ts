/**
 * One count of a staff member's inbox: a resource, the filter and order its list is opened
 * with, and the first rows of that list. The count and the rows are read by the list
 * endpoint's own code (`listResource`, server/http/listQuery.ts), with the filter the link
 * carries, so the number on the home page is the total the list shows when it opens.
 */
import type { Knex } from 'knex';
import { listResource } from '../http/listQuery';
import type { ResourceSpec } from '../http/resource';
import type { Row } from '../data/rows';
import type { InboxItem } from '../../shared/inbox';
import type { JsonObject } from '../../shared/json';
import type { PartnersRow } from '../data/tables';

/** How many of the list's first rows the inbox shows under a count. */
export const NEXT_ROWS = 5;

export interface InboxItemDef {
  key: string;
  spec: ResourceSpec;
  filter: JsonObject;
  sort: [field: string, order: 'ASC' | 'DESC'];
  /** The row's field shown as its due date or time, if any. */
  due?: string;
}


/** What the inbox needs to build its filters: who asks and when (Paris calendar). */
export interface InboxMoment {
  userId: number;
  now: Date;
  /** Today's Paris date (YYYY-MM-DD). */
  today: string;
}

export async function readInboxItem(db: Knex, def: InboxItemDef): Promise<InboxItem> {
  const result = await listResource(db, def.spec, { filter: def.filter, sort: def.sort, range: [0, NEXT_ROWS - 1] });
  const labels = await labelsOf(db, result.rows);
  return {
    key: def.key,
    count: result.total,
    estimated: !!result.totalEstimated,
    list: { resource: def.spec.name, filter: def.filter, sort: def.sort },
    next: result.rows.map((row, i) => ({
      id: row.id as number | string,
      label: labels[i],
      due: def.due && row[def.due] != null ? String(row[def.due]) : null,
    })),
  };
}

/**
 * A row as a person reads it, in no language: its own reference and name (partners), its
 * reference and city (orders), its reference (cases), or else its partner's.
 */
async function labelsOf(db: Knex, rows: readonly Row[]): Promise<string[]> {
  const partnerIds = [...new Set(rows.filter((r) => r.reference == null && r.partnerId != null).map((r) => Number(r.partnerId)))];
  const partners = new Map<number, string>();
  if (partnerIds.length) {
    const found = await db<PartnersRow>('partners').select('id', 'reference', 'firstName', 'lastName').whereIn('id', partnerIds);
    for (const p of found) partners.set(Number(p.id), ownLabel(p));
  }
  return rows.map((r) => (r.reference != null ? ownLabel(r) : (partners.get(Number(r.partnerId)) ?? `#${String(r.id)}`)));
}

function ownLabel(row: Row): string {
  const name = [row.firstName, row.lastName].filter((s) => typeof s === 'string' && s !== '').join(' ');
  const detail = name || (typeof row.city === 'string' ? row.city : '');
  return detail ? `${String(row.reference)} — ${detail}` : String(row.reference);
}
