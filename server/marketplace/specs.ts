/**
 * The marketplace's resources as the console reads them (CONTRACT.md "Key fields").
 * The engine writes these rows; the capabilities (verification, limitations,
 * mediation, sheets) act on them through their own operations.
 */
import { z } from 'zod';
import {
  CASE_CATEGORIES,
  CASE_OUTCOMES,
  CASE_STATUSES,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  LIMITATION_KINDS,
  LIMITATION_MODALITIES,
  LIMITATION_REASONS,
  LIMITATION_STATUSES,
  ORDER_STATUSES,
  PARTNER_STATUSES,
  PAYMENT_KINDS,
  PROPOSAL_ANSWERS,
  SIGNAL_REASONS,
  SIGNAL_STATUSES,
  VERTICALS,
} from '../../shared/domain';
import { searchTextOf } from '../../shared/text';
import type { ResourceSpec } from '../http/resource';

const id = { kind: 'id', filter: true, sort: true } as const;
const ref = { kind: 'int', filter: true, sort: true } as const;
const nullableRef = { kind: 'int', filter: true, sort: true, nullable: true } as const;
const createdAt = { kind: 'instant', filter: 'range', sort: true } as const;

export const partnersSpec: ResourceSpec = {
  name: 'partners',
  table: 'partners',
  defaultSort: ['createdAt', 'DESC'],
  searchable: true,
  searchOf: (r) =>
    searchTextOf([r.reference, r.firstName, r.lastName, r.email, r.phone, r.postcode, r.city, r.siren] as string[]),
  fields: {
    id,
    reference: { kind: 'string', filter: true, sort: true },
    firstName: { kind: 'string', sort: true },
    lastName: { kind: 'string', sort: true },
    email: { kind: 'string', filter: true },
    phone: { kind: 'string', nullable: true },
    // Sensitive (masked for roles other than support/admin): never filterable or sortable.
    birthDate: { kind: 'date', nullable: true },
    address: { kind: 'string', nullable: true },
    postcode: { kind: 'string', filter: true, sort: true, nullable: true },
    city: { kind: 'string', filter: true, sort: true, nullable: true },
    lat: { kind: 'number', nullable: true },
    lng: { kind: 'number', nullable: true },
    siren: { kind: 'string', filter: true, nullable: true },
    iban: { kind: 'string', nullable: true },
    vertical: { kind: 'enum', values: VERTICALS, filter: true, sort: true },
    services: { kind: 'json' },
    radiusKm: { kind: 'number', filter: 'range', sort: true },
    weeklyHours: { kind: 'json' },
    status: { kind: 'enum', values: PARTNER_STATUSES, filter: true, sort: true },
    assignedTo: nullableRef,
    limitation: { kind: 'enum', values: LIMITATION_MODALITIES, filter: true, sort: true, nullable: true },
    score: { kind: 'number', filter: 'range', sort: true, nullable: true },
    /** SCO-8 breakdown of the last recompute (R, A, F, counts, real or platform mean). */
    scoreDetails: { kind: 'json', nullable: true },
    completedSessions: { kind: 'int', filter: 'range', sort: true },
    // PAY-7: editable (support, admin); a change applies from `payoutFrequencyFrom`, a boundary date, until which `previousPayoutFrequency` applies.
    payoutFrequency: { kind: 'enum', values: ['weekly', 'monthly'], filter: true },
    previousPayoutFrequency: { kind: 'enum', values: ['weekly', 'monthly'], nullable: true },
    payoutFrequencyFrom: { kind: 'date', nullable: true },
    // Verification (REF-7, REF-8, REF-9): read-only, changed only through the actions.
    reviewRequestedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    takenAt: { kind: 'instant', sort: true, nullable: true },
    refusalReason: { kind: 'string', nullable: true },
    decidedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    decidedBy: nullableRef,
    fileIncompleteSince: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    createdAt,
    updatedAt: { kind: 'instant', sort: true },
  },
  customFilters: {
    service: {
      schema: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'code de service attendu / service code expected'),
      description: 'Partners offering this service code',
      apply(qb, value, { db }) {
        qb.whereIn('partners.id', db('partnerServices').select('partnerId').where('serviceCode', value as string));
      },
    },
  },
};

