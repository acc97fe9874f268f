/**
 * Long views come 25 rows at a time (common/PagedRows.tsx): a partner's messages, the sessions
 * a payout pays, and a case's timeline — which opens on its latest page, beside the composer.
 */
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRow, EVENTS, handlers as caseHandlers } from '../src/cases/caseFixtures';
import { limitations, partners, payouts, services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const many = <T,>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i + 1));

describe('long views in pages of 25', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('when a partner has 30 messages, then the Limitations tab shows 25, newest first, and the next page the 5 oldest', async () => {
    const outbox = many(30, (i) => ({
      id: i,
      partnerId: 11,
      limitationId: 82,
      kind: 'limitation_apply',
      channel: 'email',
      subject: `Message ${31 - i}`,
      body: 'Bonjour,',
      createdAt: '2025-03-05T10:00:00.000Z',
      sentAt: null,
    }));
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      oneHandler('partners', partners),
      listHandler('partners', partners),
      listHandler('limitations', limitations),
      listHandler('services', services),
      http.get('*/api/partners/:id/outbox', () => HttpResponse.json(outbox)),
    );
    renderApp('/partners/11/show/limitations');
    const box = await screen.findByTestId('partner-outbox');
    await within(box).findByText('Message 30');
    expect(box.querySelectorAll('[data-outbox-kind]')).toHaveLength(25);
    expect(within(box).getByText('1-25 sur 30')).toBeInTheDocument();
    expect(within(box).queryByText('Message 5')).toBeNull();
    await userEvent.click(within(box).getByRole('button', { name: 'Aller à la prochaine page' }));
    expect(await within(box).findByText('Message 5')).toBeInTheDocument();
    expect(box.querySelectorAll('[data-outbox-kind]')).toHaveLength(5);
  });

  it('when a payout pays 30 sessions, then its lines come 25 at a time', async () => {
    const lines = many(30, (i) => ({ id: i, orderId: 1000 + i, orderReference: `O-${String(1000 + i)}`, serviceCode: 'haircut', sessionEndsAt: '2025-03-05T10:00:00.000Z', partnerPayCents: 2600 }));
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      oneHandler('partners', partners),
      listHandler('partners', partners),
      listHandler('services', services),
      listHandler('payouts', payouts),
      http.get('*/api/payouts/:id/lines', () => HttpResponse.json(lines)),
    );
    renderApp('/partners/11/show/payouts');
    await userEvent.click(await screen.findByText('26,00 €'));
    const table = await screen.findByRole('table', { name: 'Prestations payées' });
    expect(within(table).getByText('O-1001')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(26); // the header and 25 lines
    expect(screen.getByText('1-25 sur 30')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Aller à la prochaine page' }));
    expect(await within(table).findByText('O-1030')).toBeInTheDocument();
    expect(within(table).queryByText('O-1001')).toBeNull();
  });

  it('when a case has 30 events, then its timeline opens on the latest 5, and the previous page holds the first 25', async () => {
    const events = many(30, (i) => ({ ...EVENTS[0], id: 1000 + i, type: 'note', body: `Échange ${i}` }));
    server.use(http.get('*/api/cases/:id/events', () => HttpResponse.json(events)), ...caseHandlers(USERS.mediator, caseRow()));
    renderApp('/cases/111/show');
    const timeline = await screen.findByTestId('case-timeline');
    expect(await within(timeline).findByText('Échange 30')).toBeInTheDocument();
    expect(within(timeline).getAllByTestId('case-event')).toHaveLength(5);
    expect(within(timeline).getByText('26-30 sur 30')).toBeInTheDocument();
    await userEvent.click(within(timeline).getByRole('button', { name: 'Aller à la page précédente' }));
    expect(await within(timeline).findByText('Échange 1')).toBeInTheDocument();
    expect(within(timeline).getAllByTestId('case-event')).toHaveLength(25);
  });
});
