/**
 * The marketplace's resources as the console reads them (CONTRACT.md "Key fields"): the
 * rows the engine writes. The capabilities keep their own resources' specs (verification,
 * limitations, mediation and payouts: their specs.ts).
 */
import { z } from 'zod';
import { LIMITATION_MODALITIES, ORDER_STATUSES, PARTNER_STATUSES, PAYMENT_KINDS, PROPOSAL_ANSWERS, VERTICALS } from '../../shared/domain';
import { searchTextOf } from '../../shared/text';
import type { ResourceSpec } from '../http/resource';
import { createdAt, id, nullableRef, ref } from '../http/specFields';

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

