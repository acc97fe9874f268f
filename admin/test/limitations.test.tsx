/**
 * Limitations in the console: the decision buttons by status and role, the
 * confirmation dialog with its required note, the server's 409 sentence, the create form.
 */
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsFor } from '../src/limitations/limitationRules';
import { limitations, partners } from './fixtures';
import { apiError, authHandlers, listHandler, oneHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

type Row = Record<string, unknown>;

/** Colleagues by name, as `GET /api/staff-names` answers roles without the staff accounts. */
function staffNames() {
  return http.get('*/api/staff-names', ({ request }) => {
    const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',').map(Number);
    return HttpResponse.json(Object.values(USERS).filter((u) => ids.includes(u.id)).map((u) => ({ id: u.id, fullName: u.fullName })));
  });
}

function handlers(row: Row, posts: { url: string; body: unknown }[], answer?: () => Response) {
  return [
    listHandler('limitations', [row]),
    oneHandler('limitations', [row]),
    listHandler('partners', partners),
    listHandler('users', [USERS.ops]),
    http.post('*/api/limitations/:id/:action', async ({ request }) => {
      posts.push({ url: new URL(request.url).pathname, body: await request.json() });
      return answer ? answer() : HttpResponse.json({ ...row, status: 'lifted' });
    }),
  ];
}

