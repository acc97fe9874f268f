/**
 * The verification workspace in Chromium (REF-9): a support agent opens the queue,
 * takes the next file, then opens the demo's ready file (P000008), previews a document in
 * the page, approves the partner after confirming — and the partner is active.
 * The real server over a demo database whose documents have real files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../../server/test/harness';
import { launchBrowser, screenshot, signIn, watchErrors, startConsole, type Console } from './browser';

const READY = 8; // demo: in review, held by support@demo.test, every requirement met

describe('a support agent approves a file from the queue', () => {
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

  it('when support takes the next file and approves P000008 from the queue, then the partner is active and the steps are audited', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, url, 'support@demo.test');

    // The queue, from the menu: oldest first.
    await page.locator('.RaMenu-open a[href="#/verification-queue"]').click();
    await page.locator('.RaList-main').waitFor();
    await page.getByRole('cell', { name: 'P000008' }).waitFor();
    await screenshot(page, 'support-verification-queue');

    // "Take the next file": the applicant who waited longest is assigned to me.
    const oldest = await db.db('partners').where('status', 'applicant').orderByRaw('COALESCE(??, ??) ASC', ['reviewRequestedAt', 'createdAt']).orderBy('id').first();
    await page.getByRole('button', { name: 'Prendre le dossier suivant' }).click();
    await page.waitForURL((u) => u.hash === `#/partners/${oldest.id}/show/verification`);
    await page.getByText('Dossier pris par Sophie Support').waitFor();
    expect((await db.db('partners').where('id', oldest.id).first()).status).toBe('in_review');

    // Back to the queue, open the ready file.
    await page.locator('.RaMenu-open a[href="#/verification-queue"]').click();
    await page.getByRole('cell', { name: 'P000008' }).click();
    await page.waitForURL((u) => u.hash === `#/partners/${READY}/show/verification`);
    await page.getByText('Dossier complet : le partenaire peut être approuvé.').waitFor();
    expect(await page.locator('tr[data-status]:not([data-status="ok"])').count()).toBe(0);

    // The ID scan is previewed in the page (a real PNG served by the API).
    const idRow = page.locator('tr[data-document]').filter({ hasText: "Pièce d'identité" }).first();
    await idRow.getByRole('button', { name: 'Aperçu' }).click();
    const img = page.getByTestId('document-preview').locator('img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    // Approve, after the confirmation.
    await page.getByRole('button', { name: 'Approuver le partenaire' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Le partenaire devient actif').waitFor();
    await screenshot(page, 'support-verification-approve');
    await dialog.getByRole('button', { name: 'Approuver', exact: true }).click();
    await page.getByText('Partenaire approuvé').waitFor();
    await page.locator('[data-testid="verification-panel"]').getByText('Actif·ve').waitFor();
    // Approved: the banner says so, and no longer offers the approval.
    await page.getByText('Dossier complet : le partenaire est approuvé.').waitFor();
    expect(await page.getByText(/peut être approuvé/).count()).toBe(0);

    const partner = await db.db('partners').where('id', READY).first();
    expect(partner.status).toBe('active');
    expect(partner.decidedBy).toBe(2);
    const audit = await db.db('auditLog').where({ resource: 'partners', resourceId: String(READY), action: 'partners.approve' });
    expect(audit).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
