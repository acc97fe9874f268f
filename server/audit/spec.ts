import type { ResourceSpec } from '../http/resource';

export const auditLogSpec: ResourceSpec = {
  name: 'audit-log',
  table: 'auditLog',
  defaultSort: ['at', 'DESC'],
  fields: {
    id: { kind: 'id', filter: true, sort: true },
    at: { kind: 'instant', filter: 'range', sort: true },
    actorId: { kind: 'int', filter: true, sort: true, nullable: true },
    actorKind: { kind: 'string', filter: true },
    action: { kind: 'string', filter: true, sort: true },
    resource: { kind: 'string', filter: true, sort: true },
    resourceId: { kind: 'string', filter: true },
    before: { kind: 'json', nullable: true },
    after: { kind: 'json', nullable: true },
  },
};
