import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authHandlers, server, USERS } from './msw';
import { renderApp } from './renderApp';

describe('the console’s language', () => {
  it('when the user switches to English, then the menu, the greeting and the role read in English', async () => {
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers);
    renderApp('/');

    // French by default.
    expect(await screen.findByText('Bonjour Omar Ops')).toBeInTheDocument();
    expect(await screen.findByRole('menuitem', { name: 'Limitations' })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Signalements' })).toBeInTheDocument();

    const user = userEvent.setup();
    // react-admin's language button has an empty aria-label: find it by its menu.
    const languageButton = document.querySelector('button[aria-controls="simple-menu"]');
    expect(languageButton).toHaveTextContent('Français');
    await user.click(languageButton as HTMLButtonElement);
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));

    expect(await screen.findByText('Hello Omar Ops')).toBeInTheDocument();
    expect(screen.getByText('Signed in as Operations')).toBeInTheDocument();
    expect(await screen.findByRole('menuitem', { name: 'Signals' })).toBeInTheDocument();
  });
});
