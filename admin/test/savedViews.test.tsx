import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { partners, services } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

describe('saved views in a list sidebar', () => {
  it('when a filtered list is saved under a name and picked again later, then the request carries the saved filters', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners, requests),
      listHandler('services', services),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    const user = userEvent.setup();
    const saved = { status: 'applicant', city: 'Lyon' };

    // Applicants in Lyon: the status filter is always shown, the city one is added.
    await user.click(screen.getByRole('combobox', { name: 'Statut' }));
    await user.click(await screen.findByRole('option', { name: 'Candidat·e' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Ville' }));
    await user.type(await screen.findByRole('textbox', { name: 'Ville' }), 'Lyon');
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual(saved), { timeout: 3000 });

    // The sidebar is hidden on narrow screens (CSS media query), hence `hidden: true`.
    await user.click(screen.getByRole('button', { name: 'Enregistrer cette vue…', hidden: true }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom de la vue' }), 'Mes candidats Lyon');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Supprimer tous les filtres' }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({}));

    await user.click(screen.getByRole('button', { name: 'Mes candidats Lyon', hidden: true }));
    await waitFor(() => expect(requests.at(-1)?.filter).toEqual(saved));
    expect(requests.at(-1)?.range).toEqual([0, 9]);
  });
});
