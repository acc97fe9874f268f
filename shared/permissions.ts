/**
 * The one permission table (role × resource × action), read by the server's
 * `authorize` middleware on every route and by the console's `authProvider.canAccess`.
 * Source: ../shared/CONTRACT.md "Demo accounts" — what each role may change — and
 * "Every role can read partners, clients, orders, proposals, reviews, services and
 * the audit log".
 *
 * Actions: `list` and `show` read; `create`, `edit`, `delete` are the REST verbs;
 * any other action names a POST /api/{resource}/{id}/{action} endpoint (or a file).
 */
import type { Role } from './roles';

export { ROLES, type Role, isRole } from './roles';

export const RESOURCES = [
  'partners',
  'documents',
  'clients',
  'services',
  'orders',
  'proposals',
  'reviews',
  'payments',
  'payouts',
  'limitations',
  'signals',
  'cases',
  'audit-log',
  'users',
  'app-tokens',
] as const;
export type Resource = (typeof RESOURCES)[number];

const READ = ['list', 'show'] as const;

/** Every role reads these (CONTRACT.md). */
const COMMON_READ: Partial<Record<Resource, readonly string[]>> = {
  partners: READ,
  clients: READ,
  services: READ,
  orders: READ,
  proposals: READ,
  reviews: READ,
  limitations: READ,
  'audit-log': READ,
};

type Grants = Partial<Record<Resource, readonly string[]>>;

function grants(extra: Grants): Grants {
  const out: Record<string, string[]> = {};
  for (const [resource, actions] of Object.entries(COMMON_READ)) out[resource] = [...(actions ?? [])];
  for (const [resource, actions] of Object.entries(extra)) {
    out[resource] = [...new Set([...(out[resource] ?? []), ...(actions ?? [])])];
  }
  return out as Grants;
}

export const PERMISSIONS: Record<Role, Grants | '*'> = {
  // Admin: everything, including staff accounts and app tokens.
  admin: '*',
  support: grants({
    partners: ['create', 'edit', 'take', 'approve', 'refuse', 'verification', 'release', 'checks', 'validate', 'registry'],
    documents: ['list', 'show', 'create', 'file', 'approve', 'reject', 'edit'],
    signals: ['create'],
  }),
  ops: grants({
    limitations: ['create', 'lift', 'terminate', 'approve-termination', 'decline-termination'],
    signals: ['list', 'show', 'edit'],
    payments: READ,
    payouts: READ,
    cases: READ,
  }),
  mediator: grants({
    cases: ['list', 'show', 'create', 'edit', 'amicable', 'resolve', 'refer', 'close', 'events', 'evidence', 'referral', 'assign', 'extend', 'intake'],
    signals: ['create'],
    payments: READ,
  }),
  coordinator: grants({
    orders: ['sheet', 'sheets', 'signed-sheet'],
  }),
};

export function can(role: Role | null | undefined, resource: Resource, action: string): boolean {
  if (!role) return false;
  const g = PERMISSIONS[role];
  if (g === '*') return true;
  return g[resource]?.includes(action) ?? false;
}

/**
 * Sensitive fields: shown in full only to the roles listed (CONTRACT.md: `iban` and
 * `birthDate` to support and admin; masked for others).
 */
export const SENSITIVE_FIELDS: Record<string, readonly Role[]> = {
  iban: ['support', 'admin'],
  birthDate: ['support', 'admin'],
};

export function seesInFull(role: Role | null | undefined, field: string): boolean {
  const allowed = SENSITIVE_FIELDS[field];
  if (!allowed) return true;
  return role != null && allowed.includes(role);
}

/** `FR7630006000011234567890189` → `FR76 •••• 0189` (CONTRACT.md's example). */
export function maskIban(iban: string | null | undefined): string | null {
  if (!iban) return iban ?? null;
  const compact = iban.replace(/\s+/g, '');
  if (compact.length < 8) return '••••';
  return `${compact.slice(0, 4)} •••• ${compact.slice(-4)}`;
}

export function maskBirthDate(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  return '••••-••-••';
}

export function maskField(field: string, value: unknown): unknown {
  if (field === 'iban') return maskIban(value as string | null);
  if (field === 'birthDate') return maskBirthDate(value as string | null);
  return value;
}

/** Masks every sensitive key of a flat record for the given role (used for API rows and audit before/after). */
export function maskRecord<T extends Record<string, unknown>>(role: Role | null | undefined, record: T): T {
  let out: Record<string, unknown> | null = null;
  for (const field of Object.keys(SENSITIVE_FIELDS)) {
    if (field in record && !seesInFull(role, field)) {
      out ??= { ...record };
      out[field] = maskField(field, record[field]);
    }
  }
  return (out ?? record) as T;
}
