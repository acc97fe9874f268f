/**
 * The audit trail's rule (CONTRACT.md "Demo accounts": each role sees only the entries about
 * what it may read, masked as those records): `canReadAuditOf`, `auditReadScope` and the masks,
 * with the permission table itself as the oracle.
 */
import { describe, expect, it } from 'vitest';
import {
  AUDIT_RESOURCES,
  auditReadScope,
  auditScopeAdmits,
  can,
  canReadAuditOf,
  maskAuditEntry,
  maskAuditValue,
  maskFreeText,
  RESOURCES,
  ROLES,
} from './permissions';

const IBAN = 'FR7630006000011234567890189';
const CARD = '4242424242424242';

describe('who reads which audit entries', () => {
  it.each(ROLES)('when %s asks about an entry of each resource of the table, then it may read it iff it may list the resource', (role) => {
    for (const resource of RESOURCES) expect(canReadAuditOf(role, resource, `${resource}.update`), `${role} ${resource}`).toBe(can(role, resource, 'list'));
  });

  it.each(ROLES)('when %s asks about a case’s timeline entry (mail bodies, notes), then it may read it iff it may read the case’s events', (role) => {
    expect(canReadAuditOf(role, 'cases', 'cases.event.message_in')).toBe(can(role, 'cases', 'events'));
    expect(canReadAuditOf(role, 'cases', 'cases.event.note')).toBe(can(role, 'cases', 'events'));
  });

  it.each(ROLES)('when %s asks about a partner’s interview or skills test, then it may read it iff it may record checks', (role) => {
    expect(canReadAuditOf(role, 'partner-checks', 'partner-checks.update')).toBe(can(role, 'partners', 'checks'));
  });

  it('when an entry is about something no staff screen reads (an app’s favourites, messages) or an unknown name, then admin alone reads it', () => {
    for (const resource of ['favourites', 'messages', 'something-new']) {
      for (const role of ROLES) expect(canReadAuditOf(role, resource, `${resource}.create`), `${role} ${resource}`).toBe(role === 'admin');
    }
  });

  it('when nobody is signed in (no role), then no entry is readable', () => {
    for (const resource of AUDIT_RESOURCES) expect(canReadAuditOf(null, resource)).toBe(false);
    expect(auditReadScope(null)).toEqual({ all: false, clauses: [] });
  });

  it('when the scope of each role is built, then it admits exactly what canReadAuditOf says (the SQL reads the scope)', () => {
    const actions = ['x.update', 'cases.event.note', 'cases.update', 'partner-checks.create'];
    for (const role of ROLES) {
      const scope = auditReadScope(role);
      for (const resource of [...AUDIT_RESOURCES, 'favourites']) {
        for (const action of actions) expect(auditScopeAdmits(scope, resource, action)).toBe(canReadAuditOf(role, resource, action));
      }
    }
  });

  it('when the coordinator’s scope is built, then it names no case, document, signal, staff account or app token', () => {
    const scope = auditReadScope('coordinator');
    expect(scope.all).toBe(false);
    const names = scope.all ? [] : scope.clauses.map((c) => c.resource);
    for (const forbidden of ['cases', 'documents', 'signals', 'users', 'app-tokens', 'payments', 'payouts']) expect(names).not.toContain(forbidden);
  });
});

describe('masking an audit entry as the record', () => {
  const entry = {
    id: 1,
    before: { iban: IBAN, birthDate: '1980-05-04', city: 'Lyon' },
    after: { iban: 'FR1420041010050500013M02606', birthDate: '1980-05-04', city: 'Lyon', nested: { iban: IBAN, body: `RIB ${IBAN}` } },
  };

  it.each(['ops', 'mediator', 'coordinator'] as const)('when %s reads it, then IBANs and birth dates are masked at any depth, in fields and in text', (role) => {
    const masked = maskAuditEntry(role, entry);
    expect(JSON.stringify(masked)).not.toContain(IBAN);
    expect(JSON.stringify(masked)).not.toContain('1980-05-04');
    expect(masked.before).toMatchObject({ iban: 'FR76 •••• 0189', city: 'Lyon' });
    expect((masked.after as { nested: { body: string } }).nested.body).toBe('RIB FR76 •••• 0189');
  });

  it.each(['support', 'admin'] as const)('when %s reads it, then IBANs and birth dates are in full', (role) => {
    expect(maskAuditEntry(role, entry)).toEqual(entry);
  });

  it.each(ROLES)('when %s reads a card number typed in text, then only its last four digits remain (no role sees a card number)', (role) => {
    expect(maskFreeText(role, `ma carte ${CARD}`)).toBe('ma carte •••• 4242');
    expect(maskAuditValue(role, { cardNumber: CARD })).toEqual({ cardNumber: '•••• 4242' });
  });

  it('when a value has no text (numbers, booleans, null), then it is returned as is', () => {
    expect(maskAuditValue('ops', { a: 1, b: true, c: null, d: [2, 'x'] })).toEqual({ a: 1, b: true, c: null, d: [2, 'x'] });
    expect(maskAuditValue('ops', null)).toBeNull();
  });
});
