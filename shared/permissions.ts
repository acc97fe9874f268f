/**
 * The one permission table (role × resource × action), read by the server's
 * `authorize` middleware on every route and by the console's `authProvider.canAccess`.
 * Source: ../shared/CONTRACT.md "Demo accounts" — what each role may change — and
 * "Every role can read partners, clients, orders, proposals, reviews, services and
 * the audit log", the audit log showing each role only the entries about what it may read.
 *
 * Actions: `list` and `show` read; `create`, `edit`, `delete` are the REST verbs;
 * any other action names a POST /api/{resource}/{id}/{action} endpoint (or a file).
 */
import type { Role } from './roles';
import { maskCardNumber, maskIbanText, maskSensitiveText, type TextNumberKind } from './sensitiveText';

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
  'payout-runs',
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
    // Cancelling an order for a client or a partner on the phone (CONTRACT "Orders (support, admin)").
    orders: ['cancel'],
    // PAY-7: support reads the partners' payouts and changes their frequency (partner edit).
    payouts: READ,
    'payout-runs': READ,
  }),
  ops: grants({
    limitations: ['create', 'lift', 'terminate', 'approve-termination', 'decline-termination'],
    signals: ['list', 'show', 'edit'],
    payments: READ,
    payouts: READ,
    'payout-runs': READ,
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
  // No role sees a payment card number in full (PCI DSS: the last four digits at most); no
  // record has one, but a client can type one into a message that reaches a case.
  cardNumber: [],
};

export function seesInFull(role: Role | null | undefined, field: string): boolean {
  if (!Object.hasOwn(SENSITIVE_FIELDS, field)) return true;
  const allowed = SENSITIVE_FIELDS[field];
  return role != null && allowed.includes(role);
}

/** `FR7630006000011234567890189` → `FR76 •••• 0189` (CONTRACT.md's example). */
export function maskIban(iban: string | null | undefined): string | null {
  if (!iban) return iban ?? null;
  return maskIbanText(iban);
}

export function maskBirthDate(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  return '••••-••-••';
}

export function maskField(field: string, value: unknown): unknown {
  if (field === 'iban') return maskIban(value as string | null);
  if (field === 'birthDate') return maskBirthDate(value as string | null);
  if (field === 'cardNumber') return value == null ? null : maskCardNumber(String(value));
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

// ---------------------------------------------------------------------------------------
// The audit trail (CONTRACT.md "Demo accounts"): readable by every role, but each role sees
// only the entries about what it may read, masked as that record is — the trail copies
// records, so without this rule it would be a side door to them. The server's audit routes
// (list in SQL, show, exports) and the GDPR export all read the rule below.

/** What reading something needs: `action` on `resource`, or — without `action` — reading it (list or show). */
export interface ReadRequirement {
  resource: Resource;
  action?: string;
}

/**
 * Entries whose `resource` is not a resource of the table, and what reading them needs. Any
 * other name (`favourites`, `messages`: what the apps write, which no staff screen shows) is
 * read by admin only.
 */
const AUDIT_RESOURCE_READS: Readonly<Record<string, ReadRequirement>> = {
  // The phone interview and skills test of a partner's file (REF-6).
  'partner-checks': { resource: 'partners', action: 'checks' },
};

/**
 * Entries narrower than their resource: a case's timeline (mail bodies, internal notes,
 * evidence) needs the case's `events`, not only reading the case (ops may read a case's
 * status and deadlines, not its exchanges).
 */
const AUDIT_ACTION_READS: ReadonlyArray<{ resource: string; actionPrefix: string; needs: ReadRequirement }> = [
  { resource: 'cases', actionPrefix: 'cases.event.', needs: { resource: 'cases', action: 'events' } },
];

/** Reading a resource: its list or one of its records. */
export function canReadResource(role: Role | null | undefined, resource: Resource): boolean {
  return can(role, resource, 'list') || can(role, resource, 'show');
}

function meets(role: Role | null | undefined, need: ReadRequirement | undefined): boolean {
  if (!need) return false;
  return need.action ? can(role, need.resource, need.action) : canReadResource(role, need.resource);
}

function auditRequirement(resource: string): ReadRequirement | undefined {
  if ((RESOURCES as readonly string[]).includes(resource)) return { resource: resource as Resource };
  return AUDIT_RESOURCE_READS[resource];
}

/**
 * The entries a role may read, as data the server turns into SQL: everything, or a list of
 * audit resources, each with all its actions, only the actions starting with `only`, or all
 * but those starting with `except`.
 */
export type AuditReadScope = { all: true } | { all: false; clauses: readonly AuditScopeClause[] };
export interface AuditScopeClause {
  resource: string;
  only?: readonly string[];
  except?: readonly string[];
}

/** Every `resource` name the rule knows (the table's resources and the extra audit names). */
export const AUDIT_RESOURCES: readonly string[] = [...new Set([...RESOURCES, ...Object.keys(AUDIT_RESOURCE_READS), ...AUDIT_ACTION_READS.map((r) => r.resource)])];

const scopes = new Map<Role | null, AuditReadScope>();

export function auditReadScope(role: Role | null | undefined): AuditReadScope {
  const key = role ?? null;
  const cached = scopes.get(key);
  if (cached) return cached;
  let scope: AuditReadScope;
  if (key !== null && PERMISSIONS[key] === '*') {
    scope = { all: true };
  } else {
    const clauses: AuditScopeClause[] = [];
    for (const resource of AUDIT_RESOURCES) {
      const narrower = AUDIT_ACTION_READS.filter((r) => r.resource === resource);
      const granted = narrower.filter((r) => meets(key, r.needs)).map((r) => r.actionPrefix);
      const denied = narrower.filter((r) => !meets(key, r.needs)).map((r) => r.actionPrefix);
      if (meets(key, auditRequirement(resource))) clauses.push(denied.length ? { resource, except: denied } : { resource });
      else if (granted.length) clauses.push({ resource, only: granted });
    }
    scope = { all: false, clauses };
  }
  scopes.set(key, scope);
  return scope;
}

/** Whether `scope` contains the entry with this `resource` and `action`. */
export function auditScopeAdmits(scope: AuditReadScope, resource: string, action = ''): boolean {
  if (scope.all) return true;
  const clause = scope.clauses.find((c) => c.resource === resource);
  if (!clause) return false;
  if (clause.only) return clause.only.some((p) => action.startsWith(p));
  if (clause.except) return !clause.except.some((p) => action.startsWith(p));
  return true;
}

/**
 * Whether `role` may read an audit entry about `resource` (with `action`: the entry's action
 * code, for the entries narrower than their resource such as a case's timeline).
 */
export function canReadAuditOf(role: Role | null | undefined, resource: string, action?: string): boolean {
  return auditScopeAdmits(auditReadScope(role), resource, action);
}

const TEXT_KINDS: readonly TextNumberKind[] = ['iban', 'cardNumber', 'phone'];

/**
 * Free text (a note, a mail body, a description) with the numbers the role would not see in
 * full masked: IBANs unless the role sees `iban`, card numbers always, phone numbers only if
 * `phone` ever becomes a sensitive field (SENSITIVE_FIELDS).
 */
export function maskFreeText(role: Role | null | undefined, text: string): string {
  const hidden = new Set(TEXT_KINDS.filter((kind) => !seesInFull(role, kind)));
  return maskSensitiveText(text, hidden);
}

/**
 * An audit `before`/`after` value as `role` may see it, at any depth: sensitive fields masked
 * as in the record itself (`maskField`), every text masked with `maskFreeText`.
 */
export function maskAuditValue(role: Role | null | undefined, value: unknown): unknown {
  if (typeof value === 'string') return maskFreeText(role, value);
  if (Array.isArray(value)) return value.map((v) => maskAuditValue(role, v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = !seesInFull(role, key) ? maskField(key, v) : maskAuditValue(role, v);
  }
  return out;
}

/** An audit entry as `role` may see it: `before` and `after` through `maskAuditValue`. */
export function maskAuditEntry<T extends { before?: unknown; after?: unknown }>(role: Role | null | undefined, entry: T): T {
  return { ...entry, before: maskAuditValue(role, entry.before), after: maskAuditValue(role, entry.after) };
}
