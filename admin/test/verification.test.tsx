/**
 * The verification workspace in the console: the checklist with its statuses and
 * warnings, the decision buttons (take, approve only when complete and after a
 * confirmation, refuse with an internal reason — REF-7, REF-9), approving a document with
 * the facts it needs (VER-5), a scan above the upload limit refused before it is sent, the
 * queue's "take the next file", and the live number checks.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_CODES } from '../../shared/verification/requirements';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { partners, services } from './fixtures';
import { apiError, authHandlers, listHandler, oneHandler, server, USERS, type TestUser } from './msw';
import { renderApp } from './renderApp';

const PARTNER = { ...partners[0], status: 'in_review', assignedTo: 2 };

function item(requirement: string, rule: string, status: string, extra: Record<string, unknown> = {}) {
  return { requirement, rule, kind: 'document', status, blocking: status !== 'ok' && !requirement.startsWith('registry_'), ...extra };
}

type VerificationState = Record<string, unknown> & { complete: boolean; status: string; items: Record<string, unknown>[] };

function verification(over: Record<string, unknown> = {}): VerificationState {
  return {
    partnerId: 11,
    status: 'in_review',
    assignedTo: 2,
    assignedToName: 'Sophie Martin',
    complete: false,
    items: [
      item('siren', 'REF-2', 'ok'),
      item('siren_active', 'REF-2, VER-3', 'ok'),
      item('registry_name', 'VER-3', 'ok'),
      item('registry_naf', 'VER-3', 'ok', { warning: 'Code NAF 47.11B inattendu pour ces services (attendu : 96.02A). / NAF code does not fit the services.' }),
      item('iban', 'REF-1, REF-5', 'ok'),
      item('identity', 'REF-1, REF-8', 'pending', { documentId: 501, documentType: 'identity' }),
      item('diploma_hairdressing', 'REF-3', 'rejected', { documentId: 502, documentType: 'diploma' }),
      item('interview', 'REF-6, VER-1', 'missing'),
      item('skills_test', 'REF-6, VER-1', 'missing'),
    ],
    missing: ['identity', 'diploma_hairdressing', 'interview', 'skills_test'],
    incompleteSince: null,
    fileIncompleteSince: null,
    graceEnds: null,
    held: false,
    registry: null,
    checks: [],
    requiredDocumentTypes: ['identity', 'diploma'],
    requiredFacts: { identity: ['expiresAt'], diploma: ['qualification'] },
    ...over,
  };
}

const COMPLETE = verification({
  complete: true,
  missing: [],
  items: verification().items.map((i) => ({ ...i, status: 'ok', blocking: false })),
});

const DOCUMENTS = [
  { id: 501, partnerId: 11, type: 'identity', status: 'pending', fileName: 'cni.png', mimeType: 'image/png', sizeBytes: 2048, sha256: 'a'.repeat(64), issuedAt: null, expiresAt: null, validUntil: null, qualification: null, holderName: null, iban: null, worksInFranceAuthorised: null, rejectionReason: null, createdAt: '2026-11-18T09:00:00.000Z' },
  { id: 502, partnerId: 11, type: 'diploma', status: 'rejected', fileName: 'cap.pdf', mimeType: 'application/pdf', sizeBytes: 4096, sha256: 'b'.repeat(64), issuedAt: '2012-06-30', expiresAt: null, validUntil: null, qualification: null, holderName: null, iban: null, worksInFranceAuthorised: null, rejectionReason: 'Illisible', createdAt: '2026-11-17T09:00:00.000Z' },
];

interface Posted {
  path: string;
  body: unknown;
}

function handlers(options: { user?: TestUser; state?: VerificationState; partner?: Record<string, unknown> } = {}) {
  const posted: Posted[] = [];
  let state = options.state ?? verification();
  const partner = options.partner ?? PARTNER;
  const list = [
    ...authHandlers({ user: options.user ?? USERS.support, signedIn: true }).handlers,
    oneHandler('partners', [partner]),
    listHandler('partners', [partner]),
    listHandler('documents', DOCUMENTS),
    listHandler('services', services),
    http.get('*/api/partners/:id/verification', () => HttpResponse.json(state)),
    http.post('*/api/partners/:id/:action', async ({ request, params }) => {
      const body = await request.json().catch(() => ({}));
      posted.push({ path: `/partners/${String(params.id)}/${String(params.action)}`, body });
      if (params.action === 'approve' && !state.complete) return apiError(409, 'checklist_incomplete', 'Le dossier est incomplet.');
      if (params.action === 'approve') state = { ...state, status: 'active', assignedTo: null, assignedToName: null };
      if (params.action === 'refuse') state = { ...state, status: 'refused', assignedTo: null, assignedToName: null };
      if (params.action === 'take') state = { ...state, status: 'in_review', assignedTo: 2, assignedToName: 'Sophie Martin' };
      return HttpResponse.json({ ...partner, status: state.status });
    }),
    http.post('*/api/documents/:id/:action', async ({ request, params }) => {
      posted.push({ path: `/documents/${String(params.id)}/${String(params.action)}`, body: await request.json() });
      return HttpResponse.json({ ...DOCUMENTS[0], status: params.action === 'approve' ? 'approved' : 'rejected' });
    }),
    http.post('*/api/verification-queue/next', () => {
      posted.push({ path: '/verification-queue/next', body: null });
      return HttpResponse.json({ ...partner, id: 11 });
    }),
    http.get('*/api/documents/:id/file', () => new HttpResponse(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { headers: { 'Content-Type': 'image/png' } })),
  ];
  return { list, posted, set: (next: VerificationState) => (state = next) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const row = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${escape(name)}`) }).closest('tr') as HTMLElement;

describe('the verification tab of a partner', () => {
  it('when support opens an incomplete file, then each requirement shows its French label, rule, status and warning, and approval is disabled', async () => {
    const h = handlers();
    server.use(...h.list);
    renderApp('/partners/11/show/verification');

    expect(await screen.findByRole('table', { name: 'Liste de contrôle' })).toBeInTheDocument();
    expect(within(row('Pièce d’identité en cours de validité')).getByText('À vérifier')).toBeInTheDocument();
    expect(within(row('Pièce d’identité en cours de validité')).getByText('REF-1, REF-8')).toBeInTheDocument();
    expect(within(row('Diplôme de coiffure (CAP au moins)')).getByText('Refusé')).toBeInTheDocument();
    expect(within(row('Entretien téléphonique')).getByText('Manquant')).toBeInTheDocument();
    expect(within(row('Entreprise active au répertoire SIRENE')).getByText('Conforme')).toBeInTheDocument();
    // The NAF mismatch is a warning for the agent, in French, never a block.
    expect(within(row('Code NAF cohérent avec les prestations')).getByText(/Code NAF 47\.11B inattendu/)).toBeInTheDocument();
    expect(screen.getByText('Dossier incomplet : 4 éléments bloquants.')).toBeInTheDocument();
    expect(screen.getByText('Dossier pris par Sophie Martin')).toBeInTheDocument();

    // The decision buttons wait for the role check (canAccess), which resolves after the checklist.
    expect(await screen.findByRole('button', { name: 'Approuver le partenaire' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refuser le partenaire' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Remettre dans la file' })).toBeEnabled();
    expect(h.posted).toEqual([]);
  });

  it('when the file is complete and support approves after confirming, then POST /partners/11/approve is sent and the page shows the partner active', async () => {
    const h = handlers({ state: COMPLETE });
    server.use(...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();

    expect(await screen.findByText('Dossier complet : le partenaire peut être approuvé.')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Approuver le partenaire' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approuver Élodie Durand ?' });
    expect(h.posted).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Approuver' }));

    await waitFor(() => expect(h.posted).toEqual([{ path: '/partners/11/approve', body: {} }]));
    expect(await screen.findByText('Partenaire approuvé')).toBeInTheDocument();
    // Refetched: the file is now active and the decision buttons are gone.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Approuver le partenaire' })).not.toBeInTheDocument());
    // The banner no longer offers an approval that has been made.
    expect(await screen.findByText('Dossier complet : le partenaire est approuvé.')).toBeInTheDocument();
    expect(screen.queryByText(/peut être approuvé/)).not.toBeInTheDocument();
  });

  it('when support refuses, then the internal reason is required (REF-7) and sent with the refusal', async () => {
    const h = handlers();
    server.use(...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Refuser le partenaire' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refuser Élodie Durand ?' });
    const confirm = within(dialog).getByRole('button', { name: 'Refuser' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Motif interne' }), 'Doutes lors de l’entretien');
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(() => expect(h.posted).toEqual([{ path: '/partners/11/refuse', body: { reason: 'Doutes lors de l’entretien' } }]));
    expect(await screen.findByText('Partenaire refusé')).toBeInTheDocument();
  });

  it('when the server refuses the approval (409 checklist_incomplete), then its sentence is shown', async () => {
    const h = handlers({ state: COMPLETE });
    server.use(...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approuver le partenaire' }));
    // Meanwhile a document was rejected by a colleague: the server has the last word.
    h.set(verification());
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approuver' }));
    expect(await screen.findByText('Le dossier est incomplet.')).toBeInTheDocument();
  });

  it('when the file is waiting in the queue, then "Prendre le dossier" takes it (REF-9) and no decision is offered before', async () => {
    const h = handlers({ state: verification({ status: 'applicant', assignedTo: null, assignedToName: null }), partner: { ...PARTNER, status: 'applicant', assignedTo: null } });
    server.use(...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();

    const take = await screen.findByRole('button', { name: 'Prendre le dossier' });
    expect(screen.queryByRole('button', { name: 'Approuver le partenaire' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approuver' })).not.toBeInTheDocument();
    await user.click(take);
    await waitFor(() => expect(h.posted).toEqual([{ path: '/partners/11/take', body: {} }]));
    expect(await screen.findByRole('button', { name: 'Approuver le partenaire' })).toBeDisabled();
  });

  it('when support approves the ID, then the expiry date it needs (VER-5) must be filled before the approval is sent with it', async () => {
    const h = handlers();
    server.use(...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();

    const docs = await screen.findByRole('table', { name: 'Documents' });
    const idRow = within(docs).getByText('cni.png').closest('tr') as HTMLElement;
    await user.click(await within(idRow).findByRole('button', { name: 'Approuver' }));
    const dialog = await screen.findByRole('dialog', { name: "Approuver « Pièce d'identité »" });
    const submit = within(dialog).getByRole('button', { name: 'Approuver' });
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Expire le *'), '2031-05-01');
    expect(submit).toBeEnabled();
    await user.click(submit);
    await waitFor(() => expect(h.posted).toEqual([{ path: '/documents/501/approve', body: { expiresAt: '2031-05-01' } }]));
  });

  it('when a checklist item’s document is opened, then the image is previewed in the page', async () => {
    server.use(...handlers().list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();
    await user.click(within(await screen.findByRole('table', { name: 'Liste de contrôle' })).getAllByRole('button', { name: 'Voir' })[0]);
    const preview = await screen.findByTestId('document-preview');
    expect(within(preview).getByRole('img', { name: 'cni.png' })).toHaveAttribute('src', '/api/documents/501/file');
  });

  it('when support picks a 12 MB scan to upload, then it is refused at once and nothing is sent', async () => {
    const h = handlers();
    server.use(http.get('*/api/uploads/limits', () => HttpResponse.json({ maxMb: 10, acceptedTypes: ['application/pdf', 'image/jpeg', 'image/png'] })), ...h.list);
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Déposer un document' });
    const scan = new File(['%PDF-'], 'attestation urssaf.pdf', { type: 'application/pdf' });
    // 12 MiB without allocating it: only the size is read before sending.
    Object.defineProperty(scan, 'size', { value: 12 * 1024 * 1024 });
    await user.upload(within(form).getByLabelText('Fichier'), scan);
    expect(await screen.findByText('« attestation urssaf.pdf » pèse 12 Mo : 10 Mo au plus. Rien n’a été envoyé.')).toBeInTheDocument();
    // Not kept as the chosen file: there is nothing to send.
    expect(within(form).getByRole('button', { name: 'Choisir un fichier' })).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Déposer' })).toBeDisabled();
    expect(h.posted).toEqual([]);
  });

  it('when an ops user opens a partner, then there is no verification tab and no checklist is asked for', async () => {
    const asked: string[] = [];
    server.use(...handlers({ user: USERS.ops }).list);
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    renderApp('/partners/11/show');
    expect(await screen.findByText('elodie.durand@example.fr')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Vérification' })).not.toBeInTheDocument();
    expect(asked.filter((p) => p.endsWith('/verification'))).toEqual([]);
  });
});

describe('the verification queue', () => {
  const QUEUE = [
    { id: 11, reference: 'P-000011', firstName: 'Élodie', lastName: 'Durand', vertical: 'wellness', services: ['haircut'], status: 'applicant', assignedTo: null, assignedToName: null, waitingSince: '2026-11-01T09:00:00.000Z', waitingDays: 19, complete: false, missingCount: 3, missing: ['identity', 'interview', 'skills_test'], toReviewCount: 1, toReview: ['siren_active'], createdAt: '2026-11-01T09:00:00.000Z' },
    { id: 12, reference: 'P-000012', firstName: 'Karim', lastName: 'Benali', vertical: 'care', services: ['cleaning'], status: 'in_review', assignedTo: 2, assignedToName: 'Sophie Martin', waitingSince: '2026-11-10T09:00:00.000Z', waitingDays: 10, complete: true, missingCount: 0, missing: [], toReviewCount: 0, toReview: [], createdAt: '2026-11-10T09:00:00.000Z' },
  ];

  it('when support opens the queue, then the files are listed oldest first with their waiting time, holder and what is missing', async () => {
    const requests: { sort: [string, string] }[] = [];
    server.use(...handlers().list, listHandler('verification-queue', QUEUE, requests as never));
    renderApp('/verification-queue');
    const table = await screen.findByRole('table');
    const first = within(table).getByText('P-000011').closest('tr') as HTMLElement;
    expect(within(first).getByText('Élodie Durand')).toBeInTheDocument();
    expect(within(first).getByText('19 jours')).toBeInTheDocument();
    expect(within(first).getByText('3 éléments manquants')).toBeInTheDocument();
    expect(within(first).getByText('1 élément à vérifier')).toBeInTheDocument();
    const second = within(table).getByText('P-000012').closest('tr') as HTMLElement;
    expect(within(second).getByText('Sophie Martin')).toBeInTheDocument();
    expect(within(second).getByText('Complet')).toBeInTheDocument();
    expect(requests[0].sort).toEqual(['waitingSince', 'ASC']);
  });

  it('when support clicks "Prendre le dossier suivant", then the oldest file is taken and its verification tab opens', async () => {
    const h = handlers({ state: verification() });
    server.use(...h.list, listHandler('verification-queue', QUEUE));
    renderApp('/verification-queue');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Prendre le dossier suivant' }));
    await waitFor(() => expect(h.posted).toEqual([{ path: '/verification-queue/next', body: null }]));
    await waitFor(() => expect(window.location.hash).toBe('#/partners/11/show/verification'));
    expect(await screen.findByRole('table', { name: 'Liste de contrôle' })).toBeInTheDocument();
  });

  it('when the queue is empty, then the server’s sentence is shown', async () => {
    server.use(
      // First: msw answers with the first matching handler.
      http.post('*/api/verification-queue/next', () => apiError(404, 'not_found', 'Aucun dossier en attente dans la file.')),
      ...handlers().list,
      listHandler('verification-queue', []),
    );
    renderApp('/verification-queue');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Prendre le dossier suivant' }));
    expect(await screen.findByText('Aucun dossier en attente dans la file.')).toBeInTheDocument();
  });

  it('when a coordinator types the queue’s address, then access is denied without asking the server', async () => {
    const asked: string[] = [];
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers);
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    renderApp('/verification-queue');
    expect(await screen.findByText('Non autorisé')).toBeInTheDocument();
    expect(asked.filter((p) => p.startsWith('/api/verification'))).toEqual([]);
  });
});

describe('live number checks in the partner form (REF-1, REF-2)', () => {
  it('when support types a SIREN with a bad checksum, then the reason shows at once; a valid one shows its normalised form', async () => {
    server.use(...handlers().list);
    renderApp('/partners/11');
    const user = userEvent.setup();
    const siren = await screen.findByLabelText('SIREN');
    await user.clear(siren);
    await user.type(siren, '732829321');
    expect(await screen.findByText('Clé de contrôle invalide. / Invalid checksum.')).toBeInTheDocument();
    await user.clear(siren);
    await user.type(siren, '732 829 320');
    expect(await screen.findByText('Numéro valide : 732 829 320')).toBeInTheDocument();
    const iban = screen.getByLabelText('IBAN');
    await user.clear(iban);
    await user.type(iban, 'FR7630006000011234567890188');
    expect(await screen.findByText('Clé de contrôle invalide. / Invalid checksum.')).toBeInTheDocument();
  });
});

describe('the verification labels', () => {
  it('when a requirement exists in the table, then both languages label it', () => {
    for (const code of REQUIREMENT_CODES) {
      expect((fr.app.verification.requirements as Record<string, string>)[code], `fr ${code}`).toBeTruthy();
      expect((en.app.verification.requirements as Record<string, string>)[code], `en ${code}`).toBeTruthy();
    }
  });
});
