import { ROLES } from '../../shared/roles';
import { searchTextOf } from '../../shared/text';
import type { ResourceSpec } from '../http/resource';

export const usersSpec: ResourceSpec = {
  name: 'users',
  table: 'users',
  defaultSort: ['fullName', 'ASC'],
  searchable: true,
  searchOf: (r) => searchTextOf([r.email as string, r.fullName as string]),
  fields: {
    id: { kind: 'id', filter: true, sort: true },
    email: { kind: 'string', filter: true, sort: true, editable: true },
    fullName: { kind: 'string', sort: true, editable: true },
    role: { kind: 'enum', values: ROLES, filter: true, sort: true, editable: true },
    active: { kind: 'bool', filter: true, sort: true, editable: true },
    createdAt: { kind: 'instant', filter: 'range', sort: true },
    lockedUntil: {
      kind: 'instant',
      filter: 'range',
      sort: true,
      nullable: true,
      description: 'Sign-ins to the account are refused until then (from at least one address); lifted by POST /api/users/{id}/unlock',
    },
    totpEnrolledAt: {
      kind: 'instant',
      filter: 'range',
      sort: true,
      nullable: true,
      description: 'When the account enrolled in two-step sign-in (TOTP); null: the password alone. Reset by POST /api/users/{id}/reset-totp',
    },
  },
};

export const appTokensSpec: ResourceSpec = {
  name: 'app-tokens',
  table: 'appTokens',
  defaultSort: ['createdAt', 'DESC'],
  fields: {
    id: { kind: 'id', filter: true, sort: true },
    name: { kind: 'string', sort: true, editable: true },
    createdBy: { kind: 'int', filter: true, nullable: true },
    createdAt: { kind: 'instant', sort: true },
    lastUsedAt: { kind: 'instant', sort: true, nullable: true },
    revokedAt: { kind: 'instant', sort: true, nullable: true, filter: true },
  },
};
