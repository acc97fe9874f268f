/**
 * Two-step sign-in in the console: the code screen after the password of an enrolled account,
 * and the enrolment page a role that must enrol is kept on (the server enforces both; these
 * check what the staff member sees).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiError, authHandlers, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const RIGHT_CODE = '492039';

/** An enrolled account: the password answers `{secondFactor: "totp"}`, the code signs in. */
function enrolledSession() {
  const auth = authHandlers({ user: USERS.support });
  const codes: string[] = [];
  server.use(
    http.post('*/api/auth/login', async ({ request }) => {
      const body = (await request.json()) as { email?: string; password?: string };
      if (body.email !== USERS.support.email || body.password !== 'demo1234') return apiError(401, 'not_authenticated', 'Email ou mot de passe incorrect.');
      return HttpResponse.json({ secondFactor: 'totp' });
    }),
    http.get('*/api/auth/totp', () => HttpResponse.json({ enrolled: true, required: false, enrolledAt: '2026-11-01T08:00:00.000Z' })),
    http.post('*/api/auth/totp', async ({ request }) => {
      const { code } = (await request.json()) as { code: string };
      codes.push(code);
      if (code !== RIGHT_CODE) return apiError(401, 'not_authenticated', 'Code incorrect ou déjà utilisé.');
      auth.session.signedIn = true;
      return HttpResponse.json(USERS.support);
    }),
    ...auth.handlers,
  );
  return { auth, codes };
}

describe('two-step sign-in', () => {
  it('when an enrolled account gives its password, then the code screen asks for the code; a wrong one shows the server’s message, the right one opens the console', async () => {
    const { auth, codes } = enrolledSession();
    renderApp('/');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/E-mail/), 'support@demo.test');
    await user.type(screen.getByLabelText(/Mot de passe/), 'demo1234');
    await user.click(screen.getByRole('button', { name: 'Connexion' }));

    expect(await screen.findByText('Code de vérification')).toBeInTheDocument();
    expect(auth.session.signedIn).toBe(false);
    const input = screen.getByLabelText(/Code/);
    await user.type(input, '000000');
    await user.click(screen.getByRole('button', { name: 'Valider' }));
    expect(await screen.findByText('Code incorrect ou déjà utilisé.')).toBeInTheDocument();
    expect(screen.queryByText(/Bonjour/)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/Code/), RIGHT_CODE);
    await user.click(screen.getByRole('button', { name: 'Valider' }));
    expect(await screen.findByText('Bonjour Sophie Martin')).toBeInTheDocument();
    expect(codes).toEqual(['000000', RIGHT_CODE]);
  });

  it('when a role must enrol and has not, then every page shows the enrolment, and confirming it shows the recovery codes once', async () => {
    const auth = authHandlers({ user: { ...USERS.support, totpRequired: true, totpEnrolled: false } as typeof USERS.support, signedIn: true });
    server.use(
      http.post('*/api/auth/totp/enrolment', () =>
        HttpResponse.json({ otpauthUrl: 'otpauth://totp/Console:support%40demo.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Console', qrCode: 'data:image/png;base64,iVBORw0KGgo=' }),
      ),
      http.post('*/api/auth/totp/enrolment/confirm', () => HttpResponse.json({ totpEnrolledAt: '2026-11-20T10:00:00.000Z', recoveryCodes: ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'] })),
      ...auth.handlers,
    );
    renderApp('/partners');

    expect(await screen.findByText('Votre rôle exige la connexion en deux étapes : activez-la pour accéder à la console.')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Activer' }));
    expect(await screen.findByRole('img', { name: /QR code/ })).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=');
    expect(screen.getByText(/JBSW Y3DP EHPK 3PXP/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('abcd-efgh-jkmn')).toBeInTheDocument();
    expect(screen.getByText(/ils ne seront plus jamais affichés/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'J’ai noté mes codes' })).toBeEnabled());
  });

  it('when an admin opens an enrolled staff account, then “reset 2FA” asks for a confirmation and resets it', async () => {
    const rows = [{ ...USERS.ops, active: true, createdAt: '2025-01-01T08:00:00.000Z', lockedUntil: null, totpEnrolledAt: '2026-11-01T08:00:00.000Z' as string | null }];
    const reset: string[] = [];
    server.use(
      ...authHandlers({ user: USERS.admin, signedIn: true }).handlers,
      oneHandler('users', rows),
      http.post('*/api/users/:id/reset-totp', ({ params }) => {
        reset.push(String(params.id));
        rows[0].totpEnrolledAt = null;
        return HttpResponse.json(rows[0]);
      }),
    );
    renderApp(`/users/${USERS.ops.id}/show`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Réinitialiser la 2FA' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(`Réinitialiser la connexion en deux étapes de ${USERS.ops.fullName} ?`)).toBeInTheDocument();
    expect(reset).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(reset).toEqual([String(USERS.ops.id)]));
    expect(await screen.findByText('Connexion en deux étapes réinitialisée')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Réinitialiser la 2FA' })).not.toBeInTheDocument());
  });
});
