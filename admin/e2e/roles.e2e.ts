/**
 * Every demo account signs in, sees exactly the menu its role allows (the permission
 * table of shared/permissions.ts), and opens every menu entry without a page error.
 * A screenshot of each role's home screen is kept under test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_USERS } from '../../db/seeds/demo';
import { can, RESOURCES } from '../../shared/permissions';
import { PAGE_PERMISSIONS } from '../src/access';
import { TWO_STEP_PATH } from '../src/authProvider';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

const ACCOUNTS = DEMO_USERS.filter((u) => u.email !== 'ops2@demo.test');

describe('each demo account in the console', () => {
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

  it.each(ACCOUNTS.map((u) => [u.role, u.email] as const))(
    'when %s signs in, then the menu shows only what the role may list and every entry opens without an error',
    async (role, email) => {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1366, height: 850 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signIn(page, app.url, email);

      const menu = page.locator('.RaMenu-open a[href^="#/"]');
      await menu.first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${role}-home`);

      const hrefs = await menu.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const shown = hrefs.map((h) => h.replace(/^#\//, '').split(/[/?]/)[0]).filter((r) => r !== '');
      // The resources the role may list, and the workspace pages it may open (admin/src/access.ts).
      const pages = Object.entries(PAGE_PERMISSIONS).filter(([, [resource, action]]) => can(role, resource, action)).map(([page]) => page);
      // Every staff member also reaches their own two-step sign-in page.
      const expected = [...RESOURCES.filter((r) => can(role, r, 'list')), ...pages, TWO_STEP_PATH.slice(1)];
      expect(new Set(shown)).toEqual(new Set(expected));

      for (const href of hrefs) {
        if (href === '#/') continue;
        await page.locator(`.RaMenu-open a[href="${href}"]`).first().click();
        await page.waitForURL((url) => url.hash.startsWith(href));
        await page.waitForLoadState('networkidle');
        // A list either shows rows or its empty state; never the error page.
        await page.locator('.RaList-main, .RaEmpty-message, .RaList-noResults, .VerificationWatch-root, .TwoStep-root').first().waitFor({ state: 'visible', timeout: 15_000 });
        expect(await page.locator('.RaError-root, [data-testid="error"]').count()).toBe(0);
      }
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
