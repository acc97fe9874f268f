import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiError, authHandlers, server, USERS } from './msw';
import { renderApp } from './renderApp';

async function signIn(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/E-mail/), email);
  await user.type(screen.getByLabelText(/Mot de passe/), password);
  await user.click(screen.getByRole('button', { name: 'Connexion' }));
}

describe('signing in', () => {
  it('when a staff member signs in with the right password, then the dashboard greets them by name and role', async () => {
    const auth = authHandlers({ user: USERS.support });
    const loginBodies: unknown[] = [];
    server.use(
      http.post('*/api/auth/login', async ({ request }) => {
        loginBodies.push(await request.clone().json());
        return undefined; // fall through to the session's handler
      }),
      ...auth.handlers,
      http.get('*/api/inbox', () => HttpResponse.json({ today: '2026-11-20', sections: [{ key: 'support', items: [] }] })),
    );
    renderApp('/');

    // Not signed in: /api/auth/me says 401, the login page shows.
    await signIn('support@demo.test', 'demo1234');

    expect(await screen.findByText('Bonjour Sophie Martin')).toBeInTheDocument();
    expect(screen.getByText('Connecté·e en tant que Support')).toBeInTheDocument();
    expect(loginBodies).toEqual([{ email: 'support@demo.test', password: 'demo1234' }]);
    expect(auth.session.signedIn).toBe(true);
    // The support role's inbox is its home; another team's sections are not.
    const card = await screen.findByRole('region', { name: 'Vérification des partenaires' });
    expect(card).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Santé du moteur' })).not.toBeInTheDocument();
  });

  it('when the password is wrong, then the server’s message is shown and the user stays on the login page', async () => {
    server.use(...authHandlers({ user: USERS.support }).handlers);
    renderApp('/');

    await signIn('support@demo.test', 'not-the-password');

    expect(await screen.findByText('E-mail ou mot de passe incorrect.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connexion' })).toBeInTheDocument();
    expect(screen.queryByText(/Bonjour/)).not.toBeInTheDocument();
  });

  it('when sign-ins are throttled, then the server’s rate-limit message is shown', async () => {
    server.use(
      http.post('*/api/auth/login', () =>
        apiError(429, 'rate_limited', 'Trop de tentatives : réessayez dans 15 minutes.'),
      ),
      ...authHandlers({ user: USERS.support }).handlers,
    );
    renderApp('/');

    await signIn('support@demo.test', 'demo1234');

    expect(await screen.findByText('Trop de tentatives : réessayez dans 15 minutes.')).toBeInTheDocument();
  });

  it('when nobody has signed in on this browser, then the login page opens without asking the server', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    server.use(...authHandlers({ user: USERS.support }).handlers);
    renderApp('/');

    expect(await screen.findByRole('button', { name: 'Connexion' })).toBeInTheDocument();
    // No certain-to-fail /api/auth/me (a red 401 in the console of every fresh visitor).
    expect(asked).toEqual([]);
  });

  it('when the session has expired, then the user is sent back to the login page', async () => {
    const auth = authHandlers({ user: USERS.support, signedIn: true });
    auth.session.signedIn = false; // the browser still remembers the user; the server does not
    server.use(...auth.handlers);
    renderApp('/');

    expect(await screen.findByRole('button', { name: 'Connexion' })).toBeInTheDocument();
    expect(localStorage.getItem('console.identity')).toBeNull();
  });

  it('when a signed-in user opens the console, then no login is asked and the menu is built from the role', async () => {
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers);
    renderApp('/');

    expect(await screen.findByText('Bonjour Omar Ops')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('menuitem', { name: /Signalements/ })).toBeInTheDocument());
    expect(screen.queryByRole('menuitem', { name: /Comptes du personnel/ })).not.toBeInTheDocument();
  });
});
