/**
 * Intervention sheets in the console: the "to print" screen (a Paris day,
 * tomorrow by default; SHEET-2's three lists; print one sheet or the whole day), its
 * menu entry for the roles that may print, and the order page's print button and
 * signed-coupon upload with its signed state.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parisMidnight } from '../../shared/calendar/paris';
import { daySheetsUrl, parisDayFilter, signedSheetState, stageFilter, tomorrowInParis } from '../src/sheets/stages';
import { clients, orders, partners, services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

// 20 November 2026, 11:00 in Paris: "tomorrow" is Saturday 21 November.
const NOW = new Date('2026-11-20T10:00:00.000Z');

const UPCOMING = { ...orders[0], reference: 'R0001501', startsAt: '2026-11-21T09:30:00.000Z', endsAt: '2026-11-21T10:15:00.000Z', city: 'Lyon', sheetFileId: null };

function screens(rows: Record<string, unknown>[] = [UPCOMING]) {
  const orderRequests: ListRequest[] = [];
  return {
    orderRequests,
    handlers: [
      listHandler('orders', rows as never[], orderRequests),
      listHandler('clients', clients),
      listHandler('partners', partners),
      listHandler('services', services),
    ],
  };
}

describe('the Paris day and SHEET-2 filters', () => {
  it('when a day is turned into bounds, then they are Paris midnights, DST days included', () => {
    expect(parisMidnight('2026-11-21').toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(parisMidnight('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(parisDayFilter('2026-03-29')).toEqual({ startsAt_gte: '2026-03-28T23:00:00.000Z', startsAt_lte: '2026-03-29T21:59:59.999Z' });
    expect(parisDayFilter('2026-10-25')).toEqual({ startsAt_gte: '2026-10-24T22:00:00.000Z', startsAt_lte: '2026-10-25T22:59:59.999Z' });
  });

  it('when it is late evening in Paris, then tomorrow is the Paris tomorrow, not the UTC one', () => {
    expect(tomorrowInParis(new Date('2026-11-20T23:30:00.000Z'))).toBe('2026-11-22');
    expect(tomorrowInParis(NOW)).toBe('2026-11-21');
  });

  it('when a list is chosen, then its filter follows SHEET-2 (history: 24 h after the intervention)', () => {
    expect(stageFilter('pending', NOW, '2026-11-21')).toEqual({ status: 'dispatching' });
    expect(stageFilter('history', NOW, '2026-11-21')).toEqual({
      status: ['accepted', 'completed', 'no_show', 'cancelled_by_client', 'cancelled_by_partner'],
      endsAt_lte: '2026-11-19T10:00:00.000Z',
    });
    expect(stageFilter('upcoming', NOW, '2026-11-21')).toEqual({ status: 'accepted', ...parisDayFilter('2026-11-21') });
  });

  it('when the day is printed with filters, then the PDF address carries them', () => {
    expect(daySheetsUrl('2026-11-21')).toBe('/api/sheets.pdf?date=2026-11-21');
    expect(daySheetsUrl('2026-11-21', { city: ' Saint-Étienne ', partnerId: 11, serviceCode: 'haircut' })).toBe(
      '/api/sheets.pdf?date=2026-11-21&city=Saint-%C3%89tienne&partnerId=11&serviceCode=haircut',
    );
  });

  it('when an order is pending, cancelled or still to come, then no signed coupon can be uploaded yet', () => {
    expect(signedSheetState({ status: 'completed', startsAt: '2026-11-19T09:00:00Z' }, NOW)).toBe('ok');
    expect(signedSheetState({ status: 'accepted', startsAt: '2026-11-21T09:00:00Z' }, NOW)).toBe('not_yet');
    expect(signedSheetState({ status: 'dispatching', startsAt: '2026-11-19T09:00:00Z' }, NOW)).toBe('not_signable');
    expect(signedSheetState({ status: 'cancelled_by_client', startsAt: '2026-11-19T09:00:00Z' }, NOW)).toBe('not_signable');
  });
});

describe('the "to print" screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['coordinator', true],
    ['admin', true],
    ['support', false],
    ['ops', false],
    ['mediator', false],
  ] as const)('when %s is signed in, then the menu entry "À imprimer" is shown: %s', async (role, shown) => {
    server.use(...authHandlers({ user: USERS[role], signedIn: true }).handlers);
    renderApp('/');
    await screen.findByRole('menuitem', { name: 'Partenaires' });
    if (shown) expect(await screen.findByRole('menuitem', { name: 'À imprimer' })).toHaveAttribute('href', '#/sheets');
    else expect(screen.queryByRole('menuitem', { name: 'À imprimer' })).not.toBeInTheDocument();
  });

  it('when a coordinator opens it, then tomorrow’s accepted appointments are listed and the day prints as one PDF in a new tab', async () => {
    const s = screens();
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/sheets');

    expect(await screen.findByText('R0001501')).toBeInTheDocument();
    expect(screen.getByTestId('sheets-day')).toHaveValue('2026-11-21');
    const asked = s.orderRequests.at(-1)!;
    expect(asked.filter).toEqual({ status: 'accepted', startsAt_gte: '2026-11-20T23:00:00.000Z', startsAt_lte: '2026-11-21T22:59:59.999Z' });
    expect(asked.sort).toEqual(['startsAt', 'ASC']);

    const printDay = await screen.findByRole('link', { name: /Imprimer la journée \(1 fiche\)/ });
    expect(printDay).toHaveAttribute('href', '/api/sheets.pdf?date=2026-11-21');
    expect(printDay).toHaveAttribute('target', '_blank');
    const printOne = screen.getByRole('link', { name: 'Imprimer la fiche R0001501' });
    expect(printOne).toHaveAttribute('href', '/api/orders/31/sheet.pdf');
    expect(printOne).toHaveAttribute('target', '_blank');
  });

  it('when the day or the city changes, then the list and the day’s PDF follow', async () => {
    const s = screens();
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/sheets');
    await screen.findByText('R0001501');

    const user = userEvent.setup();
    // A date input is set in one go (jsdom does not type into its segments).
    fireEvent.change(screen.getByTestId('sheets-day'), { target: { value: '2026-11-23' } });
    await waitFor(() => expect(s.orderRequests.at(-1)!.filter).toMatchObject({ startsAt_gte: '2026-11-22T23:00:00.000Z', startsAt_lte: '2026-11-23T22:59:59.999Z' }));

    await user.type(screen.getByRole('textbox', { name: 'Ville' }), 'Lyon');
    await waitFor(() => expect(s.orderRequests.at(-1)!.filter).toMatchObject({ status: 'accepted', city: 'Lyon' }));
    await waitFor(() => expect(screen.getByRole('link', { name: /Imprimer la journée/ })).toHaveAttribute('href', '/api/sheets.pdf?date=2026-11-23&city=Lyon'));
  });

  it('when the day has nothing to print, then "Print the day" is disabled', async () => {
    const s = screens([]);
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/sheets');
    const button = await screen.findByText(/Imprimer la journée \(0 fiche\)/);
    await waitFor(() => expect(button.closest('a')).toHaveAttribute('aria-disabled', 'true'));
  });

  it('when the pending requests or the history tab is chosen, then the list asks for them (SHEET-2)', async () => {
    const s = screens();
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/sheets');
    await screen.findByText('R0001501');
    const user = userEvent.setup();

    await user.click(screen.getByRole('tab', { name: 'Demandes en attente' }));
    await waitFor(() => expect(s.orderRequests.at(-1)!.filter).toEqual({ status: 'dispatching' }));
    expect(screen.queryByRole('link', { name: /Imprimer la journée/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Historique' }));
    await waitFor(() => expect(s.orderRequests.at(-1)!.filter.endsAt_lte).toBeDefined());
    // 24 h before "now" (the test clock moves on with real time, a few seconds at most).
    const cutoff = Date.parse(String(s.orderRequests.at(-1)!.filter.endsAt_lte)) - (NOW.getTime() - 24 * 3600_000);
    expect(cutoff).toBeGreaterThanOrEqual(0);
    expect(cutoff).toBeLessThan(60_000);
    expect(s.orderRequests.at(-1)!.sort).toEqual(['startsAt', 'DESC']);
    expect(await screen.findByText('Une demande passe dans l’historique 24 h après l’intervention.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Imprimer la fiche R0001501' })).toHaveAttribute('href', '/api/orders/31/sheet.pdf');
  });

  it('when support types the address of the screen, then access is denied without asking for orders', async () => {
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers);
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    renderApp('/sheets');
    expect(await screen.findByText('Non autorisé')).toBeInTheDocument();
    expect(asked.filter((p) => p.startsWith('/api/orders'))).toEqual([]);
  });
});

describe('the order page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function orderScreens(order: Record<string, unknown>) {
    let current = { ...order };
    const uploads: Array<{ fields: string[]; content: string | null; type: string | null }> = [];
    return {
      uploads,
      handlers: [
        http.get('*/api/orders/:id', () => HttpResponse.json(current)),
        listHandler('clients', clients),
        listHandler('partners', partners),
        listHandler('services', services),
        listHandler('proposals', []),
        listHandler('payments', []),
        listHandler('audit-log', []),
        http.post('*/api/orders/:id/signed-sheet', async ({ request }) => {
          const form = await request.formData();
          const file = form.get('file');
          uploads.push({ fields: [...form.keys()], content: typeof file === 'object' && file !== null ? await (file as Blob).text() : null, type: request.headers.get('content-type') });
          current = { ...current, sheetSignedAt: NOW.toISOString(), sheetFileId: 7 };
          return HttpResponse.json(current);
        }),
      ],
    };
  }

  it('when a coordinator uploads the signed coupon of a done intervention, then it is sent as multipart and the order shows as signed', async () => {
    const done = { ...orders[0], status: 'completed', sheetFileId: null };
    const s = orderScreens(done);
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/orders/31/show');

    expect(await screen.findByRole('link', { name: 'Imprimer la fiche' })).toHaveAttribute('href', '/api/orders/31/sheet.pdf');
    expect(screen.getByText('Coupon signé non reçu')).toBeInTheDocument();

    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByTestId('signed-sheet-input'), new File(['%PDF-1.4 scan'], 'coupon signé.pdf', { type: 'application/pdf' }));

    expect(await screen.findByText(/Coupon signé reçu le 20\/11\/2026/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voir le coupon signé' })).toHaveAttribute('href', '/api/orders/31/signed-sheet');
    expect(screen.getByRole('button', { name: 'Remplacer le coupon signé' })).toBeInTheDocument();
    expect(s.uploads).toHaveLength(1);
    expect(s.uploads[0].fields).toEqual(['file']);
    expect(s.uploads[0].content).toBe('%PDF-1.4 scan');
    expect(s.uploads[0].type).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('when the intervention is still to come, then the sheet prints but no coupon can be uploaded yet', async () => {
    const s = orderScreens({ ...UPCOMING });
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers, ...s.handlers);
    renderApp('/orders/31/show');
    expect(await screen.findByRole('link', { name: 'Imprimer la fiche' })).toBeInTheDocument();
    expect(screen.getByText('Le coupon signé se dépose une fois l’intervention commencée.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Déposer le coupon signé' })).not.toBeInTheDocument();
  });

  it('when a role without the sheet actions opens the order, then there is no sheet section', async () => {
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, oneHandler('orders', orders), listHandler('clients', clients), listHandler('partners', partners), listHandler('services', services), listHandler('proposals', []), listHandler('payments', []), listHandler('audit-log', []));
    renderApp('/orders/31/show');
    await screen.findByText('O-000031');
    const main = screen.getByRole('main');
    expect(within(main).queryByText('Fiche d’intervention')).not.toBeInTheDocument();
    expect(within(main).queryByRole('link', { name: 'Imprimer la fiche' })).not.toBeInTheDocument();
  });
});
