import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { authHandlers, listHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const tokens = [
  { id: 1, name: 'demo-app', createdAt: '2025-03-01T08:00:00.000Z', lastUsedAt: null, revokedAt: null },
  { id: 2, name: 'old-app', createdAt: '2025-01-01T08:00:00.000Z', lastUsedAt: null, revokedAt: '2025-02-01T08:00:00.000Z' },
];

describe('app tokens (admin)', () => {
  it('when an admin creates a token, then the one-time secret is shown once, in a dialog', async () => {
    const created: unknown[] = [];
    server.use(
      ...authHandlers({ user: USERS.admin, signedIn: true }).handlers,
      listHandler('app-tokens', tokens),
      http.post('*/api/app-tokens', async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json(
          { id: 3, name: 'partner-app', createdAt: '2025-03-02T08:00:00.000Z', lastUsedAt: null, revokedAt: null, token: 'tok_9f8e7d6c' },
          { status: 201 },
        );
      }),
    );
    renderApp('/app-tokens/create');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/Nom/), 'partner-app');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const dialog = await screen.findByRole('dialog', { name: 'Jeton créé' });
    expect(within(dialog).getByTestId('new-token')).toHaveValue('tok_9f8e7d6c');
    expect(created).toEqual([{ name: 'partner-app' }]);

    await user.click(within(dialog).getByRole('button', { name: "J'ai copié le jeton" }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('demo-app')).toBeInTheDocument();
    expect(screen.queryByText('tok_9f8e7d6c')).not.toBeInTheDocument();
  });

  it('when an admin revokes a token, then it is asked to confirm first, and only live tokens can be revoked', async () => {
    const deleted: string[] = [];
    server.use(
      ...authHandlers({ user: USERS.admin, signedIn: true }).handlers,
      listHandler('app-tokens', tokens),
      http.delete('*/api/app-tokens/:id', ({ params }) => {
        deleted.push(String(params.id));
        return HttpResponse.json({ ...tokens[0], revokedAt: '2025-03-03T08:00:00.000Z' });
      }),
    );
    renderApp('/app-tokens');
    const user = userEvent.setup();

    await screen.findByText('demo-app');
    const revokeButtons = await screen.findAllByRole('button', { name: 'Révoquer' });
    // The already-revoked token has no button.
    expect(revokeButtons).toHaveLength(1);

    await user.click(revokeButtons[0]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Révoquer le jeton « demo-app » ?')).toBeInTheDocument();
    expect(deleted).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(deleted).toEqual(['1']));
    expect(await screen.findByText('Jeton révoqué')).toBeInTheDocument();
  });
});
