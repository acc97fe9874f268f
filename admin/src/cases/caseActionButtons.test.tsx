/**
 * The case and verification action buttons on their own, with the real data provider against
 * msw: a command goes out only once its dialog is confirmed, with the dialog's values, and a
 * refusal keeps the dialog open with the server's sentence.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { AdminContext, RecordContextProvider, type AuthProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import { apiError, server } from '../../test/msw';
import { canAccessAs } from '../access';
import { createDataProvider } from '../dataProvider';
import { createI18nProvider } from '../i18n';
import { ApprovePartnerButton } from '../verification/ApprovePartnerButton';
import { RefusePartnerButton } from '../verification/RefusePartnerButton';
import type { Verification } from '../verification/verificationTypes';
import { caseRow } from './caseFixtures';
import type { CaseRecord } from './caseTypes';
import { ResolveButton } from './ResolveButton';

function renderAs(role: Role, ui: ReactNode, userId = 7) {
  const authProvider: AuthProvider = {
    login: async () => {},
    logout: async () => {},
    checkAuth: async () => {},
    checkError: async () => {},
    getIdentity: async () => ({ id: userId, fullName: 'Agent', role }),
    getPermissions: async () => role,
    canAccess: async ({ resource, action }) => canAccessAs(role, resource, action),
  };
  return render(
    <AdminContext authProvider={authProvider} dataProvider={createDataProvider()} i18nProvider={createI18nProvider('fr')}>
      {ui}
    </AdminContext>,
  );
}

/** Every POST the buttons send, with its path and JSON body; `answer` decides the reply. */
function recordPosts(answer: (path: string) => Response = () => HttpResponse.json({ id: 1 })) {
  const posts: Array<{ path: string; body: unknown }> = [];
  server.use(
    http.post('*/api/*', async ({ request }) => {
      const path = new URL(request.url).pathname;
      posts.push({ path, body: await request.json() });
      return answer(path);
    }),
  );
  return posts;
}

describe('a case transition button', () => {
  const openCase = caseRow() as unknown as CaseRecord;

  it('when a mediator clicks "Marquer résolu", then nothing is sent until the dialog is confirmed, with its note', async () => {
    const posts = recordPosts();
    renderAs(
      'mediator',
      <RecordContextProvider value={openCase}>
        <ResolveButton />
      </RecordContextProvider>,
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Marquer résolu' }));
    const dialog = await screen.findByRole('dialog', { name: `Marquer le dossier ${openCase.reference} comme résolu ?` });
    expect(posts).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText('Note (facultative)'), '  Geste commercial accepté ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Marquer résolu' }));

    await waitFor(() => expect(posts).toEqual([{ path: `/api/cases/${openCase.id}/resolve`, body: { note: 'Geste commercial accepté' } }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('when the dialog is cancelled, then nothing is sent', async () => {
    const posts = recordPosts();
    renderAs(
      'mediator',
      <RecordContextProvider value={openCase}>
        <ResolveButton />
      </RecordContextProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Marquer résolu' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posts).toEqual([]);
  });

  it('when the server refuses (409), then the dialog stays open with its sentence', async () => {
    recordPosts(() => apiError(409, 'invalid_state', 'Un autre médiateur a déjà clos ce dossier.'));
    renderAs(
      'mediator',
      <RecordContextProvider value={openCase}>
        <ResolveButton />
      </RecordContextProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Marquer résolu' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Marquer résolu' }));
    expect(await within(dialog).findByTestId('case-dialog-error')).toHaveTextContent('Un autre médiateur a déjà clos ce dossier.');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('when the role may not resolve (support), then there is no button', async () => {
    renderAs(
      'support',
      <RecordContextProvider value={openCase}>
        <ResolveButton />
        <span>rendered</span>
      </RecordContextProvider>,
    );
    await screen.findByText('rendered');
    // canAccess is asynchronous: give it a moment, then the button must still be absent.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Marquer résolu' })).toBeNull();
  });
});

describe('a partner decision button', () => {
  const inReview: Verification = {
    partnerId: 11,
    status: 'in_review',
    assignedTo: 7,
    assignedToName: 'Agent',
    complete: true,
    items: [],
    missing: [],
    incompleteSince: null,
    fileIncompleteSince: null,
    graceEnds: null,
    held: false,
    registry: null,
    checks: [],
    requiredDocumentTypes: [],
    requiredFacts: {},
  };

  it('when the agent holding the file approves, then the approval is sent only after the confirmation', async () => {
    const posts = recordPosts(() => HttpResponse.json({ id: 11, status: 'active' }));
    renderAs('support', <ApprovePartnerButton verification={inReview} partnerName="Léa Martin" />);

    await userEvent.click(await screen.findByRole('button', { name: 'Approuver le partenaire' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approuver Léa Martin ?' });
    expect(posts).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Approuver' }));
    await waitFor(() => expect(posts).toEqual([{ path: '/api/partners/11/approve', body: {} }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('when the checklist is incomplete, then the approval cannot be started', async () => {
    renderAs('support', <ApprovePartnerButton verification={{ ...inReview, complete: false }} partnerName="Léa Martin" />);
    expect(await screen.findByRole('button', { name: 'Approuver le partenaire' })).toBeDisabled();
  });

  it('when the file is someone else’s, then support is not offered the decision', async () => {
    renderAs(
      'support',
      <>
        <ApprovePartnerButton verification={{ ...inReview, assignedTo: 99 }} partnerName="Léa Martin" />
        <span>rendered</span>
      </>,
    );
    await screen.findByText('rendered');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Approuver le partenaire' })).toBeNull();
  });

  it('when the agent refuses, then the internal reason is required and sent trimmed', async () => {
    const posts = recordPosts(() => HttpResponse.json({ id: 11, status: 'refused' }));
    renderAs('support', <RefusePartnerButton verification={inReview} partnerName="Léa Martin" />);

    await userEvent.click(await screen.findByRole('button', { name: 'Refuser le partenaire' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refuser Léa Martin ?' });
    const confirm = within(dialog).getByRole('button', { name: 'Refuser' });
    expect(confirm).toBeDisabled();

    await userEvent.type(within(dialog).getByLabelText('Motif interne'), ' Pièces falsifiées ');
    await userEvent.click(confirm);
    await waitFor(() => expect(posts).toEqual([{ path: '/api/partners/11/refuse', body: { reason: 'Pièces falsifiées' } }]));
  });
});
