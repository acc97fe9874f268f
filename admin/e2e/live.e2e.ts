/**
 * Live updates in Chromium (server/events/, admin/src/live/): two people at once, each in a
 * browser context of their own. Support has the verification queue open; an admin takes one of
 * its files from the partner's page — support's queue shows who holds it, without a reload.
 * Then support reads a partner's page while the admin edits that partner: support's page says
 * "Modifié par Alice Administratrice à …" and its button loads the new version.
 * The real server over the demo data.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

type Row = Record<string, any>;

const query = (q: Row) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

describe('a colleague’s change reaches an open page without a reload', () => {
  let app: Console;
  let browser: Browser;
  let api: request.Agent;
  const contexts: BrowserContext[] = [];

  async function personAt(email: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, email);
    return { page, errors };
  }

  beforeAll(async () => {
    app = await startConsole();
    browser = await launchBrowser();
    api = request.agent(app.url);
    const login = await api.post('/api/auth/login').send({ email: 'support@demo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  it('when an admin takes a file, then the support agent’s open queue shows who holds it', async () => {
    const queue = await api.get(`/api/verification-queue?${query({ sort: ['waitingSince', 'ASC'], range: [0, 24] })}`);
    expect(queue.status).toBe(200);
    const file = (queue.body as Row[]).find((r) => r.status === 'applicant' && r.assignedTo === null);
    expect(file, 'an unassigned applicant on the queue’s first page').toBeDefined();

    const support = await personAt('support@demo.test');
    await support.page.locator('.RaMenu-open a[href="#/verification-queue"]').click();
    const row = support.page.getByRole('row').filter({ hasText: file!.reference });
    await row.first().waitFor();
    expect(await row.first().textContent()).not.toContain('Alice Administratrice');

    const admin = await personAt('admin@demo.test');
    await admin.page.goto(`${app.url}/#/partners/${file!.id}/show/verification`);
    await admin.page.getByRole('button', { name: 'Prendre le dossier' }).click();
    await admin.page.getByText('Dossier pris').first().waitFor();

    // No reload on support's side: the row changes by itself.
    await row.filter({ hasText: 'Alice Administratrice' }).first().waitFor({ timeout: 10_000 });
    await screenshot(support.page, 'live-queue-taken');
    expect(support.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('when an admin edits the partner a support agent is reading, then the page says who changed it and reloads on demand', async () => {
    const list = await api.get(`/api/partners?${query({ filter: { status: 'active' }, sort: ['id', 'ASC'], range: [0, 0] })}`);
    const partner = (list.body as Row[])[0];
    const support = await personAt('support@demo.test');
    await support.page.goto(`${app.url}/#/partners/${partner.id}/show`);
    await support.page.getByText(partner.city).first().waitFor();

    const admin = await personAt('admin@demo.test');
    await admin.page.goto(`${app.url}/#/partners/${partner.id}`);
    const city = admin.page.getByLabel('Ville', { exact: false }).first();
    await city.waitFor();
    await city.fill('Villeneuve-en-Direct');
    await admin.page.getByRole('button', { name: 'Enregistrer' }).click();

    const notice = support.page.getByRole('status').filter({ hasText: 'Modifié par Alice Administratrice à' });
    await notice.waitFor({ timeout: 10_000 });
    await screenshot(support.page, 'live-record-notice');
    await notice.getByRole('button', { name: 'Recharger' }).click();
    await support.page.getByText('Villeneuve-en-Direct').first().waitFor();
    expect(await notice.count()).toBe(0);
    expect(support.errors).toEqual([]);
  });
});
