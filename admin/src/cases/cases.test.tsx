/**
 * Mediation cases in the console, against msw speaking server/mediation/README.md:
 * the queue and its filters, the deadline panel, the actions a status and a role allow,
 * the confirmation dialogs, the server's sentence on a 409/422, the timeline.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, server, USERS, type ListRequest } from '../../test/msw';
import { renderApp } from '../../test/renderApp';
import { parisMidnight } from '../../../shared/calendar/paris';
import { caseRow, daysAgo, EVENTS, handlers, type Post } from './caseFixtures';
import { transitionsFor } from './caseRules';
import { AGE_BUCKETS, bucketFilter } from './CaseAgeChart';
import { eurosToCents, formatEuros } from '../../../shared/euros';

describe('case rules the console applies', () => {
  it('when a status is known, then only the contract’s transitions are offered', () => {
    expect(transitionsFor('open')).toEqual(['amicable', 'resolve', 'refer', 'close']);
    expect(transitionsFor('amicable')).toEqual(['resolve', 'refer', 'close']);
    expect(transitionsFor('resolved')).toEqual(['close']);
    expect(transitionsFor('referred')).toEqual(['close']);
    expect(transitionsFor('closed')).toEqual([]);
  });

  it('when a refund is typed in euros, then it is sent in cents and shown fr-FR', () => {
    expect(eurosToCents('25,50')).toBe(2550);
    expect(eurosToCents(' 12.5 ')).toBe(1250);
    expect(eurosToCents('')).toBeUndefined();
    expect(eurosToCents('12,345')).toBeNaN();
    expect(eurosToCents('-3')).toBeNaN();
    expect(formatEuros(2550)).toBe('25,50\u00a0€');
    expect(formatEuros(123456)).toBe('1\u00a0234,56\u00a0€');
  });

  it('when the age chart counts a bucket, then its createdAt range covers it once', () => {
    const now = new Date('2026-11-20T10:00:00.000Z');
    expect(bucketFilter(AGE_BUCKETS[0]!, now)).toEqual({ createdAt_lte: '2026-11-20T10:00:00.000Z', createdAt_gte: '2026-11-13T10:00:00.001Z' });
    expect(bucketFilter(AGE_BUCKETS[1]!, now).createdAt_lte).toBe('2026-11-13T10:00:00.000Z');
    expect(bucketFilter(AGE_BUCKETS[AGE_BUCKETS.length - 1]!, now)).toEqual({ createdAt_lte: '2025-11-20T10:00:00.000Z' });
  });
});

describe('mediation cases in the console', { timeout: 60_000 }, () => {
  // The whole App renders several times per test: give a loaded runner more time than the default 5 s.
  beforeAll(() => configure({ asyncUtilTimeout: 15_000 }));
  afterAll(() => configure({ asyncUtilTimeout: 5000 }));

  it('when a mediator opens the queue, then it is sorted by nearest deadline and the quick views filter it', async () => {
    const requests: ListRequest[] = [];
    server.use(...handlers(USERS.mediator, caseRow({ nextDueAt: daysAgo(2), nextDueKind: 'answer' }), { requests }));
    renderApp('/cases');

    expect(await screen.findByText('M000111')).toBeInTheDocument();
    expect(await screen.findByText('Réponse à la réclamation')).toBeInTheDocument();
    expect(screen.getAllByText('En retard').length).toBeGreaterThan(0);
    const listed = requests.filter((r) => r.range[1] - r.range[0] > 0);
    expect(listed[0]!.sort).toEqual(['nextDueAt', 'ASC']);

    await userEvent.click(await screen.findByText('Mes dossiers'));
    await waitFor(() => expect(requests.some((r) => r.filter.assignedTo === 4)).toBe(true));
    await userEvent.click(screen.getByText('Mes dossiers'));
    await userEvent.click(screen.getByRole('button', { name: 'En retard' }));
    await waitFor(() => expect(requests.some((r) => r.filter.overdue === true && r.range[1] > 0)).toBe(true));

    // The chart counts running cases by age: one-row pages, overdue and not, for each bucket.
    expect(await screen.findByTestId('case-age-chart')).toBeInTheDocument();
    await waitFor(() => expect(requests.filter((r) => r.range[1] === 0 && Array.isArray(r.filter.status)).length).toBe(14));
    expect(requests.find((r) => r.range[1] === 0)!.filter.status).toEqual(['open', 'amicable', 'resolved', 'referred']);
  });

  it('when an open case is shown, then its deadlines, timeline and the open-state actions appear', async () => {
    server.use(...handlers(USERS.mediator, caseRow()));
    renderApp('/cases/111/show');

    const panel = await screen.findByTestId('deadline-panel');
    expect(within(panel).getByText('Réponse à la réclamation')).toBeInTheDocument();
    expect(within(panel).getByText(/Saisine du médiateur recevable jusqu’au/)).toBeInTheDocument();
    expect(panel.querySelector('[data-deadline="answer"]')?.getAttribute('data-overdue')).toBe('false');

    const actions = screen.getByTestId('case-actions');
    await within(actions).findByRole('button', { name: 'Clore le dossier' });
    for (const name of ['Passer en résolution amiable', 'Marquer résolu', 'Clore le dossier', 'Suggérer une limitation']) {
      expect(within(actions).getByRole('button', { name })).toBeInTheDocument();
    }
    // MED-8: open, complaint 10 days ago (answer not yet due): no referral offered, and the panel says why.
    expect(within(actions).queryByRole('button', { name: 'Transmettre au médiateur' })).toBeNull();
    expect(within(panel).getByTestId('referral-not-yet')).toHaveTextContent(/après l’échec de la résolution amiable.*\(MED-8\)/);
    // Already mine: nothing to take.
    expect(within(actions).queryByRole('button', { name: 'Prendre le dossier' })).toBeNull();
    expect(within(actions).getByRole('link', { name: /Dossier de saisine/ })).toHaveAttribute('href', '/api/cases/111/referral.pdf');

    // The timeline: a proposal's refund in euros, the evidence file as a download link.
    expect(await screen.findByTestId('event-refund')).toHaveTextContent('25,50 €');
    expect(screen.getByRole('link', { name: /photo\.png/ })).toHaveAttribute('href', '/api/cases/111/evidence/77');
    expect(screen.getByText('Réclamation écrite du client.')).toBeInTheDocument();
  });

  it('when a referred case is shown, then only closing (and the mediator’s dates) is offered', async () => {
    const row = caseRow({ status: 'referred', referredAt: daysAgo(5), mediatorReceivedAt: daysAgo(4), assignedTo: 9 });
    server.use(...handlers(USERS.mediator, row));
    renderApp('/cases/111/show');

    const actions = await screen.findByTestId('case-actions');
    expect(await within(actions).findByRole('button', { name: 'Clore le dossier' })).toBeInTheDocument();
    for (const name of ['Passer en résolution amiable', 'Marquer résolu', 'Transmettre au médiateur']) {
      expect(within(actions).queryByRole('button', { name })).toBeNull();
    }
    expect(within(actions).getByRole('button', { name: 'Prendre le dossier' })).toBeInTheDocument();
    expect(within(actions).getByRole('button', { name: 'Dates du médiateur' })).toBeInTheDocument();
    const panel = screen.getByTestId('deadline-panel');
    expect(within(panel).getByText('Refus du médiateur')).toBeInTheDocument();
    expect(within(panel).getByText('Court dès la notification aux parties')).toBeInTheDocument();
  });

  it('when a colleague handles the case, then a mediator reads the colleague’s name, not an id', async () => {
    const asked: string[] = [];
    server.use(
      http.get('*/api/staff-names', ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('ids') ?? '');
        return HttpResponse.json([{ id: 9, fullName: 'Camille Médiatrice' }]);
      }),
      ...handlers(USERS.mediator, caseRow({ status: 'referred', referredAt: daysAgo(5), mediatorReceivedAt: daysAgo(4), assignedTo: 9 })),
    );
    renderApp('/cases/111/show');
    expect(await screen.findByText('Camille Médiatrice', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(asked).toEqual(['9']);
  });

  it('when the mediator takes a case amicable, then it is confirmed first and posted', async () => {
    const posts: Post[] = [];
    server.use(...handlers(USERS.mediator, caseRow(), { posts }));
    renderApp('/cases/111/show');

    await userEvent.click(await screen.findByRole('button', { name: 'Passer en résolution amiable' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/intermédiaire entre le client et le partenaire/)).toBeInTheDocument();
    expect(posts).toHaveLength(0);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Appel au partenaire.' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Passer en résolution amiable' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ path: '/api/cases/111/amicable', body: { note: 'Appel au partenaire.' } });
    expect(await screen.findByText('Dossier passé en résolution amiable')).toBeInTheDocument();
  });

  it('when a referral is inadmissible, then the dialog warns and shows the server’s 422 reason', async () => {
    const posts: Post[] = [];
    const message =
      'Saisine irrecevable (MED-5, art. L.612-2 4° du code de la consommation) : plus d’un an après la réclamation écrite du 01/09/2025.';
    const row = caseRow({ status: 'amicable', writtenComplaintAt: daysAgo(400), createdAt: daysAgo(400) });
    server.use(
      ...handlers(USERS.mediator, row, {
        posts,
        answer: (path) =>
          path.endsWith('/refer')
            ? HttpResponse.json({ error: { code: 'validation_failed', message, details: { reason: 'too_late' } } }, { status: 422 })
            : undefined,
      }),
    );
    renderApp('/cases/111/show');

    expect(await screen.findByTestId('referral-inadmissible-panel')).toHaveTextContent('plus d’un an après la réclamation écrite');
    await userEvent.click(await screen.findByRole('button', { name: 'Transmettre au médiateur' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('referral-inadmissible')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Transmettre au médiateur' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.path).toBe('/api/cases/111/refer');
    expect(await within(dialog).findByTestId('case-dialog-error')).toHaveTextContent(message);
    // The dialog stays open so that the mediator can correct and retry.
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('when another mediator closed the case first, then the 409 sentence is shown', async () => {
    const message = 'Marc Médiation a déjà clos ce dossier le 20/11/2026 à 10:00.';
    server.use(...handlers(USERS.mediator, caseRow({ status: 'resolved' }), { answer: () => apiError(409, 'conflict', message) }));
    renderApp('/cases/111/show');

    await userEvent.click(await screen.findByRole('button', { name: 'Clore le dossier' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Clore le dossier' });
    expect(confirm).toBeDisabled(); // an outcome is required
    await userEvent.click(within(dialog).getByRole('combobox'));
    await userEvent.click(await screen.findByRole('option', { name: 'Pas d\'accord' }));
    await userEvent.click(confirm);
    expect(await within(dialog).findByTestId('case-dialog-error')).toHaveTextContent(message);
    expect((await screen.findAllByText(message)).length).toBeGreaterThanOrEqual(1);
  });

  it('when a case is closed with an agreement, then the refund goes in cents', async () => {
    const posts: Post[] = [];
    server.use(...handlers(USERS.mediator, caseRow({ status: 'amicable' }), { posts }));
    renderApp('/cases/111/show');

    await userEvent.click(await screen.findByRole('button', { name: 'Clore le dossier' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('combobox'));
    await userEvent.click(await screen.findByRole('option', { name: 'Accord' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Remboursement (€)' }), { target: { value: '25,50' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Clore le dossier' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ path: '/api/cases/111/close', body: { outcome: 'agreement', refundCents: 2550 } });
  });

  it('when ops (no case rights) opens a case, then no action is offered and the timeline is not requested', async () => {
    const eventReads: string[] = [];
    server.use(...handlers(USERS.ops, caseRow(), { eventReads }));
    renderApp('/cases/111/show');

    expect(await screen.findByTestId('deadline-panel')).toBeInTheDocument();
    expect(await screen.findByText('La chronologie et les pièces sont réservées aux médiateurs.')).toBeInTheDocument();
    const actions = screen.getByTestId('case-actions');
    expect(within(actions).queryAllByRole('button')).toHaveLength(0);
    expect(within(actions).queryAllByRole('link')).toHaveLength(0);
    expect(eventReads).toEqual([]);
  });
  it('when a mediator opens a case from an order, then the written complaint day is sent as a Paris instant', async () => {
    const created: unknown[] = [];
    server.use(
      ...handlers(USERS.mediator, caseRow()),
      http.post('*/api/cases', async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json(caseRow(), { status: 201 });
      }),
    );
    renderApp(`/cases/create?source=${encodeURIComponent(JSON.stringify({ orderId: 31 }))}`);

    expect(await screen.findByDisplayValue('O-000031')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /Catégorie/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Dommage' }));
    fireEvent.change(screen.getByLabelText(/Réclamation écrite le/), { target: { value: '2026-03-29' } });
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(created).toHaveLength(1));
    // 29 March 2026 is the DST change in Paris: its midnight is still UTC+1.
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(created[0]).toMatchObject({ orderId: 31, category: 'damage', writtenComplaintAt: '2026-03-28T23:00:00.000Z' });
    expect(await screen.findByTestId('deadline-panel')).toBeInTheDocument();
  });

  it('when the mediator adds a proposal and a piece of evidence, then the timeline calls carry them', async () => {
    const events: unknown[] = [];
    const uploads: { field: string; type: string }[] = [];
    server.use(
      // Before the generic action handler (msw takes the first that matches).
      http.post('*/api/cases/:id/events', async ({ request }) => {
        events.push(await request.json());
        return HttpResponse.json({ ...EVENTS[2], id: 9 }, { status: 201 });
      }),
      http.post('*/api/cases/:id/evidence', async ({ request }) => {
        // Read as text: Node's multipart parser does not take jsdom's File objects back.
        const body = await request.text();
        const part = /name="file"[^\r\n]*\r\nContent-Type: ([^\r\n]+)/.exec(body);
        if (!part) return HttpResponse.json({ error: { code: 'invalid_request', message: 'Aucun fichier.' } }, { status: 400 });
        uploads.push({ field: 'file', type: part[1]! });
        return HttpResponse.json({ ...EVENTS[1], id: 10 }, { status: 201 });
      }),
      ...handlers(USERS.mediator, caseRow({ status: 'amicable' })),
    );
    renderApp('/cases/111/show');

    const composer = await screen.findByTestId('event-composer');
    await userEvent.click(within(composer).getByRole('combobox', { name: 'Type' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Proposition' }));
    fireEvent.change(within(composer).getByRole('textbox', { name: 'Texte' }), { target: { value: 'Remboursement partiel proposé.' } });
    fireEvent.change(within(composer).getByRole('textbox', { name: 'Remboursement (€)' }), { target: { value: '17,5' } });
    await userEvent.click(within(composer).getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toEqual({ type: 'proposal', body: 'Remboursement partiel proposé.', refundCents: 1750 });
    expect(await screen.findByText('Événement ajouté')).toBeInTheDocument();

    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'constat.png', { type: 'image/png' });
    await userEvent.upload(screen.getByTestId('evidence-input'), png);
    // (jsdom's FormData does not keep the file name through msw: the field and type are checked.)
    await waitFor(() => expect(uploads).toEqual([{ field: 'file', type: 'image/png' }]));
    expect(await screen.findByText('Pièce ajoutée')).toBeInTheDocument();
  });
  it('when a mediator imports an .eml, then the new case opens and skipped attachments are named', async () => {
    const intakes: string[] = [];
    const created = caseRow({ id: 112, reference: 'M000112', category: 'other' });
    server.use(
      http.post('*/api/cases/intake', async ({ request }) => {
        intakes.push(request.headers.get('content-type') ?? '');
        return HttpResponse.json(
          {
            created: true,
            case: created,
            event: EVENTS[0],
            attachments: [
              { fileName: 'facture.pdf', stored: true, fileId: 5, eventId: 6, reason: null, detected: 'application/pdf' },
              { fileName: 'notes.docx', stored: false, fileId: null, eventId: null, reason: 'unsupported_file_type', detected: null },
            ],
          },
          { status: 201 },
        );
      }),
      ...handlers(USERS.mediator, created),
    );
    renderApp('/cases');

    const eml = new File(['From: a@example.fr\r\nSubject: Réclamation\r\n\r\nBonjour'], 'reclamation.eml', { type: 'message/rfc822' });
    await userEvent.upload(await screen.findByTestId('eml-input'), eml);
    await waitFor(() => expect(intakes).toHaveLength(1));
    expect(intakes[0]).toMatch(/^multipart\/form-data/);
    expect(await screen.findByText(/Dossier M000112 créé depuis l’e-mail ; pièces jointes non conservées .*notes\.docx/)).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe('#/cases/112/show'));
  });
  it('when a mediator picks an .eml above the upload limit, then it is refused at once and nothing is sent', async () => {
    const intakes: string[] = [];
    server.use(
      http.get('*/api/uploads/limits', () => HttpResponse.json({ maxMb: 10, acceptedTypes: ['application/pdf', 'image/jpeg', 'image/png'] })),
      http.post('*/api/cases/intake', async ({ request }) => {
        intakes.push(request.headers.get('content-type') ?? '');
        return HttpResponse.json({}, { status: 500 });
      }),
      ...handlers(USERS.mediator, caseRow({})),
    );
    renderApp('/cases');
    const eml = new File(['From: a@example.fr'], 'scan énorme.eml', { type: 'message/rfc822' });
    // 12 MiB without allocating it: only the size is read before sending.
    Object.defineProperty(eml, 'size', { value: 12 * 1024 * 1024 });
    await userEvent.upload(await screen.findByTestId('eml-input'), eml);
    expect(await screen.findByText('« scan énorme.eml » pèse 12 Mo : 10 Mo au plus. Rien n’a été envoyé.')).toBeInTheDocument();
    expect(intakes).toEqual([]);
  });
  it('when the outcome deadline is extended (MED-6), then days and reason are sent and the panel shows them', async () => {
    const posts: Post[] = [];
    const row = caseRow({
      status: 'referred',
      referredAt: daysAgo(40),
      mediatorReceivedAt: daysAgo(39),
      mediatorNotifiedAt: daysAgo(30),
      outcomeExtensionDays: 15,
    });
    const extension = { ...EVENTS[0], id: 4, type: 'deadline_extended', actorId: 4, actorName: 'Marie Médiation', body: 'Expertise du dommage en cours.' };
    server.use(
      http.get('*/api/cases/:id/events', () => HttpResponse.json([...EVENTS, extension])),
      ...handlers(USERS.mediator, row, { posts }),
    );
    renderApp('/cases/111/show');

    const panel = await screen.findByTestId('deadline-panel');
    expect(within(panel).getByText('Issue de la médiation')).toBeInTheDocument();
    expect(await within(panel).findByText(/Expertise du dommage en cours\./)).toBeInTheDocument();
    expect(within(panel).getByTestId('outcome-extension')).toHaveTextContent('Délai d’issue prolongé de 15 jours');

    await userEvent.click(await screen.findByRole('button', { name: 'Prolonger le délai d’issue' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Prolonger le délai d’issue' });
    expect(confirm).toBeDisabled(); // the reason is required
    fireEvent.change(within(dialog).getByRole('spinbutton'), { target: { value: '20' } });
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Litige complexe : contre-expertise.' } });
    await userEvent.click(confirm);
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ path: '/api/cases/111/extend', body: { days: 20, reason: 'Litige complexe : contre-expertise.' } });
  });
});
