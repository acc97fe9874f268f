/**
 * The data provider's custom methods: each command goes out as the contract's request (URL,
 * method, JSON or multipart body) through the one HTTP client (session cookie, JSON Accept,
 * the screen's language), and a refusal comes back as the server's sentence.
 */
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { HttpError } from 'react-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { server } from '../test/msw';
import { createDataProvider, type ConsoleDataProvider } from './dataProvider';
import { setRequestLocale } from './i18n/requestLocale';

interface Sent {
  method: string;
  path: string;
  /** The JSON body, the multipart fields (a file as its name), or null without a body. */
  body: unknown;
  accept: string | null;
  acceptLanguage: string | null;
  contentType: string | null;
  credentials: RequestCredentials;
}

/** Answers every API call with `answer`, keeping what was sent. */
function recordRequests(answer: JsonBodyType = { id: 7 }): Sent[] {
  const sent: Sent[] = [];
  server.use(
    http.all('*/api/*', async ({ request }) => {
      const url = new URL(request.url);
      const contentType = request.headers.get('content-type');
      let body: unknown = null;
      if (contentType?.startsWith('multipart/form-data')) {
        const fields: Record<string, string> = {};
        for (const [name, value] of (await request.formData()).entries()) fields[name] = typeof value === 'string' ? value : `file:${value.name}`;
        body = fields;
      } else if (request.method !== 'GET') {
        body = await request.json();
      }
      sent.push({
        method: request.method,
        path: url.pathname + url.search,
        body,
        accept: request.headers.get('accept'),
        acceptLanguage: request.headers.get('accept-language'),
        contentType,
        credentials: request.credentials,
      });
      return HttpResponse.json(answer);
    }),
  );
  return sent;
}

const pdf = () => new File(['%PDF-1.4'], 'piece.pdf', { type: 'application/pdf' });
const form = () => {
  const f = new FormData();
  f.set('type', 'identity');
  f.set('file', pdf(), 'piece.pdf');
  return f;
};

type Call = (dp: ConsoleDataProvider) => Promise<unknown>;

