import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { can, RESOURCES } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import { messages } from '../src/i18n';
import { partners, services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

/** The menu label of a resource: the plural of its French name. */
function menuLabel(resource: string): string {
  const resources = messages.fr.resources as Record<string, { name: string }>;
  return resources[resource].name.split('||||')[1].trim();
}

function partnerScreens() {
  const documentRequests: string[] = [];
  return {
    documentRequests,
    handlers: [
      listHandler('partners', partners),
      oneHandler('partners', partners),
      listHandler('services', services),
      listHandler('limitations', []),
      http.get('*/api/documents', ({ request }) => {
        documentRequests.push(request.url);
        return HttpResponse.json([], { headers: { 'Content-Range': 'documents 0-0/0' } });
      }),
    ],
  };
}

describe('what each role sees', () => {
  it.each(ROLES)('when %s is signed in, then the menu lists exactly the resources the role may list', async (role) => {
    server.use(...authHandlers({ user: USERS[role], signedIn: true }).handlers);
    renderApp('/');

    await screen.findByRole('menuitem', { name: menuLabel('partners') });
    for (const resource of RESOURCES) {
      const entry = screen.queryByRole('menuitem', { name: menuLabel(resource) });
      if (can(role, resource, 'list')) expect(entry, `${role} should see ${resource}`).toBeInTheDocument();
      else expect(entry, `${role} should not see ${resource}`).not.toBeInTheDocument();
    }
  });

  it('when a coordinator opens partners, then there is no Create or Edit button and no documents are fetched', async () => {
    const screens = partnerScreens();
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...screens.handlers);
    renderApp('/partners');

    await screen.findByText('Élodie Durand');
    expect(screen.getByRole('button', { name: 'Exporter' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Créer' })).not.toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: menuLabel('users') })).not.toBeInTheDocument();

    window.location.hash = '#/partners/11/show';
    // Masked by the server for this role, and shown as sent.
    expect(await screen.findByText('FR76 •••• 0189')).toBeInTheDocument();
    expect(screen.getByText('••••-••-••')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Éditer' })).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Activité' }));
    expect(await screen.findByText('Coupe à domicile')).toBeInTheDocument();
    expect(screens.documentRequests).toEqual([]);
  });

  it('when a coordinator goes to the staff accounts page by its address, then access is denied', async () => {
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers);
    // No handler for /api/users: asking the server would fail the test (onUnhandledRequest: 'error').
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    renderApp('/users');

    expect(await screen.findByText('Non autorisé')).toBeInTheDocument();
    expect(asked.filter((p) => p.startsWith('/api/users'))).toEqual([]);
  });

  it('when support opens partners, then Create and Edit are offered', async () => {
    const screens = partnerScreens();
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, ...screens.handlers);
    renderApp('/partners');

    await screen.findByText('Élodie Durand');
    expect(await screen.findByRole('link', { name: 'Créer' })).toHaveAttribute('href', '#/partners/create');

    window.location.hash = '#/partners/11/show';
    expect(await screen.findByRole('link', { name: 'Éditer' })).toHaveAttribute('href', '#/partners/11');
    // Support may read documents: the partner's documents are asked for.
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Activité' }));
    await waitFor(() => expect(screens.documentRequests.length).toBeGreaterThan(0));
  });
});
