/**
 * The RIB check in the console (REF-5, REF-6): approving a RIB whose IBAN is not the partner's
 * is refused by the server (422 naming both IBANs, masked); the approval dialog then shows both
 * and offers to make the RIB's IBAN the partner's and approve in one step. The documents table
 * shows the IBAN read from the RIB itself.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { partners, services } from './fixtures';
import { authHandlers, listHandler, oneHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

const PARTNER = { ...partners[0], vertical: 'care', status: 'in_review', assignedTo: 2, iban: 'FR7630006000011234567890189' };
const RIB = {
  id: 701, partnerId: 11, type: 'rib', status: 'pending', fileName: 'rib.pdf', mimeType: 'application/pdf', sizeBytes: 2048, sha256: 'c'.repeat(64),
  issuedAt: null, expiresAt: null, validUntil: null, qualification: null, holderName: 'Élodie Durand', iban: 'DE89370400440532013000',
  worksInFranceAuthorised: null, rejectionReason: null, createdAt: '2026-11-18T09:00:00.000Z',
};
const VERIFICATION = {
  partnerId: 11, status: 'in_review', assignedTo: 2, assignedToName: 'Sophie Martin', complete: false,
  items: [{ requirement: 'rib', rule: 'REF-5', kind: 'document', status: 'pending', blocking: true, documentId: 701, documentType: 'rib' }],
  missing: ['rib'], incompleteSince: null, fileIncompleteSince: null, graceEnds: null, held: false, registry: null, checks: [],
  requiredDocumentTypes: ['rib'], requiredFacts: { rib: ['holderName', 'iban'] },
};

function page() {
  const posted: unknown[] = [];
  server.use(
    ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
    oneHandler('partners', [PARTNER]),
    listHandler('partners', [PARTNER]),
    listHandler('documents', [RIB]),
    listHandler('services', services),
    http.get('*/api/partners/:id/verification', () => HttpResponse.json(VERIFICATION)),
    http.post('*/api/documents/:id/approve', async ({ request }) => {
      const body = (await request.json()) as { updatePartnerIban?: boolean };
      posted.push(body);
      if (!body.updatePartnerIban) {
        return HttpResponse.json(
          {
            error: {
              code: 'validation_failed',
              message: 'L’IBAN du RIB (DE89 •••• 3000) diffère de l’IBAN du partenaire (FR76 •••• 0189).',
              details: { reason: 'iban_mismatch', documentIban: 'DE89 •••• 3000', partnerIban: 'FR76 •••• 0189' },
            },
          },
          { status: 422 },
        );
      }
      return HttpResponse.json({ ...RIB, status: 'approved' });
    }),
  );
  return posted;
}

describe('approving a RIB whose IBAN is not the partner’s (REF-5, REF-6)', () => {
  it('when the server refuses the RIB’s IBAN, then the dialog shows both masked IBANs and "Mettre à jour l’IBAN du partenaire et approuver" sends updatePartnerIban', async () => {
    const posted = page();
    renderApp('/partners/11/show/verification');
    const user = userEvent.setup();

    const docs = await screen.findByRole('table', { name: 'Documents' });
    const ribRow = within(docs).getByText('rib.pdf').closest('tr') as HTMLElement;
    // The IBAN shown for the RIB is the one read from the document, grouped by four.
    expect(within(ribRow).getByText(/IBAN figurant sur le RIB DE89 3704 0044 0532 0130 00/)).toBeInTheDocument();
    await user.click(within(ribRow).getByRole('button', { name: 'Approuver' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: 'Mettre à jour l’IBAN du partenaire et approuver' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Approuver' }));

    const warning = await within(dialog).findByTestId('rib-iban-mismatch');
    expect(warning).toHaveTextContent('L’IBAN du RIB (DE89 •••• 3000) diffère de l’IBAN du partenaire (FR76 •••• 0189)');
    expect(posted).toEqual([{}]);
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Mettre à jour l’IBAN du partenaire et approuver' }));
    await waitFor(() => expect(posted).toEqual([{}, { updatePartnerIban: true }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Document approuvé')).toBeInTheDocument();
  });
});