export const clientsSpec: ResourceSpec = {
  name: 'clients',
  table: 'clients',
  defaultSort: ['createdAt', 'DESC'],
  searchable: true,
  searchOf: (r) => searchTextOf([r.reference, r.firstName, r.lastName, r.email, r.phone, r.postcode, r.city] as string[]),
  fields: {
    id,
    reference: { kind: 'string', filter: true, sort: true },
    firstName: { kind: 'string', sort: true, nullable: true },
    lastName: { kind: 'string', sort: true, nullable: true },
    email: { kind: 'string', filter: true, nullable: true },
    phone: { kind: 'string', nullable: true },
    address: { kind: 'string', nullable: true },
    postcode: { kind: 'string', filter: true, sort: true, nullable: true },
    city: { kind: 'string', filter: true, sort: true, nullable: true },
    lat: { kind: 'number', nullable: true },
    lng: { kind: 'number', nullable: true },
    createdAt,
    deletedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
  },
};

export const servicesSpec: ResourceSpec = {
  name: 'services',
  table: 'services',
  defaultSort: ['name', 'ASC'],
  stringId: true,
  searchable: true,
  searchOf: (r) => searchTextOf([r.id, r.name] as string[]),
  fields: {
    id,
    vertical: { kind: 'enum', values: VERTICALS, filter: true, sort: true },
    name: { kind: 'string', sort: true },
    durationMin: { kind: 'int', filter: 'range', sort: true },
    priceCents: { kind: 'int', filter: 'range', sort: true },
    partnerPayCents: { kind: 'int', filter: 'range', sort: true },
    regulated: { kind: 'bool', filter: true, sort: true },
  },
};

export const ordersSpec: ResourceSpec = {
  name: 'orders',
  table: 'orders',
  defaultSort: ['startsAt', 'DESC'],
  searchable: true,
  searchOf: (r) => searchTextOf([r.reference, r.city, r.postcode] as string[]),
  fields: {
    id,
    reference: { kind: 'string', filter: true, sort: true },
    clientId: ref,
    partnerId: nullableRef,
    serviceCode: { kind: 'string', filter: true, sort: true },
    startsAt: { kind: 'instant', filter: 'range', sort: true },
    endsAt: { kind: 'instant', filter: 'range', sort: true },
    status: { kind: 'enum', values: ORDER_STATUSES, filter: true, sort: true },
    priceCents: { kind: 'int', filter: 'range', sort: true },
    partnerPayCents: { kind: 'int', filter: 'range', sort: true },
    address: { kind: 'string', nullable: true },
    postcode: { kind: 'string', filter: true, nullable: true },
    city: { kind: 'string', filter: true, sort: true, nullable: true },
    lat: { kind: 'number', nullable: true },
    lng: { kind: 'number', nullable: true },
    immediateAdvance: { kind: 'bool', filter: true },
    createdAt,
    acceptedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    cancelledAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    completedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    sheetSignedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    sheetFileId: { kind: 'int', nullable: true },
  },
};

export const proposalsSpec: ResourceSpec = {
  name: 'proposals',
  table: 'proposals',
  defaultSort: ['sentAt', 'DESC'],
  fields: {
    id,
    orderId: ref,
    partnerId: ref,
    rank: { kind: 'int', filter: 'range', sort: true },
    sentAt: { kind: 'instant', filter: 'range', sort: true },
    deadlineAt: { kind: 'instant', filter: 'range', sort: true },
    answer: { kind: 'enum', values: PROPOSAL_ANSWERS, filter: true, sort: true, nullable: true },
    answeredAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    proposedStartsAt: { kind: 'instant', sort: true, nullable: true },
    score: { kind: 'number', nullable: true },
    distanceKm: { kind: 'number', nullable: true },
    clientAnswer: { kind: 'enum', values: ['accepted', 'declined'], filter: true, nullable: true },
    clientAnsweredAt: { kind: 'instant', nullable: true },
  },
};

