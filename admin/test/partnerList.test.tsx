import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { partners, services } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

describe('the partners list', () => {
  it('when the API answers a page with Content-Range, then its rows and total are shown the French way', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners, requests),
      listHandler('services', services),
    );
    renderApp('/partners');

    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Élodie Durand')).toBeInTheDocument();
    const firstRow = within(table).getByText('P-000011').closest('tr');
    expect(firstRow).not.toBeNull();
    const cells = within(firstRow as HTMLElement);
    expect(cells.getByText('Lyon')).toBeInTheDocument();
    expect(cells.getByText('Bien-être')).toBeInTheDocument();
    expect(cells.getByText('Actif·ve')).toBeInTheDocument();
    expect(cells.getByText('87,5')).toBeInTheDocument();
    // 09:05 UTC is 10:05 in Paris in March.
    expect(cells.getByText('07/03/2025 10:05')).toBeInTheDocument();
    expect(within(table).getByText('Karim Benali')).toBeInTheDocument();
    expect(within(table).getByText('Visibilité réduite')).toBeInTheDocument();
    // The total comes from Content-Range (…/2).
    expect(screen.getByText('1-2 sur 2')).toBeInTheDocument();

    expect(requests[0]).toEqual({ filter: {}, sort: ['createdAt', 'DESC'], range: [0, 9] });
  });

  it('when the user searches and picks a status, then the query sent carries those filters', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners, requests),
      listHandler('services', services),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    const user = userEvent.setup();

    await user.type(screen.getByPlaceholderText('Rechercher'), 'durand');
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ q: 'durand' }), { timeout: 3000 });

    await user.click(screen.getByRole('combobox', { name: 'Statut' }));
    await user.click(await screen.findByRole('option', { name: 'Candidat·e' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ q: 'durand', status: 'applicant' }));
    // A new filter starts again from the first page.
    expect(requests.at(-1)?.range).toEqual([0, 9]);
  });

  it('when the API flags its total as an estimate, then the pagination says "environ" with the French grouping', async () => {
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      http.get('*/api/partners', () =>
        HttpResponse.json(partners, { headers: { 'Content-Range': `partners 0-${partners.length - 1}/852317`, 'X-Total-Estimated': 'true' } }),
      ),
      listHandler('services', services),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand', {}, { timeout: 15_000 });
    // A page of 10 of an estimated total; Intl groups French thousands with a (narrow no-break) space.
    expect(await screen.findByText(/^1–10 sur environ 852\s317$/, {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('when the total is exact, then it is shown as a plain count', async () => {
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      http.get('*/api/partners', () => HttpResponse.json(partners, { headers: { 'Content-Range': `partners 0-${partners.length - 1}/852317` } })),
      listHandler('services', services),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand', {}, { timeout: 15_000 });
    expect(await screen.findByText('1-10 sur 852317', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(/environ/)).toBeNull();
  });
});

