import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { memoryStore } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { partners, services } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

function serve(requests: ListRequest[]) {
  server.use(
    ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
    listHandler('partners', partners, requests),
    listHandler('services', services),
  );
}

describe('saved views in a list sidebar', () => {
  it('when a filtered list is saved under a name, cleared, then picked in the sidebar, then the request carries the saved filters', async () => {
    const requests: ListRequest[] = [];
    serve(requests);
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    const user = userEvent.setup();
    const saved = { status: 'applicant', city: 'Lyon' };

    // Applicants in Lyon: the status filter is always shown, the city one is added.
    await user.click(screen.getByRole('combobox', { name: 'Statut' }));
    await user.click(await screen.findByRole('option', { name: 'Candidat·e' }));
    // The list applies a filter after a pause; until then it may reset the filter form to the
    // filters it last applied, and the city typed meanwhile would be lost (seen under CI load).
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ status: 'applicant' }), { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Ville' }));
    await user.type(await screen.findByRole('textbox', { name: 'Ville' }), 'Lyon');
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual(saved), { timeout: 3000 });

    await user.click(screen.getByRole('button', { name: 'Enregistrer cette vue…' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom de la vue' }), 'Mes candidats Lyon');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Supprimer tous les filtres' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({}));

    await user.click(screen.getByRole('button', { name: 'Mes candidats Lyon' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual(saved));
    expect(requests.at(-1)?.range).toEqual([0, 9]);
  });

  it('when a saved view with its own sort is picked, then the request carries its sort too, and picking it again clears its filters', async () => {
    const requests: ListRequest[] = [];
    serve(requests);
    const view = {
      label: 'Candidats par ville',
      value: { filter: { status: 'applicant' }, sort: { field: 'city', order: 'ASC' }, perPage: 10, displayedFilters: {} },
    };
    renderApp('/partners', memoryStore({ 'partners.savedQueries': [view] }));
    await screen.findByText('Élodie Durand');
    const user = userEvent.setup();
    expect(requests.at(-1)?.sort).toEqual(['createdAt', 'DESC']);

    await user.click(await screen.findByRole('button', { name: 'Candidats par ville' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ status: 'applicant' }));
    expect(requests.at(-1)?.sort).toEqual(['city', 'ASC']);

    const item = screen.getByRole('button', { name: 'Candidats par ville' });
    expect(item).toHaveClass('Mui-selected');
    await user.click(item);
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({}));
  });
});
