/**
 * The saved-views sidebar next to the staff lists: shown at 1280 px without pushing the
 * table out of the window, and gone on narrower windows. Screenshots of each list at
 * 1280 px are kept under test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signIn, startConsole, type Console } from './browser';

const LISTS = ['partners', 'documents', 'verification-queue', 'orders', 'cases', 'limitations', 'signals', 'payouts', 'audit-log'];
// The verification queue's table is wider: its sidebar only shows from 1360 px.
const WIDE_TABLE = new Set(['verification-queue']);

describe('the saved-views sidebar', () => {
  let app: Console;
  let browser: Browser;

  beforeAll(async () => {
    app = await startConsole();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each([1280, 1440])('when an admin opens each staff list %i px wide, then the sidebar is shown where it fits and nothing overflows sideways', async (width) => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'admin@demo.test');
    for (const list of LISTS) {
      await page.goto(`${app.url}/#/${list}`);
      await page.locator('.RaList-main').first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      const sidebar = page.locator('.SavedViewsAside-root');
      await sidebar.waitFor({ state: 'attached' });
      expect(await sidebar.isVisible(), `${list} sidebar at ${width} px`).toBe(!(width < 1360 && WIDE_TABLE.has(list)));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (width === 1280) await screenshot(page, `saved-views-${list}-1280`);
      expect(overflow, `${list} at ${width} px`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it('when the window is 1024 px wide, then the sidebar is hidden and the table keeps the width', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'admin@demo.test');
    await page.goto(`${app.url}/#/partners`);
    await page.locator('.RaList-main').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Mes vues').first().isVisible()).toBe(false);
    await context.close();
  });
});
