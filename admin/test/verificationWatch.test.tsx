/**
 * REF-8's watch view: documents arriving at expiry and documents already expired are two
 * lists, so that "arrivant à échéance dans les 30 jours" never shows a document past its date.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { authHandlers, server, USERS } from './msw';
import { renderApp } from './renderApp';

const doc = (id: number, validUntil: string, expired: boolean, daysLeft: number) => ({
  documentId: id,
  documentType: 'urssaf_certificate',
  requirement: 'urssaf',
  rule: 'REF-3',
  partnerId: 11,
  partnerReference: 'P-000011',
  partnerName: `Partenaire ${id}`,
  validUntil,
  daysLeft,
  expired,
});

describe('the verification watch view', () => {
  it('when documents are expiring and others expired, then each is listed under its own heading', async () => {
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      http.get('*/api/verification-watch', () =>
        HttpResponse.json({
          today: '2026-11-20',
          horizon: '2026-12-20',
          days: 30,
          graceDays: 30,
          documents: [doc(1, '2026-10-24', true, -27), doc(2, '2026-12-02', false, 12)],
          partners: [],
        }),
      ),
    );
    renderApp('/verification-watch');
    const expiring = await screen.findByRole('table', { name: 'Documents arrivant à échéance dans les 30 jours' }, { timeout: 15_000 });
    expect(within(expiring).getByText('Partenaire 2 (P-000011)')).toBeInTheDocument();
    expect(within(expiring).queryByText('Partenaire 1 (P-000011)')).toBeNull();
    const expired = screen.getByRole('table', { name: 'Documents expirés (partenaires actifs)' });
    expect(within(expired).getByText('Partenaire 1 (P-000011)')).toBeInTheDocument();
    expect(within(expired).getByText('24/10/2026')).toBeInTheDocument();
  }, 60_000);

  it('when hundreds of documents are due, then they come 25 to a page', async () => {
    const due = Array.from({ length: 30 }, (_, i) => doc(100 + i, '2026-12-02', false, 12));
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      http.get('*/api/verification-watch', () => HttpResponse.json({ today: '2026-11-20', horizon: '2026-12-20', days: 30, graceDays: 30, documents: due, partners: [] })),
    );
    renderApp('/verification-watch');
    const table = await screen.findByRole('table', { name: 'Documents arrivant à échéance dans les 30 jours' }, { timeout: 15_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 25);
    expect(screen.getByText('1-25 sur 30')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Aller à la prochaine page' }));
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 5);
    expect(within(table).getByText('Partenaire 129 (P-000011)')).toBeInTheDocument();
  }, 60_000);
});
