/**
 * The cases' console tests share these: a case as the API sends it (its deadline columns
 * computed by the shared rules), a timeline, and the msw handlers of a case page.
 */
import { http, HttpResponse } from 'msw';
import { clients, orders, partners } from '../../test/fixtures';
import { authHandlers, listHandler, oneHandler, USERS, type ListRequest, type TestUser } from '../../test/msw';
import { caseDeadlineColumns } from '../../../shared/mediation/deadlines';

export type Row = Record<string, unknown>;
const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** A case as the API sends it, its deadline columns computed by the shared rules. */
export function caseRow(overrides: Row = {}): Row {
  const base: Row = {
    id: 111,
    reference: 'M000111',
    orderId: 31,
    clientId: 21,
    partnerId: 11,
    category: 'quality',
    status: 'open',
    description: 'Coupe ratée, la cliente demande un geste.',
    writtenComplaintAt: daysAgo(10),
    answeredAt: null,
    referredAt: null,
    mediatorReceivedAt: null,
    mediatorNotifiedAt: null,
    outcomeExtensionDays: 0,
    outcome: null,
    refundCents: null,
    refundPaymentId: null,
    insuranceClaim: false,
    assignedTo: 4,
    closedAt: null,
    createdAt: daysAgo(10),
    updatedAt: daysAgo(1),
    ...overrides,
  };
  const cols = caseDeadlineColumns(base as unknown as Parameters<typeof caseDeadlineColumns>[0]);
  return { ...base, ...cols, ...overrides };
}

export const EVENTS = [
  { id: 1, caseId: 111, at: daysAgo(10), actorId: null, actorName: null, type: 'message_in', body: 'Réclamation écrite du client.', fileId: null, fileName: null, mimeType: null, sizeBytes: null, refundCents: null },
  { id: 2, caseId: 111, at: daysAgo(9), actorId: 4, actorName: 'Marie Médiation', type: 'evidence', body: null, fileId: 77, fileName: 'photo.png', mimeType: 'image/png', sizeBytes: 2048, refundCents: null },
  { id: 3, caseId: 111, at: daysAgo(8), actorId: 4, actorName: 'Marie Médiation', type: 'proposal', body: 'Geste commercial proposé.', fileId: null, fileName: null, mimeType: null, sizeBytes: null, refundCents: 2550 },
];

export interface Post {
  path: string;
  body: unknown;
}

export function handlers(user: TestUser, row: Row, options: {
    posts?: Post[];
    answer?: (path: string) => Response | undefined;
    requests?: ListRequest[];
    eventReads?: string[];
    /** Other cases the page may read (a suggested case, an original, duplicates). */
    others?: Row[];
  } = {}) {
  const posts = options.posts ?? [];
  return [
    ...authHandlers({ user, signedIn: true }).handlers,
    listHandler('cases', [row, ...(options.others ?? [])], options.requests),
    oneHandler('cases', [row, ...(options.others ?? [])]),
    listHandler('partners', partners),
    listHandler('clients', clients),
    listHandler('orders', orders),
    listHandler('users', [USERS.mediator]),
    http.get('*/api/cases/:id/events', ({ request }) => {
      options.eventReads?.push(new URL(request.url).pathname);
      return HttpResponse.json(EVENTS);
    }),
    http.post('*/api/cases/:id/:action', async ({ request }) => {
      const path = new URL(request.url).pathname;
      posts.push({ path, body: await request.json() });
      return options.answer?.(path) ?? HttpResponse.json({ ...row, status: 'amicable' });
    }),
    http.post('*/api/signals', async ({ request }) => {
      posts.push({ path: '/api/signals', body: await request.json() });
      return HttpResponse.json({ id: 1 }, { status: 201 });
    }),
  ];
}

