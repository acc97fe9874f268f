/**
 * "Ouvrir un dossier de médiation" on an order's page (MED-2: complaints come about an
 * order): a mediator gets a link to the case form prefilled with the order; a coordinator,
 * who may not create cases, does not.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clients, orders, partners, services } from '../../test/fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from '../../test/msw';
import { renderApp } from '../../test/renderApp';

const order = orders[0] as { id: number; reference: string };
const orderPage = () => [
  listHandler('orders', orders),
  oneHandler('orders', orders),
  listHandler('clients', clients),
  listHandler('partners', partners),
  listHandler('services', services),
  listHandler('proposals', []),
  listHandler('payments', []),
  listHandler('audit-log', []),
];

describe('open a case from an order', () => {
  it('when a mediator opens an order, then a link opens the case form prefilled with the order', async () => {
    server.use(...authHandlers({ user: USERS.mediator, signedIn: true }).handlers, ...orderPage());
    renderApp(`/orders/${order.id}/show`);
    const link = await screen.findByRole('link', { name: 'Ouvrir un dossier de médiation' });
    expect(link).toHaveAttribute('href', `#/cases/create?source=${encodeURIComponent(JSON.stringify({ orderId: order.id }))}`);
  });

  it('when a coordinator opens the same order, then there is no such link', async () => {
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...orderPage());
    renderApp(`/orders/${order.id}/show`);
    expect(await screen.findByText(order.reference)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Ouvrir un dossier de médiation' })).toBeNull();
  });
});