describe('limitation actions', { timeout: 60_000 }, () => {
  // The whole App renders several times per test: give a loaded runner more time than the default 5 s.
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('when the status is known, then only the allowed actions are offered', () => {
    expect(actionsFor('active')).toEqual(['lift']);
    expect(actionsFor('awaiting_review')).toEqual(['lift', 'terminate']);
    expect(actionsFor('termination_pending')).toEqual(['approve-termination', 'decline-termination']);
    expect(actionsFor('lifted')).toEqual([]);
    expect(actionsFor('terminated')).toEqual([]);
  });

  it('when ops asks for a termination, then a dialog asks for a note before sending it', async () => {
    const posts: { url: string; body: unknown }[] = [];
    const row = { ...limitations[0], status: 'awaiting_review' };
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...handlers(row, posts));
    renderApp('/limitations/81/show');
    expect(await screen.findByRole('button', { name: 'Lever la limitation' })).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'Demander la résiliation' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Demander la résiliation' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Aucune amélioration.');
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(confirm);
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ url: '/api/limitations/81/terminate', body: { note: 'Aucune amélioration.' } });
    expect(await screen.findByText('Résiliation demandée')).toBeTruthy();
  });

  it('when the review is due, then the four-eyes rule is explained before anyone clicks', async () => {
    const row = { ...limitations[0], status: 'awaiting_review' };
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...handlers(row, []));
    renderApp('/limitations/81/show');
    const notice = await screen.findByTestId('termination-notice');
    expect(notice).toHaveTextContent('Résiliation à quatre yeux (LIM-6)');
    expect(notice).toHaveTextContent('un autre membre de l’équipe (ops ou admin) devra le faire');
  });

  it('when the requester opens the pending termination, then approval is disabled and says why, naming who asked', async () => {
    const posts: { url: string; body: unknown }[] = [];
    const row = { ...limitations[0], status: 'termination_pending', terminationRequestedBy: USERS.ops.id };
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...handlers(row, posts), staffNames());
    renderApp('/limitations/81/show');
    const approve = await screen.findByRole('button', { name: 'Approuver la résiliation' });
    await waitFor(() => expect(approve).toBeDisabled());
    expect(approve).toHaveAccessibleDescription('Vous avez demandé cette résiliation : un autre membre de l’équipe (ops ou admin) doit l’approuver.');
    const notice = screen.getByTestId('termination-notice');
    expect(await within(notice).findByText('Omar Ops')).toBeInTheDocument();
    expect(notice).toHaveTextContent('Demandée par : Omar Ops');
    expect(notice).toHaveTextContent('Vous avez demandé cette résiliation');
    // Declining stays open to the requester (they may withdraw their own request).
    expect(screen.getByRole('button', { name: 'Refuser la résiliation' })).toBeEnabled();
    expect(posts).toEqual([]);
  });

  it('when another member approves and the server still refuses (four eyes), then its sentence is shown', async () => {
    const posts: { url: string; body: unknown }[] = [];
    const row = { ...limitations[0], status: 'termination_pending', terminationRequestedBy: USERS.admin.id };
    const message = 'Vous avez demandé cette résiliation : un autre membre de l’équipe doit l’approuver.';
    server.use(
      ...authHandlers({ user: USERS.ops, signedIn: true }).handlers,
      ...handlers(row, posts, () => apiError(409, 'four_eyes_required', message)),
      staffNames(),
    );
    renderApp('/limitations/81/show');
    const notice = await screen.findByTestId('termination-notice');
    expect(await within(notice).findByText('Alice Admin')).toBeInTheDocument();
    expect(notice).toHaveTextContent('Un autre membre de l’équipe (ops ou admin) que la personne qui l’a demandée doit l’approuver.');
    await userEvent.click(await screen.findByRole('button', { name: 'Approuver la résiliation' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approuver la résiliation' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.body).toEqual({});
    expect(await screen.findByText(message)).toBeTruthy();
  });

  it('when ops opens a partner whose review is due, then the termination is asked from the partner page', async () => {
    const posts: { url: string; body: unknown }[] = [];
    const row = { ...limitations[0], status: 'awaiting_review' };
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.ops, signedIn: true }).handlers,
      listHandler('limitations', [row], requests),
      ...handlers(row, posts),
      oneHandler('partners', partners),
      listHandler('services', []),
      http.get('*/api/partners/:id/outbox', () => HttpResponse.json([])),
    );
    renderApp('/partners/12/show/limitations');
    const section = await screen.findByTestId('partner-termination');
    expect(requests.some((r) => r.filter.partnerId === 12 && JSON.stringify(r.filter.status) === '["awaiting_review","termination_pending"]')).toBe(true);
    expect(await within(section).findByTestId('termination-notice')).toHaveTextContent('un autre membre de l’équipe (ops ou admin) devra le faire');
    expect(within(section).getByRole('link', { name: 'Ouvrir la limitation' })).toHaveAttribute('href', '#/limitations/81/show');
    await userEvent.click(await within(section).findByRole('button', { name: 'Demander la résiliation' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox'), 'Aucune amélioration.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Demander la résiliation' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.url).toBe('/api/limitations/81/terminate');
  });

  it('when support opens a limitation, then no decision is offered', async () => {
    const posts: { url: string; body: unknown }[] = [];
    server.use(...authHandlers({ user: USERS.support, signedIn: true }).handlers, ...handlers({ ...limitations[0], status: 'active' }, posts));
    renderApp('/limitations/81/show');
    expect(await screen.findByText('Absence le 4 mars.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lever la limitation' })).toBeNull();
  });

  it('when ops opens the create form, then it offers the five manual reasons only', async () => {
    server.use(...authHandlers({ user: USERS.ops, signedIn: true }).handlers, ...handlers(limitations[0] as Row, []));
    renderApp('/limitations/create');
    const reason = await screen.findByRole('combobox', { name: /Motif/ });
    await userEvent.click(reason);
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toContain('Absence à une intervention');
    expect(options).not.toContain('Aucune acceptation sur les 50 dernières propositions');
  });

  it('when ops picks the "awaiting review" view, then the list asks for that status', async () => {
    const requests: ListRequest[] = [];
    server.use(
      ...authHandlers({ user: USERS.ops, signedIn: true }).handlers,
      listHandler('limitations', limitations, requests),
      listHandler('partners', partners),
    );
    renderApp('/limitations');
    await userEvent.click(await screen.findByText('À réexaminer', { selector: 'span, div, p' }));
    await waitFor(() => expect(requests.some((r) => r.filter.status === 'awaiting_review')).toBe(true));
    await userEvent.click(await screen.findByText('Résiliations à approuver'));
    await waitFor(() => expect(requests.some((r) => r.filter.status === 'termination_pending')).toBe(true));
  });
});
