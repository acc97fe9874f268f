/**
 * Edit and create forms warn before leaving with unsaved changes (react-admin's
 * warnWhenUnsavedChanges): the person is asked, and staying keeps what they typed.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

describe('unsaved changes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('when the admin changed a service and clicks another menu entry, then the console asks before leaving', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, oneHandler('services', services), listHandler('services', services));
    renderApp('/services/haircut');
    const name = await screen.findByDisplayValue('Coupe à domicile', {}, { timeout: 15_000 });
    fireEvent.change(name, { target: { value: 'Coupe homme' } });

    await userEvent.setup().click(screen.getAllByRole('menuitem', { name: /Prestations/ })[0]);

    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(confirm.mock.calls[0][0]).toMatch(/changements n.ont pas été enregistrés/i);
    // Refused: the form and what was typed are still there.
    expect(screen.getByDisplayValue('Coupe homme')).toBeInTheDocument();
  }, 60_000);

  it('when nothing changed, then leaving asks nothing', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    server.use(...authHandlers({ user: USERS.admin, signedIn: true }).handlers, oneHandler('services', services), listHandler('services', services));
    renderApp('/services/haircut');
    await screen.findByDisplayValue('Coupe à domicile', {}, { timeout: 15_000 });
    await userEvent.setup().click(screen.getAllByRole('menuitem', { name: /Prestations/ })[0]);
    expect(await screen.findByText('Ménage', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(confirm).not.toHaveBeenCalled();
  }, 60_000);
});
