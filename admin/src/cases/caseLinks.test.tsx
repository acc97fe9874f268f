/**
 * The case page's MED-8 and link features, against msw speaking server/mediation/README.md:
 * the referral offered only when MED-8 allows it, the timeline marking what goes to the
 * mediator and crediting an imported e-mail to its sender, the .eml import from a case page
 * (`caseId`), a case "à rattacher" (attach / dismiss), closing as a duplicate (confirmed,
 * the original looked up by reference) and the links shown both ways.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server, USERS } from '../../test/msw';
import { renderApp } from '../../test/renderApp';
import { offeredTransitions } from './caseRules';
import { caseRow, daysAgo, EVENTS, handlers, type Post } from './caseFixtures';

describe('MED-8 in the console: the referral button', () => {
  const now = new Date();
  it('MED-8: an open case is offered no referral before MED-7’s answer deadline, nor after an answer within it; past it unanswered, or amicable, it is', () => {
    expect(offeredTransitions({ status: 'open', writtenComplaintAt: daysAgo(10), answeredAt: null }, now)).not.toContain('refer');
    expect(offeredTransitions({ status: 'open', writtenComplaintAt: daysAgo(70), answeredAt: daysAgo(60) }, now)).not.toContain('refer');
    expect(offeredTransitions({ status: 'open', writtenComplaintAt: null, answeredAt: null }, now)).not.toContain('refer');
    expect(offeredTransitions({ status: 'open', writtenComplaintAt: daysAgo(70), answeredAt: null }, now)).toContain('refer');
    expect(offeredTransitions({ status: 'amicable', writtenComplaintAt: daysAgo(10), answeredAt: daysAgo(9) }, now)).toContain('refer');
    // MED-5's refusals stay offered: the dialog warns and shows the server's reason.
    expect(offeredTransitions({ status: 'amicable', writtenComplaintAt: null, answeredAt: null }, now)).toContain('refer');
  });
});

describe('case links and MED-8 on the case page', { timeout: 60_000 }, () => {
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('MED-8: an open case whose answer deadline passed unanswered offers the referral, with no "not yet" notice', async () => {
    server.use(...handlers(USERS.mediator, caseRow({ writtenComplaintAt: daysAgo(70), createdAt: daysAgo(70) })));
    renderApp('/cases/111/show');

    const actions = await screen.findByTestId('case-actions');
    expect(await within(actions).findByRole('button', { name: 'Transmettre au médiateur' })).toBeInTheDocument();
    expect(within(screen.getByTestId('deadline-panel')).queryByTestId('referral-not-yet')).toBeNull();
  });

  it('MED-8: the timeline marks the events that go in the referral file (not the internal note) and credits an imported e-mail to its sender', async () => {
    const imported = { ...EVENTS[0], id: 5, actorId: null, actorName: null, sender: 'Claire Client <claire@client.exemple.fr>', body: 'De : Claire Client\nDate : 18/11/2026 09:42\n\nToujours rien.' };
    const note = { ...EVENTS[0], id: 6, actorId: 4, actorName: 'Marie Médiation', type: 'note', body: 'Le partenaire propose un geste commercial de 80 €.' };
    server.use(http.get('*/api/cases/:id/events', () => HttpResponse.json([...EVENTS, imported, note])), ...handlers(USERS.mediator, caseRow()));
    renderApp('/cases/111/show');

    const timeline = await screen.findByTestId('case-timeline');
    await within(timeline).findByText('Le partenaire propose un geste commercial de 80 €.');
    expect(within(timeline).getByTestId('referral-file-legend')).toHaveTextContent(/MED-8/);
    const lines = within(timeline).getAllByTestId('case-event');
    const badged = lines.map((l) => (within(l).queryByTestId('in-referral-file') ? l.getAttribute('data-event-type') : null));
    // EVENTS: message_in, evidence, proposal; then the imported message_in and the note.
    expect(badged).toEqual(['message_in', 'evidence', 'proposal', 'message_in', null]);
    expect(within(lines[3]!).getByText(/Claire Client <claire@client\.exemple\.fr>/)).toBeInTheDocument();
    expect(within(lines[3]!).queryByText(/Marie Médiation/)).toBeNull();
  });

  it('importing an e-mail from a case page sends caseId and stays on that case', async () => {
    const intakes: string[] = [];
    const row = caseRow({ category: 'damage', insuranceClaim: true });
    server.use(
      http.post('*/api/cases/intake', async ({ request }) => {
        intakes.push(await request.text());
        return HttpResponse.json({ created: false, placement: 'case', suggested: null, case: row, event: EVENTS[0], attachments: [] });
      }),
      ...handlers(USERS.mediator, row),
    );
    renderApp('/cases/111/show');

    const eml = new File(['From: voisine@ailleurs.exemple\r\nSubject: Témoignage\r\n\r\nJ’ai tout vu.'], 'temoin.eml', { type: 'message/rfc822' });
    await userEvent.upload(await screen.findByTestId('eml-input'), eml);
    await waitFor(() => expect(intakes).toHaveLength(1));
    expect(intakes[0]).toMatch(/name="caseId"\r\n\r\n111\r\n/);
    expect(await screen.findByText('E-mail ajouté au dossier M000111')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/cases/111/show');
  });

  it('a case "à rattacher" says which case the e-mail quoted; attaching is confirmed, posted, then the suggested case opens', async () => {
    const posts: Post[] = [];
    const pending = caseRow({ id: 112, reference: 'M000112', category: 'other', suggestedCaseId: 111 });
    const original = caseRow();
    server.use(
      ...handlers(USERS.mediator, pending, {
        posts,
        others: [original],
        answer: (path) => (path.endsWith('/attach') ? HttpResponse.json({ ...pending, status: 'closed', suggestedCaseId: null, duplicateOfId: 111 }) : undefined),
      }),
    );
    renderApp('/cases/112/show');

    const banner = await screen.findByTestId('case-to-attach');
    await within(banner).findByText(/cite le dossier M000111/);
    expect(screen.getAllByText('À rattacher').length).toBeGreaterThan(0);
    expect(await within(banner).findByRole('button', { name: 'Écarter la proposition' })).toBeInTheDocument();
    await userEvent.click(await within(banner).findByRole('button', { name: 'Rattacher au dossier M000111' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/clos comme doublon/)).toBeInTheDocument();
    expect(posts).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rattacher au dossier M000111' }));
    await waitFor(() => expect(posts).toEqual([{ path: '/api/cases/112/attach', body: {} }]));
    await waitFor(() => expect(window.location.hash).toBe('#/cases/111/show'));
  });

  it('dismissing the suggestion is confirmed, then posted; the server’s 409 stays in the dialog', async () => {
    const posts: Post[] = [];
    const pending = caseRow({ id: 112, reference: 'M000112', category: 'other', suggestedCaseId: 111 });
    const message = 'Marc Médiateur a agi sur ce dossier avant vous (statut désormais : clos). Rechargez la page.';
    server.use(
      ...handlers(USERS.mediator, pending, {
        posts,
        others: [caseRow()],
        answer: () => HttpResponse.json({ error: { code: 'conflict', message } }, { status: 409 }),
      }),
    );
    renderApp('/cases/112/show');

    const banner = await screen.findByTestId('case-to-attach');
    await userEvent.click(await within(banner).findByRole('button', { name: 'Écarter la proposition' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Écarter la proposition' }));
    await waitFor(() => expect(posts).toEqual([{ path: '/api/cases/112/dismiss-suggestion', body: {} }]));
    expect(await within(dialog).findByTestId('case-dialog-error')).toHaveTextContent(message);
  });

  it('closing as a duplicate looks the original up by its reference, shows it, and posts its id once confirmed', async () => {
    const posts: Post[] = [];
    const original = caseRow({ id: 98, reference: 'M000098', status: 'amicable' });
    server.use(...handlers(USERS.mediator, caseRow(), { posts, others: [original] }));
    renderApp('/cases/111/show');

    await userEvent.click(await screen.findByRole('button', { name: 'Clore comme doublon' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Clore comme doublon' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByTestId('duplicate-of-reference'), { target: { value: 'm000097' } });
    expect(await within(dialog).findByText('Aucun dossier M000097')).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByTestId('duplicate-of-reference'), { target: { value: 'M000111' } });
    await within(dialog).findByText(/Dossier M000111/);
    expect(confirm).toBeDisabled(); // not a duplicate of itself
    fireEvent.change(within(dialog).getByTestId('duplicate-of-reference'), { target: { value: 'M000098' } });
    expect(await within(dialog).findByText('Dossier M000098 — Résolution amiable')).toBeInTheDocument();
    await waitFor(() => expect(confirm).toBeEnabled());
    await userEvent.click(confirm);
    await waitFor(() => expect(posts).toEqual([{ path: '/api/cases/111/close-duplicate', body: { duplicateOfId: 98 } }]));
  });

  it('the links show both ways: a duplicate names its original, the original lists its duplicates and the e-mails waiting for it', async () => {
    const duplicate = caseRow({ id: 113, reference: 'M000113', status: 'closed', duplicateOfId: 111 });
    const waiting = caseRow({ id: 114, reference: 'M000114', suggestedCaseId: 111 });
    server.use(...handlers(USERS.mediator, caseRow(), { others: [duplicate, waiting] }));
    renderApp('/cases/111/show');

    expect(await screen.findByTestId('case-duplicates')).toHaveTextContent('Doublons de ce dossier : M000113');
    expect(screen.getByTestId('case-waiting')).toHaveTextContent('E-mails à rattacher à ce dossier : M000114');
    expect(screen.getByRole('link', { name: 'M000113' })).toHaveAttribute('href', '#/cases/113/show');
  });

  it('a duplicate’s page names its original and offers no more actions', async () => {
    const duplicate = caseRow({ id: 113, reference: 'M000113', status: 'closed', duplicateOfId: 111, closedAt: daysAgo(1) });
    server.use(...handlers(USERS.mediator, duplicate, { others: [caseRow()] }));
    renderApp('/cases/113/show');

    expect(await screen.findByTestId('case-duplicate-of')).toHaveTextContent('Doublon du dossier : M000111');
    expect(screen.queryByRole('button', { name: 'Clore comme doublon' })).toBeNull();
  });
});