export const reviewsSpec: ResourceSpec = {
  name: 'reviews',
  table: 'reviews',
  defaultSort: ['createdAt', 'DESC'],
  searchable: true,
  searchOf: (r) => searchTextOf([r.comment] as string[]),
  fields: {
    id,
    orderId: ref,
    partnerId: ref,
    clientId: ref,
    rating: { kind: 'int', filter: 'range', sort: true },
    recommended: { kind: 'bool', filter: true, sort: true },
    comment: { kind: 'string', nullable: true },
    surveyAnswered: { kind: 'bool', filter: true },
    createdAt,
    editedAt: { kind: 'instant', sort: true, nullable: true },
    publishedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
  },
};

export const paymentsSpec: ResourceSpec = {
  name: 'payments',
  table: 'payments',
  defaultSort: ['dueAt', 'DESC'],
  fields: {
    id,
    orderId: ref,
    kind: { kind: 'enum', values: PAYMENT_KINDS, filter: true, sort: true },
    amountCents: { kind: 'int', filter: 'range', sort: true },
    dueAt: { kind: 'instant', filter: 'range', sort: true },
    doneAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
  },
};

export const payoutsSpec: ResourceSpec = {
  name: 'payouts',
  table: 'payouts',
  defaultSort: ['periodEnd', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    // PAY-7: the run that paid it, and how many sessions it covers (its lines: GET /api/payouts/{id}/lines).
    payoutRunId: nullableRef,
    periodStart: { kind: 'date', filter: 'range', sort: true },
    periodEnd: { kind: 'date', filter: 'range', sort: true },
    amountCents: { kind: 'int', filter: 'range', sort: true },
    lineCount: { kind: 'int', filter: 'range', sort: true },
    paidAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    arrivesAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
  },
};

/** rule PAY-7: a payout run — one period of one frequency, paid once. */
export const payoutRunsSpec: ResourceSpec = {
  name: 'payout-runs',
  table: 'payoutRuns',
  defaultSort: ['payoutDate', 'DESC'],
  fields: {
    id,
    periodKind: { kind: 'enum', values: ['weekly', 'monthly'], filter: true, sort: true },
    periodStart: { kind: 'date', filter: 'range', sort: true },
    periodEnd: { kind: 'date', filter: 'range', sort: true },
    payoutDate: { kind: 'date', filter: 'range', sort: true },
    expectedArrivalAt: { kind: 'instant', filter: 'range', sort: true },
    payoutCount: { kind: 'int', filter: 'range', sort: true },
    totalCents: { kind: 'int', filter: 'range', sort: true },
    createdAt,
  },
};

export const documentsSpec: ResourceSpec = {
  name: 'documents',
  table: 'documents',
  defaultSort: ['createdAt', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    type: { kind: 'enum', values: DOCUMENT_TYPES, filter: true, sort: true },
    status: { kind: 'enum', values: DOCUMENT_STATUSES, filter: true, sort: true },
    fileName: { kind: 'string', sort: true },
    mimeType: { kind: 'string', filter: true },
    sizeBytes: { kind: 'int', sort: true },
    sha256: { kind: 'string', filter: true },
    issuedAt: { kind: 'date', filter: 'range', sort: true, nullable: true },
    expiresAt: { kind: 'date', filter: 'range', sort: true, nullable: true },
    rejectionReason: { kind: 'string', nullable: true },
    // Facts the agent records (VER-5) and the derived last valid day (VER-2).
    qualification: { kind: 'string', filter: true, nullable: true },
    holderName: { kind: 'string', nullable: true },
    iban: { kind: 'string', nullable: true },
    worksInFranceAuthorised: { kind: 'bool', filter: true, nullable: true },
    validUntil: { kind: 'date', filter: 'range', sort: true, nullable: true },
    reviewedBy: nullableRef,
    reviewedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    uploadedBy: nullableRef,
    createdAt,
  },
};

export const limitationsSpec: ResourceSpec = {
  name: 'limitations',
  table: 'limitations',
  defaultSort: ['createdAt', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    kind: { kind: 'enum', values: LIMITATION_KINDS, filter: true, sort: true },
    reason: { kind: 'enum', values: LIMITATION_REASONS, filter: true, sort: true },
    modality: { kind: 'enum', values: LIMITATION_MODALITIES, filter: true, sort: true },
    startsAt: { kind: 'instant', filter: 'range', sort: true },
    endsAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    status: { kind: 'enum', values: LIMITATION_STATUSES, filter: true, sort: true },
    note: { kind: 'string', nullable: true },
    evidence: { kind: 'json' },
    createdBy: nullableRef,
    terminationRequestedBy: nullableRef,
    createdAt,
  },
};

