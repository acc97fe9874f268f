/**
 * What each list's CSV holds: its columns, in order, and how each value is written. A resource
 * without its own list here exports every field of its list but the JSON ones, in the spec's
 * order. The rows are the list's rows — same filter, sort, scope and masking — so a column
 * never shows more than the list does.
 */
import type { Resource } from '../../shared/permissions';
import type { ApiRecord, FieldKind, ResourceSpec } from '../http/resource';

export type CsvKind =
  | 'text'
  | 'int'
  | 'decimal'
  | 'money'
  | 'datetime'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'json'
  /** An audit action code, written as the console's phrase for it. */
  | 'auditAction'
  /** A resource name (`partners`), written as the console's name for it. */
  | 'resourceName'
  /** The id of a person or an order, written as their name (csvNames.ts). */
  | 'name';

/** What a `name` column's id refers to. */
export type CsvNameRef = 'partners' | 'clients' | 'users' | 'orders';

/** A row of the export: a record of the list, as the API shows it. */
export type CsvRow = Readonly<ApiRecord>;

export interface CsvColumn {
  /** The row's field; also names the header (`resources.<resource>.fields.<source>`). */
  source: string;
  kind: CsvKind;
  /** For `enum`: the catalogue's `enums.<enumName>`. */
  enumName?: string;
  /** For `name`: what the id refers to. */
  ref?: CsvNameRef;
  /** A computed value instead of `row[source]`. */
  value?: (row: CsvRow) => unknown;
}

const text = (source: string): CsvColumn => ({ source, kind: 'text' });
const int = (source: string): CsvColumn => ({ source, kind: 'int' });
const at = (source: string): CsvColumn => ({ source, kind: 'datetime' });
const day = (source: string): CsvColumn => ({ source, kind: 'date' });
const money = (source: string): CsvColumn => ({ source, kind: 'money' });
const yesNo = (source: string): CsvColumn => ({ source, kind: 'boolean' });
const oneOf = (source: string, enumName: string): CsvColumn => ({ source, kind: 'enum', enumName });
const nameOf = (source: string, ref: CsvNameRef): CsvColumn => ({ source, kind: 'name', ref });
const partner = nameOf('partnerId', 'partners');
const client = nameOf('clientId', 'clients');
const order = nameOf('orderId', 'orders');

const COLUMNS: Partial<Record<Resource, readonly CsvColumn[]>> = {
  partners: [
    text('reference'),
    text('lastName'),
    text('firstName'),
    text('email'),
    text('phone'),
    text('postcode'),
    text('city'),
    oneOf('vertical', 'vertical'),
    { source: 'services', kind: 'list' },
    oneOf('status', 'partnerStatus'),
    oneOf('limitation', 'limitationModality'),
    { source: 'score', kind: 'decimal' },
    { source: 'radiusKm', kind: 'decimal' },
    at('createdAt'),
  ],
  documents: [partner, oneOf('type', 'documentType'), oneOf('status', 'documentStatus'), text('fileName'), day('expiresAt')],
  clients: [
    text('reference'),
    text('lastName'),
    text('firstName'),
    text('email'),
    text('phone'),
    text('postcode'),
    text('city'),
    at('createdAt'),
    at('deletedAt'),
  ],
  services: [text('id'), oneOf('vertical', 'vertical'), text('name'), int('durationMin'), money('priceCents'), money('partnerPayCents'), yesNo('regulated')],
  orders: [
    text('reference'),
    client,
    partner,
    text('serviceCode'),
    at('startsAt'),
    at('endsAt'),
    oneOf('status', 'orderStatus'),
    money('priceCents'),
    money('partnerPayCents'),
    at('createdAt'),
    at('sheetSignedAt'),
  ],
  proposals: [
    order,
    partner,
    int('rank'),
    at('sentAt'),
    at('deadlineAt'),
    oneOf('answer', 'proposalAnswer'),
    at('answeredAt'),
    at('proposedStartsAt'),
  ],
  reviews: [order, partner, client, int('rating'), yesNo('recommended'), text('comment'), at('createdAt'), at('publishedAt')],
  payments: [order, oneOf('kind', 'paymentKind'), money('amountCents'), at('dueAt'), at('doneAt')],
  payouts: [int('payoutRunId'), partner, day('periodStart'), day('periodEnd'), int('lineCount'), money('amountCents'), at('paidAt'), day('arrivesAt')],
  'payout-runs': [day('payoutDate'), oneOf('periodKind', 'payoutFrequency'), day('periodStart'), day('periodEnd'), int('payoutCount'), money('totalCents'), at('expectedArrivalAt')],
  limitations: [
    partner,
    oneOf('kind', 'limitationKind'),
    oneOf('reason', 'limitationReason'),
    oneOf('modality', 'limitationModality'),
    at('startsAt'),
    at('endsAt'),
    oneOf('status', 'limitationStatus'),
  ],
  signals: [partner, oneOf('reason', 'signalReason'), oneOf('status', 'signalStatus'), text('note'), at('createdAt')],
  cases: [
    text('reference'),
    order,
    client,
    partner,
    oneOf('category', 'caseCategory'),
    oneOf('status', 'caseStatus'),
    at('writtenComplaintAt'),
    at('answerDueAt'),
    day('referralLastDate'),
    at('referredAt'),
    at('refusalDueAt'),
    at('outcomeDueAt'),
    at('nextDueAt'),
    oneOf('outcome', 'caseOutcome'),
    money('refundCents'),
    yesNo('insuranceClaim'),
    nameOf('assignedTo', 'users'),
    at('createdAt'),
  ],
  // Rows come from the audit listing: only what the role may read, `before`/`after` masked.
  'audit-log': [
    at('at'),
    text('actorName'),
    { source: 'action', kind: 'auditAction' },
    { source: 'resource', kind: 'resourceName' },
    text('resourceId'),
    { source: 'before', kind: 'json' },
    { source: 'after', kind: 'json' },
  ],
  users: [
    text('email'),
    text('fullName'),
    oneOf('role', 'role'),
    yesNo('active'),
    at('createdAt'),
    // Only a lock in force: a past end means nothing to whoever reads the file.
    { source: 'lockedUntil', kind: 'datetime', value: (u) => (typeof u.lockedUntil === 'string' && Date.parse(u.lockedUntil) > Date.now() ? u.lockedUntil : null) },
  ],
  'app-tokens': [text('name'), at('createdAt'), at('lastUsedAt'), at('revokedAt')],
};

const KIND_OF: Record<FieldKind, CsvKind> = {
  id: 'text',
  int: 'int',
  number: 'decimal',
  string: 'text',
  bool: 'boolean',
  instant: 'datetime',
  date: 'date',
  json: 'json',
  enum: 'text',
};

/** The CSV columns of a resource (its own list, or every non-JSON field of its spec). */
export function csvColumnsOf(spec: ResourceSpec): readonly CsvColumn[] {
  const own = COLUMNS[spec.name];
  if (own) return own;
  return Object.entries(spec.fields)
    .filter(([, f]) => f.kind !== 'json')
    .map(([source, f]) => ({ source, kind: /Cents$/.test(source) && f.kind === 'int' ? 'money' : KIND_OF[f.kind] }));
}
