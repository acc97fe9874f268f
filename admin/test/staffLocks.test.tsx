import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { formatLockEnd } from '../src/users/lockState';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const inTenMinutes = () => new Date(Date.now() + 10 * 60_000).toISOString();

function staffRows() {
  return [
    { ...USERS.ops, active: true, createdAt: '2025-01-01T08:00:00.000Z', lockedUntil: inTenMinutes() },
    // A lock that has ended: nothing to show, nothing to lift.
    { ...USERS.mediator, active: true, createdAt: '2025-01-01T08:00:00.000Z', lockedUntil: '2025-01-01T09:00:00.000Z' },
    { ...USERS.support, active: true, createdAt: '2025-01-01T08:00:00.000Z', lockedUntil: null },
  ];
}

describe('locked staff accounts (admin)', () => {
  it('when an account is locked, then the list says until when and offers to unlock it, after a confirmation', async () => {
    const rows = staffRows();
    const unlocked: string[] = [];
    server.use(
      ...authHandlers({ user: USERS.admin, signedIn: true }).handlers,
      listHandler('users', rows),
      http.post('*/api/users/:id/unlock', ({ params }) => {
        unlocked.push(String(params.id));
        rows[0].lockedUntil = null;
        return HttpResponse.json(rows[0]);
      }),
    );
    renderApp('/users');
    const user = userEvent.setup();

    const chip = await screen.findByText(`Verrouillé jusqu’à ${formatLockEnd(rows[0].lockedUntil!)}`);
    expect(chip).toBeInTheDocument();
    expect(screen.getAllByText(/^Verrouillé jusqu’à/)).toHaveLength(1);
    // The button waits for the permission check, which may settle after the chip shows.
    const buttons = await screen.findAllByRole('button', { name: 'Déverrouiller' });
    expect(buttons).toHaveLength(1);

    await user.click(buttons[0]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(`Déverrouiller le compte de ${USERS.ops.fullName} ?`)).toBeInTheDocument();
    expect(unlocked).toEqual([]);
    // Still on the list: the click opened the dialog, not the account.
    expect(window.location.hash).toBe('#/users');

    await user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(unlocked).toEqual([String(USERS.ops.id)]));
    expect(await screen.findByText('Compte déverrouillé')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/^Verrouillé jusqu’à/)).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Déverrouiller' })).not.toBeInTheDocument();
  });

  it('when an admin cancels the confirmation, then nothing is unlocked', async () => {
    const rows = staffRows();
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, listHandler('users', rows));
    renderApp('/users');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Déverrouiller' }));
    const dialog = await screen.findByRole('dialog');
    // No handler for the unlock: a request would fail the test (onUnhandledRequest: 'error').
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText(/^Verrouillé jusqu’à/)).toBeInTheDocument();
  });

  it('when a locked account’s page opens, then it shows the lock and the unlock button', async () => {
    const rows = staffRows();
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, listHandler('users', rows), oneHandler('users', rows));
    renderApp(`/users/${USERS.ops.id}/show`);

    expect(await screen.findByText(`Verrouillé jusqu’à ${formatLockEnd(rows[0].lockedUntil!)}`)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Déverrouiller' })).toBeInTheDocument();
  });

  it('when the lock ends today, then only the Paris time is shown; another day, the date too', () => {
    const now = new Date('2026-11-20T10:00:00.000Z'); // 11:00 in Paris
    expect(formatLockEnd('2026-11-20T17:41:10.000Z', now)).toBe('18:42');
    expect(formatLockEnd('2026-11-20T23:29:30.000Z', now)).toBe('21/11/2026 00:30');
  });
});
