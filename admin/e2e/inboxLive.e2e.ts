/**
 * Each role's home inbox follows a colleague's work without a reload (server/events/ →
 * admin/src/live/): a first person sits on their inbox, a colleague in a browser context of
 * their own opens the first row listed under one of its counts and handles it in the console;
 * the first person's count goes from N to N - 1 by itself. The page is checked to be the same
 * document throughout, so a reload could not pass for a live update.
 * The real server over the demo data, with the ops and mediator queues added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fixedClock } from '../../server/clock';
import { TEST_NOW } from '../../server/test/harness';
import { seedQueues } from '../../server/test/inboxFixtures';
import { launchBrowser, signIn, startConsole, watchErrors, type Console } from './browser';

/** How long a colleague's change may take to show (the target is 2 s; SQLite polls every 0.5 s). */
const LIVE_TIMEOUT_MS = 5_000;

interface Scenario {
  role: 'support' | 'ops' | 'mediator' | 'coordinator' | 'admin';
  colleague: string;
  /** The inbox count the colleague's action lowers by one. */
  item: string;
  /** What the colleague does, on the page of the first row listed under that count. */
  action: string;
  act(page: Page): Promise<void>;
}

async function takeFile(page: Page): Promise<void> {
  // The row opens the partner's page; the file is taken from its verification tab.
  await page.goto(`${page.url()}/verification`);
  await page.getByRole('button', { name: 'Prendre le dossier' }).click();
  await page.getByText('Dossier pris').first().waitFor();
}

const SCENARIOS: Scenario[] = [
  { role: 'support', colleague: 'admin@demo.test', item: 'applicantsWaiting', action: 'takes the file', act: takeFile },
  {
    role: 'ops',
    colleague: 'ops2@demo.test',
    item: 'terminationsAwaitingApprover',
    action: 'approves the termination',
    async act(page) {
      await page.getByRole('button', { name: 'Approuver la résiliation' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approuver la résiliation' }).click();
      await page.locator('.MuiSnackbarContent-message', { hasText: 'Résiliation approuvée' }).waitFor();
    },
  },
  {
    role: 'mediator',
    colleague: 'admin@demo.test',
    item: 'newMail',
    action: 'dismisses the suggested attachment',
    async act(page) {
      await page.getByTestId('case-to-attach').getByRole('button', { name: 'Écarter la proposition' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Écarter la proposition' }).click();
      await page.getByText('Proposition de rattachement écartée').first().waitFor();
    },
  },
  {
    role: 'coordinator',
    colleague: 'admin@demo.test',
    item: 'sheetsTomorrow',
    action: 'cancels the order',
    async act(page) {
      await page.getByRole('button', { name: 'Annuler la commande' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /Motif de l’annulation/ }).fill('La cliente a appelé : elle sera absente demain.');
      await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await page.locator('.MuiSnackbarContent-message', { hasText: 'Commande annulée' }).waitFor();
    },
  },
  { role: 'admin', colleague: 'support@demo.test', item: 'applicantsWaiting', action: 'takes the file', act: takeFile },
];

const countLocator = (page: Page, item: string) => page.locator(`[data-inbox-item="${item}"] [data-inbox-count]`);

async function countOf(page: Page, item: string): Promise<number> {
  return Number(((await countLocator(page, item).textContent()) ?? '').replace(/\D/g, ''));
}

describe('a colleague’s action reaches an open inbox without a reload', () => {
  let app: Console;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function person(email: string, beforeSignIn?: (page: Page) => void): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    // The console's own checks (an appointment not yet started can be cancelled) read the
    // browser's clock: it reads the server's day, as a person working on that day would.
    await context.clock.setFixedTime(TEST_NOW);
    const page = await context.newPage();
    const errors = watchErrors(page);
    beforeSignIn?.(page);
    await signIn(page, app.url, email);
    return { page, errors };
  }

  beforeAll(async () => {
    // The demo's rows are as of TEST_NOW: the server reads the same day, so "tomorrow" has sheets.
    app = await startConsole({ clock: fixedClock(TEST_NOW), seed: (db) => seedQueues(db, TEST_NOW) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  it.each(SCENARIOS)('when $colleague $action listed in $role’s $item, then $role’s open inbox counts one less', async ({ role, colleague, item, act }) => {
    let streamOpen: Promise<unknown> = Promise.resolve();
    const first = await person(`${role}@demo.test`, (page) => {
      streamOpen = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/events' && res.status() === 200);
    });
    await countLocator(first.page, item).waitFor({ timeout: 15_000 });
    // A change committed before the stream is open is not announced: the colleague acts after.
    await streamOpen;
    const before = await countOf(first.page, item);
    expect(before, `${role}'s ${item} has work for the colleague`).toBeGreaterThan(0);
    const row = await first.page.locator(`[data-inbox-item="${item}"] ul a`).first().getAttribute('href');
    expect(row).toMatch(/^#\/[\w-]+\/[^/]+\/show$/);
    await first.page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    const other = await person(colleague);
    await other.page.goto(`${app.url}/${row}`);
    await act(other.page);

    await first.page.waitForFunction(
      ([selector, expected]) => Number((document.querySelector(selector)?.textContent ?? '').replace(/\D/g, '')) === expected,
      [`[data-inbox-item="${item}"] [data-inbox-count]`, before - 1] as const,
      { timeout: LIVE_TIMEOUT_MS },
    );
    expect(await countOf(first.page, item)).toBe(before - 1);
    expect(await first.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(first.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