/** [the call, its method, its path, its body]: JSON commands. */
const JSON_COMMANDS: Array<[string, Call, string, string, unknown]> = [
  ['startAmicable', (dp) => dp.startAmicable(111, { note: 'Appel' }), 'POST', '/api/cases/111/amicable', { note: 'Appel' }],
  ['resolveCase', (dp) => dp.resolveCase(111, {}), 'POST', '/api/cases/111/resolve', {}],
  [
    'referCase',
    (dp) => dp.referCase(111, { mediatorReceivedAt: '2026-11-19T23:00:00.000Z' }),
    'POST',
    '/api/cases/111/refer',
    { mediatorReceivedAt: '2026-11-19T23:00:00.000Z' },
  ],
  [
    'closeCase',
    (dp) => dp.closeCase(111, { outcome: 'agreement', refundCents: 2550 }),
    'POST',
    '/api/cases/111/close',
    { outcome: 'agreement', refundCents: 2550 },
  ],
  ['assignCase (take)', (dp) => dp.assignCase(111), 'POST', '/api/cases/111/assign', {}],
  ['assignCase (to someone)', (dp) => dp.assignCase(111, 4), 'POST', '/api/cases/111/assign', { assignedTo: 4 }],
  ['extendCaseOutcome', (dp) => dp.extendCaseOutcome(111, 30, 'Expertise'), 'POST', '/api/cases/111/extend', { days: 30, reason: 'Expertise' }],
  ['addCaseEvent', (dp) => dp.addCaseEvent(111, { type: 'proposal', body: 'Geste', refundCents: 1000 }), 'POST', '/api/cases/111/events', { type: 'proposal', body: 'Geste', refundCents: 1000 }],
  ['attachSuggestedCase', (dp) => dp.attachSuggestedCase(112), 'POST', '/api/cases/112/attach', {}],
  ['dismissSuggestedCase', (dp) => dp.dismissSuggestedCase(112, 'Autre sujet'), 'POST', '/api/cases/112/dismiss-suggestion', { note: 'Autre sujet' }],
  ['closeCaseAsDuplicate', (dp) => dp.closeCaseAsDuplicate(112, '111'), 'POST', '/api/cases/112/close-duplicate', { duplicateOfId: 111 }],
  ['takePartner', (dp) => dp.takePartner(11), 'POST', '/api/partners/11/take', {}],
  ['releasePartner', (dp) => dp.releasePartner(11), 'POST', '/api/partners/11/release', {}],
  ['approvePartner', (dp) => dp.approvePartner(11), 'POST', '/api/partners/11/approve', {}],
  ['refusePartner', (dp) => dp.refusePartner(11, 'Pièces fausses'), 'POST', '/api/partners/11/refuse', { reason: 'Pièces fausses' }],
  ['reopenPartner', (dp) => dp.reopenPartner(11), 'POST', '/api/partners/11/reopen', {}],
  ['takeNextPartner', (dp) => dp.takeNextPartner(), 'POST', '/api/verification-queue/next', {}],
  [
    'approveDocument',
    (dp) => dp.approveDocument(31, { iban: 'FR7630006000011234567890189', updatePartnerIban: true }),
    'POST',
    '/api/documents/31/approve',
    { iban: 'FR7630006000011234567890189', updatePartnerIban: true },
  ],
  [
    'rejectDocument',
    (dp) => dp.rejectDocument(31, { reason: 'Illisible', expectedStatus: 'pending' }),
    'POST',
    '/api/documents/31/reject',
    { reason: 'Illisible', expectedStatus: 'pending' },
  ],
  ['recordCheck', (dp) => dp.recordCheck(11, { kind: 'interview', outcome: 'passed' }), 'POST', '/api/partners/11/checks', { kind: 'interview', outcome: 'passed' }],
  ['updateCheck', (dp) => dp.updateCheck(11, 5, { outcome: 'failed' }), 'PUT', '/api/partners/11/checks/5', { outcome: 'failed' }],
  ['cancelOrder', (dp) => dp.cancelOrder(9, 'partner', '  Malade  '), 'POST', '/api/orders/9/cancel', { by: 'partner', reason: 'Malade' }],
  ['liftLimitation', (dp) => dp.liftLimitation(3, ' Levée '), 'POST', '/api/limitations/3/lift', { note: 'Levée' }],
  ['terminateLimitation', (dp) => dp.terminateLimitation(3, 'Récidive'), 'POST', '/api/limitations/3/terminate', { note: 'Récidive' }],
  ['approveTermination', (dp) => dp.approveTermination(3, '  '), 'POST', '/api/limitations/3/approve-termination', {}],
  ['declineTermination', (dp) => dp.declineTermination(3, 'Non'), 'POST', '/api/limitations/3/decline-termination', { note: 'Non' }],
  ['unlockUser', (dp) => dp.unlockUser(2), 'POST', '/api/users/2/unlock', {}],
  ['resetUserTotp', (dp) => dp.resetUserTotp(2), 'POST', '/api/users/2/reset-totp', {}],
];

/** Uploads: multipart, the browser's own Content-Type (with its boundary). */
const UPLOADS: Array<[string, Call, string, Record<string, string>]> = [
  ['uploadCaseEvidence', (dp) => dp.uploadCaseEvidence(111, pdf(), ' Facture '), '/api/cases/111/evidence', { file: 'file:piece.pdf', note: 'Facture' }],
  ['importEml (from a case)', (dp) => dp.importEml(new File(['From: a'], 'plainte.eml'), 111), '/api/cases/intake', { file: 'file:plainte.eml', caseId: '111' }],
  ['uploadDocument', (dp) => dp.uploadDocument(11, form()), '/api/partners/11/documents', { type: 'identity', file: 'file:piece.pdf' }],
  ['uploadSignedSheet', (dp) => dp.uploadSignedSheet(9, pdf()), '/api/orders/9/signed-sheet', { file: 'file:piece.pdf' }],
];

