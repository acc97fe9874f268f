/**
 * The RIB check in Chromium (REF-5, REF-6): a support agent approves a RIB whose IBAN is not
 * the partner's; the server refuses and the dialog names both IBANs, masked; the agent then
 * makes the RIB's IBAN the partner's and approves in the same step, and the partner's page
 * shows the new IBAN grouped by four. The real server over the demo database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../../server/test/harness';
import { demoPdf } from '../../db/seeds/demoFiles';
import { maskIban } from '../../shared/permissions';
import { launchBrowser, screenshot, signIn, watchErrors, startConsole, type Console } from './browser';

const PARTNER = 8; // demo: in review, held by support@demo.test
const RIB_IBAN = 'DE89370400440532013000';

describe('a support agent approves a RIB whose IBAN is not the partner’s', () => {
  let app: Console;
  let url: string;
  let db: TestDb;
  let browser: Browser;

  beforeAll(async () => {
    app = await startConsole({ uploads: true });
    ({ url, db } = app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('when the RIB’s IBAN differs, then the dialog names both IBANs, and "update the partner’s IBAN" approves it and the partner page shows the new IBAN', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, url, 'support@demo.test');
    const before = String((await db.db('partners').where('id', PARTNER).first()).iban);
    expect(before).not.toBe(RIB_IBAN);

    // A new RIB arrives for the partner (sent with the agent's session, as the upload form does).
    const upload = await page.request.post(`${url}/api/partners/${PARTNER}/documents`, {
      multipart: {
        type: 'rib',
        holderName: 'Titulaire du RIB',
        iban: RIB_IBAN,
        file: { name: 'nouveau-rib.pdf', mimeType: 'application/pdf', buffer: demoPdf(['RIB', RIB_IBAN]) },
      },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const documentId = Number((await upload.json()).id);

    await page.goto(`${url}/#/partners/${PARTNER}/show/verification`);
    const row = page.locator('tr[data-document]').filter({ hasText: 'nouveau-rib.pdf' });
    await row.getByText('IBAN figurant sur le RIB DE89 3704 0044 0532 0130 00').waitFor();
    await row.getByRole('button', { name: 'Approuver', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approuver', exact: true }).click();

    // The server refuses: both IBANs, masked, in one French sentence; the dialog stays open.
    const mismatch = dialog.getByTestId('rib-iban-mismatch');
    await mismatch.waitFor();
    const text = await mismatch.textContent();
    expect(text).toContain(`L’IBAN du RIB (${maskIban(RIB_IBAN)}) diffère de l’IBAN du partenaire (${maskIban(before)})`);
    expect(text).not.toContain(RIB_IBAN);
    expect((await db.db('documents').where('id', documentId).first()).status).toBe('pending');
    await screenshot(page, 'support-rib-iban-mismatch');

    await dialog.getByRole('button', { name: 'Mettre à jour l’IBAN du partenaire et approuver' }).click();
    await page.getByText('Document approuvé').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect((await db.db('documents').where('id', documentId).first()).status).toBe('approved');
    expect((await db.db('partners').where('id', PARTNER).first()).iban).toBe(RIB_IBAN);

    // The partner's identity tab: the new IBAN, grouped by four for reading aloud.
    await page.goto(`${url}/#/partners/${PARTNER}/show`);
    await page.getByText('DE89 3704 0044 0532 0130 00', { exact: true }).waitFor();
    expect(await page.getByText(before, { exact: true }).count()).toBe(0);
    // The refused approval is a 422 the page handled: Chromium logs the failed request, nothing else.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  });
});
