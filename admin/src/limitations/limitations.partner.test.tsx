/**
 * Limitations on a partner's page and the apply form: the "Limitations" tab with
 * the history, "Appliquer une limitation" for ops (not for support), the messages sent to the
 * partner (outbox); the apply form prefilled with the partner, its evidence picker sending
 * `evidence: [{type, id}]`; a limitation's evidence shown as links.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, limitations, orders, partners, reviews, services } from '../../test/fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS, type ListRequest } from '../../test/msw';
import { renderApp } from '../../test/renderApp';
import { toggleEvidence } from './evidence';
import { validateEndsAt } from './LimitationCreate';

/** `YYYY-MM-DDTHH:MM` in the user's time zone, as a datetime-local input holds it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type Row = Record<string, unknown>;

const OUTBOX = [
  {
    id: 2,
    partnerId: 11,
    limitationId: 82,
    kind: 'limitation_lift',
    channel: 'email',
    subject: 'Levée de la limitation de votre compte partenaire',
    body: 'Bonjour Élodie,\n\nLa limitation de votre compte partenaire est levée.',
    createdAt: '2025-03-20T10:00:00.000Z',
    sentAt: null,
  },
  {
    id: 1,
    partnerId: 11,
    limitationId: 82,
    kind: 'limitation_apply',
    channel: 'email',
    subject: 'Limitation de votre compte partenaire',
    body: 'Bonjour Élodie,\n\nNous avons limité votre compte partenaire pour le motif suivant : un rendez-vous manqué sans prévenir le client.',
    createdAt: '2025-03-05T10:00:00.000Z',
    sentAt: null,
  },
];

const LIFTED = { ...limitations[0], id: 82, partnerId: 11, status: 'lifted', evidence: [{ type: 'order', id: 31 }, { type: 'review', id: 51 }] } as Row;

function partnerPage(outboxAsked: string[] = [], limitationRequests: ListRequest[] = []) {
  return [
    listHandler('partners', partners),
    oneHandler('partners', partners),
    listHandler('limitations', [LIFTED], limitationRequests),
    oneHandler('limitations', [LIFTED]),
    listHandler('services', services),
    http.get('*/api/partners/:id/outbox', ({ params }) => {
      outboxAsked.push(String(params.id));
      return HttpResponse.json(OUTBOX);
    }),
  ];
}

