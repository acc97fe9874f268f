/**
 * The verification capability's SQL: partners' files (documents, checks, the cached
 * registry answer) read in bulk, so that the queue and the checklist cost a handful of
 * queries whatever the number of files. Rows leave here in the API's shape.
 */
import type { Row } from '../data/rows';
import type { Knex } from 'knex';
import type { CheckKind, CheckOutcome, ChecklistCheck, ChecklistDocument, ChecklistPartner, RegistryCompany, RegistryState } from '../../shared/verification/requirements';
import { partnersSpec } from '../marketplace/specs';

export const PARTNER_FILE_COLUMNS = [
  'id',
  'reference',
  'firstName',
  'lastName',
  'vertical',
  'services',
  'siren',
  'iban',
  'status',
  'assignedTo',
  'takenAt',
  'reviewRequestedAt',
  'fileIncompleteSince',
  'createdAt',
  'version',
] as const;

export interface PartnerFile extends ChecklistPartner {
  id: number;
  reference: string;
  status: NonNullable<ChecklistPartner['status']>;
  assignedTo: number | null;
  takenAt: string | null;
  reviewRequestedAt: string | null;
  fileIncompleteSince: string | null;
  createdAt: string;
  version: number;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function toPartnerFile(row: Row): PartnerFile {
  return {
    id: Number(row.id),
    reference: String(row.reference),
    firstName: String(row.firstName),
    lastName: String(row.lastName),
    vertical: row.vertical as PartnerFile['vertical'],
    services: typeof row.services === 'string' ? (JSON.parse(row.services) as string[]) : ((row.services as string[]) ?? []),
    siren: (row.siren as string | null) ?? null,
    iban: (row.iban as string | null) ?? null,
    status: row.status as PartnerFile['status'],
    assignedTo: row.assignedTo === null || row.assignedTo === undefined ? null : Number(row.assignedTo),
    takenAt: iso(row.takenAt),
    reviewRequestedAt: iso(row.reviewRequestedAt),
    fileIncompleteSince: iso(row.fileIncompleteSince),
    createdAt: iso(row.createdAt)!,
    version: Number(row.version ?? 1),
  };
}

export async function loadPartnerFile(db: Knex, id: number): Promise<PartnerFile | null> {
  const row = await db('partners').select(PARTNER_FILE_COLUMNS).where('id', id).first();
  return row ? toPartnerFile(row) : null;
}

/** The columns the checklist reads (a lighter read than the full record: the queue reads many files). */
const CHECKLIST_DOCUMENT_COLUMNS = [
  'id',
  'partnerId',
  'type',
  'status',
  'issuedAt',
  'expiresAt',
  'qualification',
  'holderName',
  'iban',
  'worksInFranceAuthorised',
  'createdAt',
  'reviewedAt',
] as const;

export function toChecklistDocument(row: Row): ChecklistDocument & { partnerId: number } {
  const b = row.worksInFranceAuthorised;
  return {
    id: Number(row.id),
    partnerId: Number(row.partnerId),
    type: row.type as ChecklistDocument['type'],
    status: row.status as ChecklistDocument['status'],
    issuedAt: (row.issuedAt as string | null) ?? null,
    expiresAt: (row.expiresAt as string | null) ?? null,
    qualification: (row.qualification as string | null) ?? null,
    holderName: (row.holderName as string | null) ?? null,
    iban: (row.iban as string | null) ?? null,
    worksInFranceAuthorised: b === null || b === undefined ? null : b === true || b === 1 || b === '1' || b === 't',
    createdAt: iso(row.createdAt)!,
    reviewedAt: iso(row.reviewedAt),
  };
}

/** Documents of these partners (the checklist's view of them), grouped by partner. */
export async function loadDocuments(db: Knex, partnerIds: readonly number[]): Promise<Map<number, ChecklistDocument[]>> {
  const out = new Map<number, ChecklistDocument[]>();
  if (partnerIds.length === 0) return out;
  for (let i = 0; i < partnerIds.length; i += 500) {
    const rows = await db('documents').select(CHECKLIST_DOCUMENT_COLUMNS).whereIn('partnerId', partnerIds.slice(i, i + 500));
    for (const row of rows) {
      const doc = toChecklistDocument(row);
      if (!out.has(doc.partnerId)) out.set(doc.partnerId, []);
      out.get(doc.partnerId)!.push(doc);
    }
  }
  return out;
}

export interface CheckRecord extends ChecklistCheck {
  partnerId: number;
  notes: string | null;
  recordedBy: number | null;
  updatedAt: string;
  version: number;
}

export function toCheck(row: Row): CheckRecord {
  return {
    id: Number(row.id),
    partnerId: Number(row.partnerId),
    kind: row.kind as CheckKind,
    scheduledAt: iso(row.scheduledAt),
    doneAt: iso(row.doneAt),
    outcome: (row.outcome as CheckOutcome | null) ?? null,
    notes: (row.notes as string | null) ?? null,
    recordedBy: row.recordedBy === null || row.recordedBy === undefined ? null : Number(row.recordedBy),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    version: Number(row.version ?? 1),
  };
}

export async function loadChecks(db: Knex, partnerIds: readonly number[]): Promise<Map<number, CheckRecord[]>> {
  const out = new Map<number, CheckRecord[]>();
  if (partnerIds.length === 0) return out;
  for (let i = 0; i < partnerIds.length; i += 500) {
    const rows = await db('partnerChecks').whereIn('partnerId', partnerIds.slice(i, i + 500)).orderBy('id');
    for (const row of rows) {
      const c = toCheck(row);
      if (!out.has(c.partnerId)) out.set(c.partnerId, []);
      out.get(c.partnerId)!.push(c);
    }
  }
  return out;
}

/** The cached registry answers for these SIRENs. */
export async function loadRegistryCache(db: Knex, sirens: readonly string[]): Promise<Map<string, RegistryState>> {
  const out = new Map<string, RegistryState>();
  const unique = [...new Set(sirens.filter((s) => /^\d{9}$/.test(s)))];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db('registryLookups').whereIn('siren', unique.slice(i, i + 500));
    for (const row of rows) out.set(String(row.siren), toRegistryState(row));
  }
  return out;
}

export function toRegistryState(row: Row): RegistryState {
  const checkedAt = iso(row.checkedAt)!;
  const found = row.found === true || row.found === 1 || row.found === '1';
  if (!found) return { status: 'not_found', siren: String(row.siren), checkedAt };
  return { status: 'found', company: JSON.parse(String(row.company)) as RegistryCompany, checkedAt };
}

export async function saveRegistryLookup(db: Knex, siren: string, company: RegistryCompany | null, source: string, at: Date): Promise<void> {
  await db('registryLookups')
    .insert({ siren, found: company !== null, company: company ? JSON.stringify(company) : null, source, checkedAt: at.toISOString() })
    .onConflict('siren')
    .merge();
}

export async function userNames(db: Knex, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await db('users').select('id', 'fullName').whereIn('id', wanted);
  return new Map(rows.map((r) => [Number(r.id), String(r.fullName)]));
}

export { partnersSpec };