/** Reads. */
const READS: Array<[string, Call, string]> = [
  ['getCaseEvents', (dp) => dp.getCaseEvents(111), '/api/cases/111/events'],
  ['getVerification', (dp) => dp.getVerification(11), '/api/partners/11/verification'],
  ['getVerificationWatch', (dp) => dp.getVerificationWatch(30), '/api/verification-watch?days=30'],
  ['getPartnerOutbox', (dp) => dp.getPartnerOutbox(11), '/api/partners/11/outbox'],
];

describe('the data provider’s commands', () => {
  afterEach(() => setRequestLocale('fr'));

  it.each(JSON_COMMANDS)('when a screen calls %s, then it sends the contract’s request with a JSON body', async (_name, call, method, path, body) => {
    const sent = recordRequests();
    await expect(call(createDataProvider())).resolves.toEqual({ id: 7 });
    expect(sent).toEqual([
      { method, path, body, accept: 'application/json', acceptLanguage: 'fr', contentType: 'application/json', credentials: 'same-origin' },
    ]);
  });

  it.each(UPLOADS)('when a screen calls %s, then it POSTs a multipart body with the file', async (_name, call, path, fields) => {
    const sent = recordRequests({ id: 7, reference: 'M000111', case: { id: 111, reference: 'M000111' }, created: false });
    await call(createDataProvider());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path, body: fields, accept: 'application/json', acceptLanguage: 'fr', credentials: 'same-origin' });
    expect(sent[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it.each(READS)('when a screen reads with %s, then it GETs the contract’s address', async (_name, call, path) => {
    const sent = recordRequests([]);
    await expect(call(createDataProvider())).resolves.toEqual([]);
    expect(sent).toEqual([{ method: 'GET', path, body: null, accept: 'application/json', acceptLanguage: 'fr', contentType: null, credentials: 'same-origin' }]);
  });

  it('when the console is in English, then the commands ask for English answers', async () => {
    const sent = recordRequests();
    setRequestLocale('en');
    await createDataProvider().takePartner(11);
    expect(sent[0]!.acceptLanguage).toBe('en');
  });

  it('when the timeline comes as a `{data}` page, then the events are its rows', async () => {
    recordRequests({ data: [{ id: 1, type: 'note' }] });
    await expect(createDataProvider().getCaseEvents(111)).resolves.toEqual([{ id: 1, type: 'note' }]);
  });

  it('when an e-mail is imported, then the answer is read into the case it went to and what happened to it', async () => {
    recordRequests({
      created: true,
      placement: 'to_attach',
      suggested: { id: 111, reference: 'M000111' },
      case: { id: 120, reference: 'M000120' },
      attachments: [{ fileName: 'a.zip', stored: false, reason: 'type' }],
    });
    await expect(createDataProvider().importEml(new File(['x'], 'm.eml'))).resolves.toEqual({
      id: 120,
      reference: 'M000120',
      created: true,
      placement: 'to_attach',
      suggested: { id: 111, reference: 'M000111' },
      attachments: [{ fileName: 'a.zip', stored: false, reason: 'type' }],
    });
  });

  it('when the state forbids a command (409), then the server’s sentence is the error', async () => {
    server.use(
      http.post('*/api/partners/:id/approve', () =>
        HttpResponse.json(
          { error: { code: 'invalid_state', message: 'Le dossier est incomplet : pièce d’identité manquante.' } },
          { status: 409 },
        ),
      ),
    );
    const error = await createDataProvider().approvePartner(11).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe('Le dossier est incomplet : pièce d’identité manquante.');
    expect((error as HttpError).status).toBe(409);
  });
});