describe('limitations on the partner page and the apply form', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('when evidence is toggled, then it is added once and removed on the second toggle', () => {
    const once = toggleEvidence([], { type: 'order', id: 31 });
    expect(once).toEqual([{ type: 'order', id: 31 }]);
    const twice = toggleEvidence([...once, { type: 'review', id: 31 }], { type: 'order', id: 31 });
    expect(twice).toEqual([{ type: 'review', id: 31 }]);
  });

  it('when the end date is past or more than 6 calendar months ahead, then the form says so before sending', () => {
    const now = new Date(2026, 7, 31, 10, 0); // 31 August, 10:00 local
    expect(validateEndsAt(new Date(2026, 7, 31, 9, 59).toISOString(), {}, {}, now)).toBe('app.limitations.endsAtPast');
    expect(validateEndsAt(now.toISOString(), {}, {}, now)).toBe('app.limitations.endsAtPast');
    expect(validateEndsAt(new Date(2026, 8, 1).toISOString(), {}, {}, now)).toBeUndefined();
    // 6 months after 31 August: 28 February (clamped to the month's last day), same time.
    expect(validateEndsAt(new Date(2027, 1, 28, 10, 0).toISOString(), {}, {}, now)).toBeUndefined();
    expect(validateEndsAt(new Date(2027, 1, 28, 10, 1).toISOString(), {}, {}, now)).toBe('app.limitations.endsAtTooFar');
    expect(validateEndsAt('', {}, {}, now)).toBeUndefined();
  });

  it('when ops opens the partner’s Limitations tab, then the history, the apply button (prefilled link) and the messages sent are shown', async () => {
    const outboxAsked: string[] = [];
    const requests: ListRequest[] = [];
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...partnerPage(outboxAsked, requests));
    renderApp('/partners/11/show/limitations');

    const history = await screen.findByTestId('partner-limitations');
    expect(await within(history).findByText('Levée')).toBeInTheDocument();
    expect(requests.some((r) => r.filter.partnerId === 11)).toBe(true);
    const apply = await within(history).findByRole('link', { name: 'Appliquer une limitation' });
    expect(apply).toHaveAttribute('href', `#/limitations/create?source=${encodeURIComponent('{"partnerId":11}')}`);
    expect(screen.getByText('Aucune limitation en vigueur')).toBeInTheDocument();

    const outbox = await screen.findByTestId('partner-outbox');
    expect(await within(outbox).findByText('Levée de la limitation de votre compte partenaire')).toBeInTheDocument();
    expect(within(outbox).getByText('Limitation de votre compte partenaire')).toBeInTheDocument();
    // Newest first, each with its kind, not sent yet.
    const kinds = [...outbox.querySelectorAll('[data-outbox-kind]')].map((e) => e.getAttribute('data-outbox-kind'));
    expect(kinds).toEqual(['limitation_lift', 'limitation_apply']);
    expect(within(outbox).getAllByText('en attente d’envoi')).toHaveLength(2);
    await userEvent.click(within(outbox).getByText('Limitation de votre compte partenaire'));
    expect(await within(outbox).findByText(/un rendez-vous manqué sans prévenir le client/)).toBeVisible();
    expect(outboxAsked).toContain('11');
  });

  it('when support opens the same tab, then the history and messages show but no apply button', async () => {
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, ...partnerPage());
    renderApp('/partners/11/show/limitations');
    const history = await screen.findByTestId('partner-limitations');
    expect(await within(history).findByText('Levée')).toBeInTheDocument();
    expect(await screen.findByText('Levée de la limitation de votre compte partenaire')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Appliquer une limitation' })).toBeNull();
  });

  it('when the partner is not active, then ops is not offered the apply button', async () => {
    const applicant = partners.map((p) => ({ ...p, status: 'applicant' }));
    server.use(
      ...authHandlers({ user: USERS.ops, signedIn: true }).handlers,
      // msw tries handlers in the order given: these answer before partnerPage's.
      listHandler('partners', applicant),
      oneHandler('partners', applicant),
      ...partnerPage(),
    );
    renderApp('/partners/11/show/limitations');
    const history = await screen.findByTestId('partner-limitations');
    expect(await within(history).findByText('Levée')).toBeInTheDocument();
    expect(within(history).queryByRole('link', { name: 'Appliquer une limitation' })).toBeNull();
  });

  it('when ops applies from the partner’s link and ticks an order and a review, then the POST carries the partner and the evidence', async () => {
    const posted: Row[] = [];
    const evidenceRequests: Record<string, ListRequest[]> = { orders: [], reviews: [], cases: [] };
    server.use(
      ...authHandlers({ user: USERS.ops, signedIn: true }).handlers,
      ...partnerPage(),
      listHandler('orders', orders, evidenceRequests.orders),
      listHandler('reviews', reviews, evidenceRequests.reviews),
      listHandler('cases', cases, evidenceRequests.cases),
      http.post('*/api/limitations', async ({ request }) => {
        const body = (await request.json()) as Row;
        posted.push(body);
        return HttpResponse.json({ ...LIFTED, ...body, id: 82, status: 'active' }, { status: 201 });
      }),
    );
    renderApp(`/limitations/create?source=${encodeURIComponent('{"partnerId":11}')}`);

    // The partner is prefilled, so its recent orders, reviews and cases are offered.
    const picker = await screen.findByTestId('evidence-input');
    const order = await within(picker).findByRole('checkbox', { name: /O-000031 · .* · Coupe à domicile/ });
    const review = await within(picker).findByRole('checkbox', { name: /5\/5/ });
    expect(await within(picker).findByRole('checkbox', { name: /M-000111/ })).toBeInTheDocument();
    expect(evidenceRequests.orders[0]).toMatchObject({ filter: { partnerId: 11 }, sort: ['startsAt', 'DESC'] });
    expect(evidenceRequests.cases[0]?.filter).toEqual({ partnerId: 11 });
    await userEvent.click(order);
    await userEvent.click(review);
    expect(within(picker).getByText('2 pièces sélectionnées')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: /Motif/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Absence à une intervention' }));
    await userEvent.click(screen.getByRole('combobox', { name: /Modalité/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Clients existants uniquement' }));
    await userEvent.click(screen.getByRole('textbox', { name: /Note/ }));
    await userEvent.paste('Absence sans prévenir le 4 mars.');
    // A past end date is refused under the field, and nothing is sent.
    fireEvent.change(screen.getByLabelText(/^Fin/), { target: { value: '2020-04-01T10:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('La date de fin doit être dans le futur.')).toBeInTheDocument();
    expect(posted).toEqual([]);
    const end = localInput(new Date(Date.now() + 30 * 86_400_000));
    fireEvent.change(screen.getByLabelText(/^Fin/), { target: { value: end } });
    await waitFor(() => expect(screen.queryByText('La date de fin doit être dans le futur.')).toBeNull());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeEnabled());
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      partnerId: 11,
      reason: 'no_show',
      modality: 'existing_clients_only',
      note: 'Absence sans prévenir le 4 mars.',
      evidence: [
        { type: 'order', id: 31 },
        { type: 'review', id: 51 },
      ],
    });
    // The wall-clock time typed is sent as an instant with its offset (the API refuses a bare local time).
    expect(posted[0]!.endsAt).toBe(new Date(end).toISOString());
  });

  it('when a limitation has evidence, then its page links to the evidence by kind', async () => {
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...partnerPage());
    renderApp('/limitations/82/show');
    const orderLink = await screen.findByRole('link', { name: '1 commande' });
    expect(orderLink).toHaveAttribute('href', `#/orders?filter=${encodeURIComponent('{"id":[31]}')}`);
    expect(screen.getByRole('link', { name: '1 avis' })).toBeInTheDocument();
  });
});
