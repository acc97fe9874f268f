/**
 * "Annuler la commande" on the order's page (support, admin): the dialog says what follows for
 * the party who cancels (SCO-4/SCO-8 for the partner; no fee, nothing charged for the client —
 * ENG-6), needs a reason, sends `{by, reason}`, and the page then shows the order cancelled with
 * its timeline entry; a refusal (409) stays in the dialog; other roles get no button.
 */
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import { clients, orders, partners, services } from '../../test/fixtures';
import { apiError, authHandlers, listHandler, server, USERS } from '../../test/msw';
import { renderApp } from '../../test/renderApp';
import { cancellableBy } from './cancellableBy';

type Row = Record<string, unknown>;

const DAY = 24 * 3_600_000;
/** In five days, whatever today is: an appointment still to come. */
const upcoming = () => new Date(Date.now() + 5 * DAY).toISOString();

function orderPage(order: Row, answer?: (body: Row) => Response) {
  const state = { order: { ...order }, audit: [] as Row[], posts: [] as Row[] };
  const handlers = [
    http.get('*/api/orders/:id', () => HttpResponse.json(state.order)),
    listHandler('clients', clients),
    listHandler('partners', partners),
    listHandler('services', services),
    listHandler('proposals', []),
    listHandler('payments', []),
    http.get('*/api/audit-log', () => HttpResponse.json(state.audit, { headers: { 'Content-Range': `audit-log 0-${Math.max(state.audit.length - 1, 0)}/${state.audit.length}` } })),
    http.post('*/api/orders/:id/cancel', async ({ request }) => {
      const body = (await request.json()) as Row;
      state.posts.push(body);
      if (answer) return answer(body);
      state.order = { ...state.order, status: body.by === 'partner' ? 'cancelled_by_partner' : 'cancelled_by_client' };
      state.audit = [
        {
          id: 901,
          at: new Date().toISOString(),
          actorId: USERS.support.id,
          actorKind: 'staff',
          actorName: USERS.support.fullName,
          action: 'orders.cancel_on_behalf',
          resource: 'orders',
          resourceId: String(order.id),
          before: { status: 'accepted' },
          after: { status: state.order.status, cancelledBy: body.by, reason: body.reason },
        },
      ];
      return HttpResponse.json(state.order);
    }),
  ];
  return { state, handlers };
}

function signIn(role: Role, handlers: ReturnType<typeof orderPage>['handlers']) {
  server.use(...authHandlers({ user: USERS[role], signedIn: true }).handlers, ...handlers);
}

describe('cancel an order for a client or a partner', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('CLI-3 / ENG-4: who may still cancel follows the engine — the client a dispatching request or an upcoming appointment, the partner only the latter', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(cancellableBy({ status: 'dispatching', startsAt: '2026-11-21T10:00:00Z' }, now)).toEqual(['client']);
    expect(cancellableBy({ status: 'accepted', startsAt: '2026-11-21T10:00:00Z' }, now)).toEqual(['client', 'partner']);
    expect(cancellableBy({ status: 'accepted', startsAt: '2026-11-20T09:00:00Z' }, now)).toEqual([]);
    expect(cancellableBy({ status: 'completed', startsAt: '2026-11-19T09:00:00Z' }, now)).toEqual([]);
  });

  it('SCO-8: when support cancels for the partner, then the dialog warns that the score drops at once, needs a reason, and the page shows the order cancelled with its timeline entry', async () => {
    const page = orderPage({ ...orders[0], startsAt: upcoming() });
    signIn('support', page.handlers);
    renderApp('/orders/31/show');
    await userEvent.click(await screen.findByRole('button', { name: 'Annuler la commande' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Annuler la commande O-000031')).toBeInTheDocument();
    // The client first (the usual call): no fee, nothing charged, the partner's score untouched.
    expect(within(dialog).getByTestId('order-cancel-effect')).toHaveTextContent(/sans frais d’annulation.*Le score du partenaire ne change pas/);
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Le partenaire' }));
    expect(within(dialog).getByTestId('order-cancel-effect')).toHaveTextContent(/son score baisse dès maintenant/);
    const confirm = within(dialog).getByRole('button', { name: 'Confirmer l’annulation' });
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Motif de l’annulation/ }), '   ');
    expect(confirm).toBeDisabled();
    await userEvent.paste('Le partenaire a appelé : empêchement.');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() => expect(page.state.posts).toEqual([{ by: 'partner', reason: 'Le partenaire a appelé : empêchement.' }]));
    expect(await screen.findByText('Commande annulée')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The order as it now is, and the timeline entry with the staff member, the party and the reason.
    expect(await screen.findByText('Annulée par le partenaire')).toBeInTheDocument();
    const timeline = screen.getByTestId('order-timeline');
    const entry = await within(timeline).findByText(/Sophie Martin a annulé la commande pour le compte du client ou du partenaire/);
    expect(entry).toBeInTheDocument();
    expect(within(timeline).getByText('Pour le partenaire — motif : Le partenaire a appelé : empêchement.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Annuler la commande' })).not.toBeInTheDocument();
  });

  it('when the server refuses (409: the appointment started meanwhile), then its sentence stays in the dialog and nothing is marked done', async () => {
    const sentence = 'La commande O-000031 ne peut plus être annulée par le client (accepted, déjà commencée).';
    const page = orderPage({ ...orders[0], startsAt: upcoming() }, () => apiError(409, 'invalid_state', sentence));
    signIn('admin', page.handlers);
    renderApp('/orders/31/show');
    await userEvent.click(await screen.findByRole('button', { name: 'Annuler la commande' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('textbox', { name: /Motif de l’annulation/ }));
    await userEvent.paste('La cliente a appelé.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer l’annulation' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(sentence);
    expect(page.state.posts).toEqual([{ by: 'client', reason: 'La cliente a appelé.' }]);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(screen.queryByText('Commande annulée')).not.toBeInTheDocument();
  });

  it('ENG-4: when the request is still dispatching, then only the client can be chosen and the dialog says the request is withdrawn', async () => {
    const page = orderPage({ ...orders[0], partnerId: null, status: 'dispatching', startsAt: upcoming() });
    signIn('support', page.handlers);
    renderApp('/orders/31/show');
    await userEvent.click(await screen.findByRole('button', { name: 'Annuler la commande' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Le partenaire' })).toBeDisabled();
    expect(within(dialog).getByTestId('order-cancel-effect')).toHaveTextContent(/La demande est retirée/);
  });

  it.each(['ops', 'mediator', 'coordinator'] as const)('when %s opens an upcoming order, then there is no cancel button, but the timeline shows', async (role) => {
    const page = orderPage({ ...orders[0], startsAt: upcoming() });
    signIn(role, page.handlers);
    renderApp('/orders/31/show');
    expect(await screen.findByText('Historique de la commande')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Annuler la commande' })).not.toBeInTheDocument();
  });

  it('when the appointment is over, then support gets no cancel button', async () => {
    const page = orderPage({ ...orders[0], status: 'completed' });
    signIn('support', page.handlers);
    renderApp('/orders/31/show');
    expect(await screen.findByText('Réalisée')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Annuler la commande' })).not.toBeInTheDocument();
  });
});
