/**
 * The home page as each role's inbox (GET /api/inbox): one card per section the server
 * sends, each count a link to its list with the filter and order the count was made with.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/inbox';
import { inboxListPath } from '../src/dashboard/inboxMethods';
import { partners } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

const SUPPORT_INBOX: Inbox = {
  today: '2026-11-20',
  sections: [
    {
      key: 'support',
      items: [
        {
          key: 'applicantsWaiting',
          count: 8,
          estimated: false,
          list: { resource: 'partners', filter: { status: 'applicant' }, sort: ['createdAt', 'ASC'] },
          next: [{ id: 27, label: 'P000027 — Léa Michel', due: null }],
        },
        {
          key: 'filesIHold',
          count: 2,
          estimated: false,
          list: { resource: 'partners', filter: { status: 'in_review', assignedTo: 2 }, sort: ['takenAt', 'ASC'] },
          next: [],
        },
        {
          key: 'filesExpiring',
          count: 12_500,
          estimated: true,
          list: { resource: 'documents', filter: { status: 'approved', validUntil_gte: '2026-11-20', validUntil_lte: '2026-12-20' }, sort: ['validUntil', 'ASC'] },
          next: [{ id: 5, label: 'P000002 — Aurélie Dubois', due: '2026-11-25' }],
        },
      ],
    },
  ],
};

function inboxHandler(inbox: Inbox, calls: { n: number } = { n: 0 }) {
  return http.get('*/api/inbox', () => {
    calls.n++;
    return HttpResponse.json(inbox);
  });
}

describe('the inbox on the home page', () => {
  it('when support signs in, then its section shows each count as a link to the filtered list, with the first rows', async () => {
    const calls = { n: 0 };
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, inboxHandler(SUPPORT_INBOX, calls));
    renderApp('/');

    const card = await screen.findByRole('region', { name: 'Vérification des partenaires' });
    const waiting = within(card).getByRole('link', { name: 'Candidatures en attente : 8' });
    const href = decodeURIComponent(waiting.getAttribute('href') ?? '');
    expect(href).toContain('#/partners?');
    expect(href).toContain('filter={"status":"applicant"}');
    expect(href).toContain('sort=createdAt&order=ASC');
    expect(within(card).getByRole('link', { name: 'Dossiers que je traite : 2' })).toBeInTheDocument();
    // An estimated total reads as one, as the list's would.
    expect(within(card).getByRole('link', { name: /^Documents expirant sous 30 jours : environ 12\s500$/ })).toBeInTheDocument();
    // A partner row opens the partner; a document shows its due day in French.
    expect(within(card).getByRole('link', { name: 'P000027 — Léa Michel' })).toHaveAttribute('href', '#/partners/27/show');
    expect(within(card).getByText(/échéance 25\/11\/2026/)).toBeInTheDocument();
    // Another team's sections are not on this home.
    expect(screen.queryByRole('region', { name: 'Médiation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Fiches d’intervention' })).not.toBeInTheDocument();
    expect(calls.n).toBe(1);
  });

  it('when a count is followed, then the list asks the server for exactly the filter and order of the count', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      inboxHandler(SUPPORT_INBOX),
      listHandler('partners', partners, requests),
      http.get('*/api/stats/marketplace', () => HttpResponse.json({}, { status: 503 })),
    );
    renderApp('/');

    const link = await screen.findByRole('link', { name: 'Dossiers que je traite : 2' });
    await userEvent.setup().click(link);

    await waitFor(() => expect(requests.some((r) => r.filter.status === 'in_review')).toBe(true));
    const listed = requests.find((r) => r.filter.status === 'in_review')!;
    expect(listed.filter).toEqual({ status: 'in_review', assignedTo: 2 });
    expect(listed.sort).toEqual(['takenAt', 'ASC']);
  });

  it('when the inbox cannot be read, then the home says so and the menu stays usable', async () => {
    server.use(
      ...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers,
      http.get('*/api/inbox', () => HttpResponse.json({ error: { code: 'internal', message: 'Erreur.' } }, { status: 500 })),
    );
    renderApp('/');
    expect(await screen.findByText(/La corbeille n’a pas pu être chargée/)).toBeInTheDocument();
  });

  it('when a list path is built, then it carries the filter as JSON and the order react-admin reads', () => {
    expect(inboxListPath({ list: { resource: 'orders', filter: { status: ['accepted', 'completed'], sheetSignedAt: null }, sort: ['startsAt', 'ASC'] } })).toBe(
      `/orders?filter=${encodeURIComponent('{"status":["accepted","completed"],"sheetSignedAt":null}')}&sort=startsAt&order=ASC`,
    );
  });
});