export const signalsSpec: ResourceSpec = {
  name: 'signals',
  table: 'signals',
  defaultSort: ['createdAt', 'DESC'],
  fields: {
    id,
    partnerId: ref,
    source: { kind: 'string', filter: true, sort: true },
    reason: { kind: 'enum', values: SIGNAL_REASONS, filter: true, sort: true },
    note: { kind: 'string', nullable: true },
    evidence: { kind: 'json' },
    caseId: nullableRef,
    status: { kind: 'enum', values: SIGNAL_STATUSES, filter: true, sort: true },
    createdBy: nullableRef,
    createdAt,
  },
};

export const casesSpec: ResourceSpec = {
  name: 'cases',
  table: 'cases',
  defaultSort: ['createdAt', 'DESC'],
  searchable: true,
  searchOf: (r) => searchTextOf([r.reference, r.description] as string[]),
  fields: {
    id,
    reference: { kind: 'string', filter: true, sort: true },
    orderId: nullableRef,
    clientId: nullableRef,
    partnerId: nullableRef,
    category: { kind: 'enum', values: CASE_CATEGORIES, filter: true, sort: true, editable: true },
    status: { kind: 'enum', values: CASE_STATUSES, filter: true, sort: true },
    // Mediation: the deadlines are computed by shared/mediation/deadlines.ts (MED-5..7).
    description: { kind: 'string', nullable: true, editable: true },
    writtenComplaintAt: { kind: 'instant', filter: 'range', sort: true, nullable: true, editable: true },
    answerDueAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    answeredAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    referralLastDate: { kind: 'date', filter: 'range', sort: true, nullable: true },
    referredAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    mediatorReceivedAt: { kind: 'instant', sort: true, nullable: true, editable: true },
    refusalDueAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    mediatorNotifiedAt: { kind: 'instant', sort: true, nullable: true, editable: true },
    outcomeDueAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    outcomeExtensionDays: { kind: 'int', filter: 'range', sort: true },
    nextDueAt: { kind: 'instant', filter: 'range', sort: true, nullable: true, description: 'The nearest running deadline (the queue order)' },
    nextDueKind: { kind: 'enum', values: ['answer', 'refusal', 'outcome'], filter: true, nullable: true },
    outcome: { kind: 'enum', values: CASE_OUTCOMES, filter: true, nullable: true },
    refundCents: { kind: 'int', nullable: true },
    refundPaymentId: { kind: 'int', nullable: true },
    insuranceClaim: { kind: 'bool', filter: true },
    assignedTo: { ...nullableRef, editable: true },
    closedAt: { kind: 'instant', filter: 'range', sort: true, nullable: true },
    // An e-mail quoting this case from an unknown sender: the case it may belong to (server/mediation/intake.ts).
    suggestedCaseId: { ...nullableRef, description: 'To be attached: the case whose reference the e-mail quotes' },
    duplicateOfId: { ...nullableRef, description: 'Closed as a duplicate of this case' },
    createdAt,
    updatedAt: { kind: 'instant', sort: true },
  },
  customFilters: {
    toAttach: {
      schema: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
      description: 'true: cases opened from an e-mail quoting another case, waiting for a mediator to attach it or not',
      apply(qb, value) {
        if (value === true) qb.whereNotNull('cases.suggestedCaseId');
        else qb.whereNull('cases.suggestedCaseId');
      },
    },
    overdue: {
      schema: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
      description: 'true: a running deadline has passed (nextDueAt < now); false: none has',
      apply(qb, value) {
        // The list context has no clock: the server's time, as the queue is read now.
        const now = new Date().toISOString();
        if (value === true) qb.where('cases.nextDueAt', '<', now);
        else qb.where((w) => w.whereNull('cases.nextDueAt').orWhere('cases.nextDueAt', '>=', now));
      },
    },
  },
};
