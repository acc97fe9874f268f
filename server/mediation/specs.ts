/** Mediation cases as the console lists them (their operations: one file per verb here; deadlines MED-5..7). */
import { z } from 'zod';
import { CASE_CATEGORIES, CASE_OUTCOMES, CASE_STATUSES } from '../../shared/domain';
import { searchTextOf } from '../../shared/text';
import type { ResourceSpec } from '../http/resource';
import { createdAt, id, nullableRef } from '../http/specFields';

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
