/**
 * Each role's home is its inbox: every demo account signs in and lands on counts that are
 * not all zero; following a count opens the list whose total is that count; the home fits
 * 1280 px and 1440 px without a horizontal scroll (screenshots in test-results/screenshots/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../server/clock';
import { TEST_NOW } from '../../server/test/harness';
import { seedQueues } from '../../server/test/inboxFixtures';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

const ROLES = ['support', 'ops', 'mediator', 'coordinator', 'admin'] as const;

interface Count {
  href: string;
  count: number;
}

async function countsOn(page: Page): Promise<Count[]> {
  await page.locator('[data-inbox-item]').first().waitFor({ timeout: 15_000 });
  return page.locator('[data-inbox-item] > a').evaluateAll((links) =>
    links.map((a) => ({
      href: a.getAttribute('href') ?? '',
      count: Number((a.querySelector('[data-inbox-count]')?.textContent ?? '').replace(/\D/g, '')),
    })),
  );
}

async function noHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe('each role’s inbox in the console', () => {
  let app: Console;
  let browser: Browser;

  beforeAll(async () => {
    // The demo's rows are as of TEST_NOW: the server reads the same day, so "tomorrow" has sheets.
    app = await startConsole({ clock: fixedClock(TEST_NOW), seed: (db) => seedQueues(db, TEST_NOW) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each(ROLES)('when %s signs in, then its inbox shows work, a count opens a list of that total, and the home fits 1280 and 1440 px', async (role) => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 850 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, `${role}@demo.test`);

    const counts = await countsOn(page);
    expect(counts.length).toBeGreaterThan(0);
    const withWork = counts.filter((c) => c.count > 0);
    expect(withWork.length, JSON.stringify(counts)).toBeGreaterThan(0);

    await page.waitForLoadState('networkidle');
    await screenshot(page, `${role}-inbox-1280`);
    expect(await noHorizontalOverflow(page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, `${role}-inbox-1440`);
    expect(await noHorizontalOverflow(page)).toBe(true);

    // The first count with work: the list it opens asks for that filter, and its total is the count.
    const target = withWork[0]!;
    const resource = target.href.replace(/^#\//, '').split('?')[0]!;
    const listed = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === `/api/${resource}` && url.searchParams.get('range') !== null && res.request().method() === 'GET';
    });
    await page.locator(`[data-inbox-item] > a[href="${target.href}"]`).click();
    const response = await listed;
    const total = Number(/\/(\d+)$/.exec(response.headers()['content-range'] ?? '')?.[1]);
    expect(total).toBe(target.count);
    const filter = JSON.parse(new URL(response.url()).searchParams.get('filter') ?? '{}');
    const expected = JSON.parse(new URLSearchParams(target.href.split('?')[1]).get('filter') ?? '{}');
    expect(filter).toMatchObject(expected);
    await page.locator('.RaList-main').first().waitFor({ state: 'visible', timeout: 15_000 });

    expect(errors).toEqual([]);
    await context.close();
  });
});
