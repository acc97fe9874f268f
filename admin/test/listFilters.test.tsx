/**
 * Each menu entry opens its list at the list's defaults, not with the filters left by the
 * previous visit (a list's filters live in its URL only: common/listParamsInUrl.ts), while a
 * link that carries its own filter still opens the filtered list.
 */
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, partners, services } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

describe('list filters and the menu', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('when a filtered list is left for another entry, then its menu entry opens it unfiltered', async () => {
    const requests: ListRequest[] = [];
    const clientRequests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners, requests),
      listHandler('clients', clients, clientRequests),
      listHandler('services', services),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Statut' }));
    await user.click(await screen.findByRole('option', { name: 'Candidat·e' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ status: 'applicant' }), { timeout: 3000 });

    await user.click(screen.getByRole('menuitem', { name: 'Clients' }));
    await waitFor(() => expect(clientRequests.length).toBeGreaterThan(0));
    const before = requests.length;
    await user.click(screen.getByRole('menuitem', { name: 'Partenaires' }));
    await waitFor(() => expect(requests.length).toBeGreaterThan(before));
    expect(requests.at(-1)?.filter).toEqual({});
    expect(window.location.hash).toBe('#/partners');
    expect((screen.getByRole('combobox', { name: 'Statut' }) as HTMLElement).textContent).not.toContain('Candidat·e');
  });

  it('when a link carries a filter, then the list opens with it', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners, requests),
      listHandler('services', services),
    );
    renderApp(`/partners?filter=${encodeURIComponent('{"status":"in_review"}')}`);
    await screen.findByText('Élodie Durand');
    expect(requests.at(-1)?.filter).toEqual({ status: 'in_review' });
  });
});
