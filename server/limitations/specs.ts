/** Limitations and signals as the console lists them (their operations: one file per verb here). */
import { LIMITATION_KINDS, LIMITATION_MODALITIES, LIMITATION_REASONS, LIMITATION_STATUSES, SIGNAL_REASONS, SIGNAL_STATUSES } from '../../shared/domain';
import type { ResourceSpec } from '../http/resource';
import { createdAt, id, nullableRef, ref } from '../http/specFields';

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
