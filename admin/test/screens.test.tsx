/**
 * Every screen of every resource renders from API-shaped rows without a React error:
 * a smoke test over the whole console (the detailed behaviours have their own tests).
 */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { RESOURCES, type Resource } from '../../shared/permissions';
import { rowsByResource } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

function allResources() {
  return RESOURCES.flatMap((r) => [listHandler(r, [...rowsByResource[r]]), oneHandler(r, [...rowsByResource[r]])]);
}

/** A text each resource's first row shows in its list. */
const LIST_TEXT: Record<Resource, string> = {
  partners: 'P-000011',
  documents: 'cni.pdf',
  clients: 'C-000021',
  services: 'Coupe à domicile',
  orders: 'O-000031',
  proposals: 'Acceptée',
  reviews: 'Parfait, très à l’écoute.',
  payments: 'Encaissement',
  payouts: '01/03/2025',
  'payout-runs': '10/03/2025',
  limitations: 'Absence à une intervention',
  signals: 'Annulations répétées',
  cases: 'M-000111',
  'audit-log': 'a appliqué une limitation au partenaire',
  users: 'Alice Admin',
  'app-tokens': 'demo-app-token',
};

/** A text the show page (for resources that have one) displays. */
const SHOW: Partial<Record<Resource, { id: number | string; text: string }>> = {
  partners: { id: 11, text: 'elodie.durand@example.fr' },
  clients: { id: 21, text: 'jeanne.moreau@example.fr' },
  orders: { id: 31, text: '35,00 €' },
  services: { id: 'haircut', text: '26,00 €' },
  limitations: { id: 81, text: 'Absence le 4 mars.' },
  'audit-log': { id: 121, text: 'Omar Ops a appliqué une limitation au partenaire' },
  users: { id: 3, text: 'ops@demo.test' },
};

describe('every screen, as an admin', () => {
  let consoleError: MockInstance;
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    consoleError.mockRestore();
  });

  it.each(RESOURCES)('when the %s list opens, then it shows the rows without an error', async (resource) => {
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, ...allResources());
    renderApp(`/${resource}`);

    expect((await screen.findAllByText(LIST_TEXT[resource])).length).toBeGreaterThan(0);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it.each(Object.keys(SHOW) as Resource[])('when a %s page opens, then it shows the record without an error', async (resource) => {
    const { id, text } = SHOW[resource]!;
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, ...allResources());
    renderApp(`/${resource}/${id}/show`);

    expect(await screen.findByText(text, { exact: false, normalizer: (s) => s.replace(/\s+/g, ' ') })).toBeInTheDocument();
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('when a partner edit form opens, then its fields and weekly slots are filled in', async () => {
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, ...allResources());
    renderApp('/partners/11');

    expect(await screen.findByDisplayValue('elodie.durand@example.fr')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByDisplayValue('08:00')).toBeInTheDocument());
    expect(screen.getByDisplayValue('12:00')).toBeInTheDocument();
    // Admin has every permission, yet partners are not deleted from a form.
    expect(screen.queryByRole('button', { name: 'Supprimer' })).not.toBeInTheDocument();
    expect(consoleError).not.toHaveBeenCalled();
  });
});
