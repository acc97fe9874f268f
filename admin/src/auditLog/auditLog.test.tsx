/**
 * The audit trail in words (CONTRACT.md "Demo accounts"): who — by name, never by id — did
 * what, to which record (linked), when (dd/mm/yyyy HH:mm, Paris), and only the fields that
 * changed, as the server sent them (already limited to what the role may read and masked).
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { limitations, partners } from '../../test/fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from '../../test/msw';
import { renderApp } from '../../test/renderApp';
import { actorLabel, auditTarget, changedFields, formatAuditValue } from './auditDisplay';

const translate = (key: string, options?: Record<string, unknown>) => (options?._ as string | undefined) ?? key;

/** A case referral by the mediator, as the server sends it to a mediator (IBAN in the text masked). */
const REFERRAL = {
  id: 501,
  at: '2025-07-01T08:30:00.000Z',
  actorId: 4,
  actorKind: 'staff',
  actorName: 'Marie Médiation',
  action: 'cases.refer',
  resource: 'cases',
  resourceId: '111',
  before: { id: 111, status: 'amicable', description: 'Remboursement sur FR76 •••• 0189', referredAt: null, updatedAt: '2025-06-30T10:00:00.000Z', version: 3 },
  after: { id: 111, status: 'referred', description: 'Remboursement sur FR76 •••• 0189', referredAt: '2025-07-01T08:30:00.000Z', updatedAt: '2025-07-01T08:30:00.000Z', version: 4 },
};
const CASE = { id: 111, reference: 'M000111', status: 'referred', category: 'quality', orderId: 31, clientId: 21, partnerId: 11, createdAt: '2025-06-01T08:00:00.000Z' };

function handlers(rows: unknown[], user = USERS.mediator) {
  return [
    ...authHandlers({ user, signedIn: true }).handlers,
    listHandler('audit-log', rows as never[]),
    oneHandler('audit-log', rows as never[]),
    listHandler('cases', [CASE]),
    oneHandler('cases', [CASE]),
    listHandler('partners', [...partners]),
    listHandler('limitations', [...limitations]),
  ];
}

describe('the audit trail’s words', () => {
  it('when only some fields differ, then only those are listed (bookkeeping updatedAt/version left out)', () => {
    expect(changedFields(REFERRAL.before, REFERRAL.after)).toEqual([
      { field: 'status', before: 'amicable', after: 'referred' },
      { field: 'referredAt', before: null, after: '2025-07-01T08:30:00.000Z' },
    ]);
  });

  it('when a record is created or deleted, then its filled fields are listed against nothing', () => {
    expect(changedFields(null, { status: 'active', note: null })).toEqual([{ field: 'status', before: null, after: 'active' }]);
    expect(changedFields({ status: 'active' }, null)).toEqual([{ field: 'status', before: 'active', after: null }]);
  });

  it('when values are shown, then instants read dd/mm/yyyy HH:mm in Paris time (summer and winter), days dd/mm/yyyy, masks as sent', () => {
    expect(formatAuditValue('2025-07-01T08:30:00.000Z', translate)).toBe('01/07/2025 10:30');
    expect(formatAuditValue('2025-01-15T23:30:00.000Z', translate)).toBe('16/01/2025 00:30');
    expect(formatAuditValue('2025-03-07', translate)).toBe('07/03/2025');
    expect(formatAuditValue('••••-••-••', translate)).toBe('••••-••-••');
  });

  it('when the actor has no name (the engine, an app), then a phrase — never an id', () => {
    const t = (key: string) => key;
    expect(actorLabel({ actorName: null, actorKind: 'system' }, t)).toBe('app.audit.actor.system');
    expect(actorLabel({ actorName: null, actorKind: 'app:3' }, t)).toBe('app.audit.actor.app');
    expect(actorLabel({ actorName: 'Marie Médiation', actorKind: 'staff' }, t)).toBe('Marie Médiation');
  });

  it('when an entry is about an interview (no console page of its own), then it links to the partner it concerns', () => {
    expect(auditTarget({ resource: 'partner-checks', resourceId: '9', before: null, after: { partnerId: 11 } })).toEqual({ resource: 'partners', id: 11 });
    expect(auditTarget({ resource: 'cases', resourceId: '111', before: null, after: null })).toEqual({ resource: 'cases', id: 111 });
  });
});

describe('the audit screens', () => {
  it('when the list opens, then each row says who did what to which record, dated in Paris time', async () => {
    server.use(...handlers([REFERRAL]));
    renderApp('/audit-log');
    expect(await screen.findByText('a transmis le dossier au médiateur')).toBeInTheDocument();
    expect(screen.getByText('Marie Médiation')).toBeInTheDocument();
    expect(screen.getByText('01/07/2025 10:30')).toBeInTheDocument();
    expect(await screen.findByText('M000111')).toBeInTheDocument();
    expect(screen.queryByText('cases.refer')).not.toBeInTheDocument();
  });

  it('when an entry opens, then the sentence, a link to the case and a table of the changed fields only', async () => {
    server.use(...handlers([REFERRAL]));
    renderApp('/audit-log/501/show');
    expect(await screen.findByText('Marie Médiation a transmis le dossier au médiateur')).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'M000111' });
    expect(link.getAttribute('href')).toMatch(/cases\/111\/show$/);
    const table = screen.getByRole('table', { name: 'Champs modifiés' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(['—', '01/07/2025 10:30']);
    expect(within(table).queryByText(/FR76/)).not.toBeInTheDocument();
    expect(within(table).queryByText('Version')).not.toBeInTheDocument();
  });

  it('when the coordinator opens the resource filter, then it offers only what the coordinator may read (no cases, documents, signals)', async () => {
    server.use(...handlers([], USERS.coordinator));
    renderApp('/audit-log');
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Ressource' }));
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toContain('Partenaires');
    expect(options).toContain('Commandes');
    for (const hidden of ['Dossiers de médiation', 'Documents', 'Signalements', 'Comptes du personnel']) expect(options).not.toContain(hidden);
  });
});
