/**
 * Mediation in Chromium (MED-1, MED-5): a mediator finds a case opened from an
 * order (by phone: no written complaint yet) in the queue, takes it amicable, tries to refer
 * it — the server refuses with MED-5's reason, shown in the dialog —, records the written
 * complaint's date, refers it again with the date the mediator received the file, sees it
 * referred with the refusal deadline running, and downloads the referral file (a PDF).
 * The real server over the demo data.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

/** `YYYY-MM-DD` of the Paris calendar, `days` days from now. */
const parisDayIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

describe('a mediator takes a case to the consumer mediator', () => {
  let app: Console;
  let browser: Browser;
  let caseId: number;
  let reference: string;

  beforeAll(async () => {
    app = await startConsole();
    browser = await launchBrowser();
    // The complaint came by phone: a case on a completed order, with no written complaint yet.
    const order = await app.db.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id', 'desc').first();
    const api = request.agent(app.url);
    const login = await api.post('/api/auth/login').send({ email: 'mediator@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const created = await api.post('/api/cases').send({ orderId: order.id, category: 'quality', description: 'Prestation écourtée, la cliente demande un geste.' });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    reference = created.body.reference;
    expect(created.body).toMatchObject({ status: 'open', writtenComplaintAt: null, assignedTo: login.body.id });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('when the mediator takes it amicable then refers it with an admissible written complaint, then it is referred and the referral file prints', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, 'mediator@demo.test');

    // The queue, from the menu; the case found by its reference.
    await page.locator('.RaMenu-open a[href="#/cases"]').click();
    await page.locator('.RaList-main').waitFor();
    await page.getByTestId('case-age-total').waitFor();
    await screenshot(page, 'mediator-cases-queue');
    await page.getByPlaceholder('Rechercher').fill(reference);
    await page.getByRole('cell', { name: reference, exact: true }).click();
    await page.waitForURL((u) => u.hash === `#/cases/${caseId}/show`);
    const panel = page.getByTestId('deadline-panel');
    await panel.getByText('Aucune réclamation écrite enregistrée.').waitFor();
    await screenshot(page, 'mediator-case-open');

    // MED-1: the amicable attempt, after the confirmation.
    const actions = page.getByTestId('case-actions');
    await actions.getByRole('button', { name: 'Passer en résolution amiable' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Passer en résolution amiable' }).click();
    await page.getByText('Dossier passé en résolution amiable').waitFor();
    await page.getByTestId('case-status').getByText('Résolution amiable').waitFor();
    await expect.poll(async () => (await app.db.db('cases').where('id', caseId).first()).status).toBe('amicable');

    // MED-5 1°: without a written complaint the referral is refused, with the reason.
    await actions.getByRole('button', { name: 'Transmettre au médiateur' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('referral-inadmissible').waitFor();
    await dialog.getByRole('button', { name: 'Transmettre au médiateur' }).click();
    await dialog.getByTestId('case-dialog-error').getByText(/réclamation écrite préalable/).waitFor();
    expect((await app.db.db('cases').where('id', caseId).first()).status).toBe('amicable');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The written complaint came 20 days ago: the referral window is open for a year from it.
    await actions.getByRole('button', { name: 'Date de la réclamation écrite' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-date').fill(parisDayIn(-20));
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Date de la réclamation écrite enregistrée').waitFor();
    await panel.getByText(/Saisine du médiateur recevable jusqu’au/).waitFor();

    // Refer, with the date the mediator received the complete file (today).
    await actions.getByRole('button', { name: 'Transmettre au médiateur' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText(/recevable jusqu’au/).waitFor();
    await dialog.getByLabel('Reçu par le médiateur le').fill(parisDayIn(0));
    await screenshot(page, 'mediator-case-refer');
    await dialog.getByRole('button', { name: 'Transmettre au médiateur' }).click();
    await page.getByText('Dossier transmis au médiateur').first().waitFor();
    await page.getByTestId('case-status').getByText('Transmis au médiateur').waitFor();
    await panel.locator('[data-deadline="refusal"]').getByText(/jours restants/).waitFor();
    // Only closing is left (plus the mediator's notification date).
    await expect.poll(() => actions.getByRole('button', { name: 'Passer en résolution amiable' }).count()).toBe(0);
    // Polled too: while the case reloads after the referral, the bar is briefly empty.
    await expect.poll(() => actions.getByRole('button', { name: 'Clore le dossier' }).count()).toBe(1);

    const row = await app.db.db('cases').where('id', caseId).first();
    expect(row.status).toBe('referred');
    expect(row.referredAt).toBeTruthy();
    expect(row.mediatorReceivedAt).toBeTruthy();
    expect(row.refusalDueAt).toBeTruthy();
    const events = await app.db.db('caseEvents').where('caseId', caseId).orderBy('id');
    expect(events.filter((e: { type: string }) => e.type === 'status_change').length).toBeGreaterThanOrEqual(2);
    // The timeline shows the status changes too.
    await page.getByTestId('case-timeline').locator('[data-event-type="status_change"]').first().waitFor();

    // The referral file: a real PDF, downloaded from the case page.
    const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('link', { name: /Dossier de saisine/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    const served = await page.request.get(`${app.url}/api/cases/${caseId}/referral.pdf`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toContain('application/pdf');
    await screenshot(page, 'mediator-case-referred');

    // The refused referral is a 422 the page handled: Chromium logs the failed request, nothing else.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  });
});
