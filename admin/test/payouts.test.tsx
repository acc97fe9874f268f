/**
 * Payouts in the console (PAY-4, PAY-7): a partner's payouts tab with the sessions each one
 * pays and a pending frequency change; the payout run page and its SEPA file (admin only),
 * whose refusal lists the partners to correct; the frequency switch on the partner edit.
 */
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partners, payoutRuns, payouts, services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const partner = { ...partners[0], payoutFrequency: 'monthly', previousPayoutFrequency: 'weekly', payoutFrequencyFrom: '2099-01-05' };
const lines = [{ id: 1, orderId: 31, orderReference: 'O-000031', serviceCode: 'haircut', sessionEndsAt: '2025-03-05T10:00:00.000Z', partnerPayCents: 2600 }];

function handlers() {
  return [
    listHandler('partners', [partner, ...partners.slice(1)]),
    oneHandler('partners', [partner, ...partners.slice(1)]),
    listHandler('services', services),
    http.get('*/api/payouts/:id/lines', () => HttpResponse.json(lines)),
    listHandler('payouts', payouts),
    listHandler('payout-runs', payoutRuns),
    oneHandler('payout-runs', payoutRuns),
  ];
}

describe('payouts in the console (PAY-4, PAY-7)', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('PAY-7: when support opens a partner’s payouts tab, then it shows the frequency in force with the change to come, each payout, and the sessions a payout pays', async () => {
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, ...handlers());
    renderApp('/partners/11/show/payouts');

    expect(await screen.findByText(/Hebdomadaire \(le lundi\) — Passe en versement mensuelle \(le 1er\) à partir du 05\/01\/2099\./)).toBeInTheDocument();
    expect(await screen.findByText('26,00 €')).toBeInTheDocument();
    expect(screen.getByText('15/03/2025')).toBeInTheDocument();
    await userEvent.click(screen.getByText('26,00 €'));
    const table = await screen.findByRole('table', { name: 'Prestations payées' });
    expect(within(table).getByText('O-000031')).toBeInTheDocument();
  });

  it('PAY-7: when admin opens a payout run, then its SEPA file button is there, and a refusal lists the partners whose IBAN must be corrected', async () => {
    const requested: string[] = [];
    server.use(
      ...authHandlers({ user: USERS.admin, signedIn: true }).handlers,
      ...handlers(),
      http.get('*/api/payout-runs/:id/sepa.xml', ({ request }) => {
        requested.push(new URL(request.url).pathname);
        return HttpResponse.json(
          { error: { code: 'validation_failed', message: '1 versement(s) sans IBAN valide : corrigez l’IBAN des partenaires avant de produire le fichier.', details: { payouts: [{ payoutId: 71, partnerId: 11, reference: 'P-000011', name: 'Élodie Durand', amountCents: 2600 }] } } },
          { status: 422 },
        );
      }),
    );
    renderApp('/payout-runs/5/show');
    const button = await screen.findByRole('button', { name: 'Fichier de virements SEPA' });
    await userEvent.click(button);
    expect(await screen.findByText(/P-000011 Élodie Durand/)).toBeInTheDocument();
    expect(requested).toEqual(['/api/payout-runs/5/sepa.xml']);
  });

  it('PAY-7: when support opens a payout run, then there is no SEPA file button', async () => {
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, ...handlers());
    renderApp('/payout-runs/5/show');
    expect(await screen.findByText('Versements de la campagne')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fichier de virements SEPA' })).not.toBeInTheDocument();
  });

  it('PAY-7: when support switches the frequency on the partner edit, then the PUT carries payoutFrequency', async () => {
    const puts: Record<string, unknown>[] = [];
    // Support sees the IBAN and birth date in full (the masked values would not pass the form's checks).
    const weekly = { ...partners[0], iban: 'FR7630006000011234567890189', birthDate: '1990-04-02', payoutFrequency: 'weekly', previousPayoutFrequency: null, payoutFrequencyFrom: null };
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      // Before handlers(): the first matching handler answers.
      oneHandler('partners', [weekly]),
      ...handlers(),
      http.put('*/api/partners/:id', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        puts.push(body);
        return HttpResponse.json({ ...weekly, ...body, previousPayoutFrequency: 'weekly', payoutFrequencyFrom: '2099-01-05' });
      }),
    );
    renderApp('/partners/11');
    await userEvent.click(await screen.findByRole('combobox', { name: /Fréquence des versements/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Mensuelle (le 1er)' }));
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    expect(screen.getByRole('combobox', { name: /Fréquence des versements/ })).toHaveTextContent('Mensuelle (le 1er)');
    const save = screen.getByRole('button', { name: 'Enregistrer' });
    await waitFor(() => expect(save).toBeEnabled());
    await userEvent.click(save);
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toMatchObject({ payoutFrequency: 'monthly' });
  });
});
