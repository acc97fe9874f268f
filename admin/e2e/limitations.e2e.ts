/**
 * Limitations in Chromium (LIM-3..LIM-6): an ops person opens an active partner with
 * no limitation (found through the API), applies a manual limitation from the partner's page
 * (reason, modality, end date, note, an order as evidence), sees it in force on the partner's
 * page and in the limitation list, lifts it with a note and sees it lifted; the partner's
 * messages and the audit trail (both actions by ops) follow. Then the four-eyes termination:
 * ops asks for it at the end of the period, cannot approve it alone, ops2 approves it.
 * The real server over the demo data.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

type Row = Record<string, any>;

const OPEN = ['active', 'awaiting_review', 'termination_pending'];
const query = (q: Row) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

/** `YYYY-MM-DD` of the Paris calendar, `days` days from now. */
const parisDayIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));

describe('an ops person applies then lifts a limitation', () => {
  let app: Console;
  let browser: Browser;
  let api: request.Agent;
  let opsId: number;

  beforeAll(async () => {
    app = await startConsole();
    browser = await launchBrowser();
    api = request.agent(app.url);
    const login = await api.post('/api/auth/login').send({ email: 'ops@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    opsId = login.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An active partner with no limitation at all in force (manual or automatic) and some orders to cite. */
  const used = new Set<number>();
  async function pickPartner(): Promise<Row> {
    const list = await api.get(`/api/partners?${query({ filter: { status: 'active', limitation: null }, sort: ['id', 'ASC'], range: [0, 49] })}`);
    expect(list.status).toBe(200);
    for (const partner of list.body as Row[]) {
      if (used.has(partner.id)) continue;
      const lims = await api.get(`/api/limitations?${query({ filter: { partnerId: partner.id }, range: [0, 99] })}`);
      if ((lims.body as Row[]).some((l) => OPEN.includes(l.status))) continue;
      const orders = await api.get(`/api/orders?${query({ filter: { partnerId: partner.id }, range: [0, 0] })}`);
      if ((orders.body as Row[]).length === 0) continue;
      used.add(partner.id);
      return partner;
    }
    throw new Error('The demo data has no active partner without a limitation and with orders.');
  }

  it('when ops applies a limitation from the partner page and lifts it with a note, then the partner page, the list, the messages and the audit trail show both decisions', async () => {
    const partner = await pickPartner();
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, 'ops@demo.test');

    // Open the partner from the list (search by reference), then its Limitations tab.
    await page.locator('.RaMenu-open a[href="#/partners"]').click();
    await page.locator('.RaList-main').waitFor();
    await page.locator('input[name="q"]').fill(partner.reference);
    const partnerRow = page.getByRole('row').filter({ hasText: partner.reference });
    await partnerRow.first().waitFor();
    await expect.poll(() => page.locator('.RaList-main tbody tr').count()).toBe(1);
    await partnerRow.first().click();
    await page.waitForURL((u) => u.hash === `#/partners/${partner.id}/show`);
    await page.getByRole('tab', { name: 'Limitations' }).click();
    await page.waitForURL((u) => u.hash === `#/partners/${partner.id}/show/limitations`);
    await page.getByText('Aucune limitation en vigueur').waitFor();
    await page.getByTestId('partner-outbox').getByText('Aucun message envoyé à ce partenaire.').waitFor();

    // Apply: the form comes with the partner; reason, modality, end date, note, one order as evidence.
    await page.getByRole('link', { name: 'Appliquer une limitation' }).click();
    await page.waitForURL((u) => u.hash.startsWith('#/limitations/create'));
    await expect.poll(() => page.getByRole('combobox', { name: /Partenaire/ }).inputValue()).toContain(partner.reference);
    await page.getByRole('combobox', { name: /Motif/ }).click();
    await page.getByRole('option', { name: 'Absence à une intervention' }).click();
    await page.getByRole('combobox', { name: /Modalité/ }).click();
    await page.getByRole('option', { name: 'Clients existants uniquement' }).click();
    const endDay = parisDayIn(30);
    await page.getByLabel(/^Fin/).fill(`${endDay}T18:00`);
    await page.getByRole('textbox', { name: /Note/ }).fill('Absence sans prévenir la cliente le 12/11 (appel de la cliente).');
    const orderEvidence = page.locator('[data-evidence-section="order"] input[type="checkbox"]').first();
    await orderEvidence.check();
    await page.getByText('1 pièce sélectionnée').waitFor();
    await screenshot(page, 'ops-limitation-apply');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await page.waitForURL((u) => /^#\/limitations\/\d+\/show$/.test(u.hash));
    const limitationId = Number(/^#\/limitations\/(\d+)\/show$/.exec(new URL(page.url()).hash)![1]);
    await page.getByText('En cours', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: '1 commande' }).waitFor();

    const applied = (await api.get(`/api/limitations/${limitationId}`)).body as Row;
    expect(applied).toMatchObject({ partnerId: partner.id, kind: 'manual', reason: 'no_show', modality: 'existing_clients_only', status: 'active', createdBy: opsId });
    expect(applied.evidence).toHaveLength(1);
    expect(applied.evidence[0].type).toBe('order');
    // 18:00 Paris time on the chosen day.
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(applied.endsAt))).toBe(`${endDay} 18:00`);

    // In force on the partner's page, with the message sent to the partner.
    await page.goto(`${app.url}/#/partners/${partner.id}/show/limitations`);
    const history = page.getByTestId('partner-limitations');
    await history.getByRole('row').filter({ hasText: 'Absence à une intervention' }).filter({ hasText: 'En cours' }).waitFor();
    await page.getByText('Clients existants uniquement').first().waitFor();
    await page.getByTestId('partner-outbox').getByText('Limitation de votre compte partenaire').waitFor();
    await screenshot(page, 'ops-partner-limitations');

    // In the limitation list: the "in force" view, newest first.
    await page.locator('.RaMenu-open a[href="#/limitations"]').click();
    await page.locator('.RaList-main').waitFor();
    await page.getByRole('button', { name: 'En cours', exact: true }).click();
    await page.waitForURL((u) => decodeURIComponent(u.hash).includes('"status":"active"'));
    const listRow = page.locator('.RaList-main tbody tr').first();
    await expect.poll(() => listRow.innerText()).toContain(partner.reference);
    expect(await listRow.innerText()).toMatch(/Manuelle[\s\S]*Absence à une intervention[\s\S]*En cours/);
    await screenshot(page, 'ops-limitation-list');

    // Lift it with a note, from the limitation's page.
    await listRow.click();
    await page.waitForURL((u) => u.hash === `#/limitations/${limitationId}/show`);
    await page.getByRole('button', { name: 'Lever la limitation' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Lever la limitation' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox').fill('La partenaire a appelé et s’est excusée ; engagement à prévenir.');
    await confirm.click();
    await page.locator('.MuiSnackbarContent-message', { hasText: 'Limitation levée' }).waitFor();
    await page.getByText('Levée', { exact: true }).first().waitFor();
    await expect.poll(async () => (await api.get(`/api/limitations/${limitationId}`)).body.status).toBe('lifted');

    // The partner's page: lifted in the history, no limitation in force, both messages (newest first).
    await page.goto(`${app.url}/#/partners/${partner.id}/show/limitations`);
    await history.getByRole('row').filter({ hasText: 'Absence à une intervention' }).filter({ hasText: 'Levée' }).waitFor();
    await page.getByText('Aucune limitation en vigueur').waitFor();
    const outbox = page.getByTestId('partner-outbox');
    await outbox.getByText('Levée de la limitation de votre compte partenaire').waitFor();
    expect(await outbox.locator('[data-outbox-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outbox-kind')))).toEqual([
      'limitation_lift',
      'limitation_apply',
    ]);
    await outbox.getByText('Levée de la limitation de votre compte partenaire').click();
    await outbox.getByText(/est levée à compter du/).waitFor();
    await screenshot(page, 'ops-partner-limitation-lifted');

    // The audit trail: both actions, by ops, the lift note kept on the limitation.
    const audit = await api.get(`/api/audit-log?${query({ filter: { resource: 'limitations', resourceId: String(limitationId) }, sort: ['id', 'ASC'], range: [0, 9] })}`);
    expect(audit.status).toBe(200);
    expect((audit.body as Row[]).map((a) => [a.action, a.actorId])).toEqual([
      ['limitations.create', opsId],
      ['limitations.lift', opsId],
    ]);
    const lifted = (await api.get(`/api/limitations/${limitationId}`)).body as Row;
    expect(lifted.note).toContain('La partenaire a appelé');
    expect(lifted.note).toContain('Olivier Opérations');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when ops asks for a termination at the end of the period, then ops is told and not offered the approval, and ops2 approves it from the partner page: the partner is terminated and told', async () => {
    const partner = await pickPartner();
    const created = await api
      .post('/api/limitations')
      .send({ partnerId: partner.id, reason: 'repeated_cancellations', modality: 'reduced', endsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(), note: 'Quatre annulations en un mois.' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    // LIM-6 without waiting for the end date: the period is over (the worker's path has its own server tests).
    await app.db.db('limitations').where('id', id).update({ status: 'awaiting_review' });

    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, 'ops@demo.test');

    // The end-of-period queue: "À réexaminer".
    await page.locator('.RaMenu-open a[href="#/limitations"]').click();
    await page.locator('.RaList-main').waitFor();
    await page.getByRole('button', { name: 'À réexaminer', exact: true }).click();
    const queued = page.locator('.RaList-main tbody tr').filter({ hasText: partner.reference });
    await queued.first().waitFor();
    await queued.first().click();
    await page.waitForURL((u) => u.hash === `#/limitations/${id}/show`);

    // Before anyone clicks, the four-eyes rule is said.
    await page.getByTestId('termination-notice').getByText(/un autre membre de l’équipe \(ops ou admin\) devra le faire/).waitFor();
    await page.getByRole('button', { name: 'Demander la résiliation' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('Aucune amélioration à l’issue de la période.');
    await dialog.getByRole('button', { name: 'Demander la résiliation' }).click();
    await page.getByText('Résiliation demandée', { exact: true }).first().waitFor();

    // The same account is not offered an approval that can only fail: the button is disabled and says why.
    const approve = page.getByRole('button', { name: 'Approuver la résiliation' });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    const notice = page.getByTestId('termination-notice');
    await notice.getByText('Vous avez demandé cette résiliation : un autre membre de l’équipe (ops ou admin) doit l’approuver.').waitFor();
    await notice.getByText('Olivier Opérations').waitFor();
    expect((await api.get(`/api/limitations/${id}`)).body.status).toBe('termination_pending');
    await screenshot(page, 'ops-four-eyes-refused');
    expect(errors).toEqual([]);
    await context.close();

    const context2 = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
    const page2 = await context2.newPage();
    const errors2 = watchErrors(page2);
    await signIn(page2, app.url, 'ops2@demo.test');
    // ops2 approves from the partner's page: the termination waiting there names who asked.
    await page2.goto(`${app.url}/#/partners/${partner.id}/show/limitations`);
    const section = page2.getByTestId('partner-termination');
    await section.getByTestId('termination-notice').getByText('Olivier Opérations').waitFor();
    await section.getByText('Un autre membre de l’équipe (ops ou admin) que la personne qui l’a demandée doit l’approuver.').waitFor();
    await section.getByRole('button', { name: 'Approuver la résiliation' }).click();
    await page2.getByRole('dialog').getByRole('button', { name: 'Approuver la résiliation' }).click();
    await page2.locator('.MuiSnackbarContent-message', { hasText: 'Résiliation approuvée' }).waitFor();
    // Decided: nothing is left to approve on the partner's page.
    await section.waitFor({ state: 'detached' });

    // The partner is terminated and told (article 14.3), on the partner's page.
    expect((await api.get(`/api/partners/${partner.id}`)).body.status).toBe('terminated');
    await page2.getByTestId('partner-limitations').getByText('Résiliation prononcée', { exact: true }).first().waitFor();
    await page2.getByTestId('partner-outbox').getByText('Fin de nos conditions générales d’utilisation').waitFor();
    await screenshot(page2, 'ops2-termination-approved');

    const users = Object.fromEntries(((await app.db.db('users').select('id', 'email')) as Row[]).map((u) => [u.email, u.id]));
    const audit = await api.get(`/api/audit-log?${query({ filter: { resource: 'limitations', resourceId: String(id) }, sort: ['id', 'ASC'], range: [0, 9] })}`);
    expect((audit.body as Row[]).map((a) => [a.action, a.actorId])).toEqual([
      ['limitations.create', users['ops@demo.test']],
      ['limitations.terminate', users['ops@demo.test']],
      ['limitations.approve-termination', users['ops2@demo.test']],
    ]);
    expect(errors2).toEqual([]);
    await context2.close();
  });
});
