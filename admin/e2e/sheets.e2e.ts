/**
 * Intervention sheets in Chromium (SHEET-1, SHEET-2): a coordinator signs in,
 * opens "À imprimer" from the menu, picks the busiest day of the demo data, and prints
 * the day in one click — the new tab receives one PDF, application/pdf, with one A4 page
 * per accepted order of that Paris day. The real server over the seeded demo database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isA4Portrait, readPdf } from '../../server/pdf/readBack';
import { TEST_NOW } from '../../server/test/harness';
import { launchBrowser, screenshot, signIn, startConsole, watchErrors, type Console } from './browser';

const parisDay = (instant: string | Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

describe('a coordinator prints a day of intervention sheets', () => {
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

  it('when the coordinator opens "À imprimer", picks a day and prints it, then the PDF has one A4 sheet per accepted order of that day', async () => {
    // The Paris day with the most upcoming accepted orders, and its orders' references.
    const accepted = (await app.db.db('orders').where('status', 'accepted').where('startsAt', '>', TEST_NOW.toISOString()).select('reference', 'startsAt')) as Array<{ reference: string; startsAt: string }>;
    const byDay = new Map<string, string[]>();
    for (const o of accepted) byDay.set(parisDay(o.startsAt), [...(byDay.get(parisDay(o.startsAt)) ?? []), o.reference]);
    const [day, references] = [...byDay.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    expect(references.length).toBeGreaterThan(1);

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, app.url, 'coordinator@demo.test');

    await page.locator('.RaMenu-open a[href="#/sheets"]').click();
    await page.waitForURL((url) => url.hash.startsWith('#/sheets'));
    await page.locator('.RaList-main').first().waitFor();
    await page.getByRole('tab', { name: 'Rendez-vous à venir' }).waitFor();

    await page.getByTestId('sheets-day').fill(day);
    const printDay = page.getByRole('link', { name: `Imprimer la journée (${references.length} fiches)` });
    await printDay.waitFor();
    await page.getByRole('cell', { name: references[0], exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'coordinator-sheets-to-print');

    // One click: the day's PDF opens in a new tab. Chromium's PDF viewer hands the page an
    // HTML wrapper, so the server's own answer is taken on its way to the browser.
    let captured: { url: string; status: number; contentType: string | undefined; body: Buffer } | null = null;
    await context.route('**/api/sheets.pdf?*', async (route) => {
      const answer = await route.fetch();
      captured = { url: route.request().url(), status: answer.status(), contentType: answer.headers()['content-type'], body: await answer.body() };
      await route.fulfill({ response: answer });
    });
    const [popup] = await Promise.all([context.waitForEvent('page'), printDay.click()]);
    await expect.poll(() => captured, { timeout: 30_000 }).not.toBeNull();
    const response = captured!;
    expect(new URL(response.url).searchParams.get('date')).toBe(day);
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/pdf');
    const pdf = await readPdf(response.body);
    expect(pdf.pages).toHaveLength(references.length);
    const printed = pdf.pages.map((p) => {
      expect(isA4Portrait(p)).toBe(true);
      return p.text.match(/R\d{7}/)?.[0];
    });
    expect(new Set(printed)).toEqual(new Set(references));

    await popup.close();

    // The order's own page prints its sheet too, and shows whether the signed coupon came back.
    await page.getByRole('cell', { name: references[0], exact: true }).click();
    await page.waitForURL((url) => /^#\/orders\/\d+\/show/.test(url.hash));
    await page.getByRole('link', { name: 'Imprimer la fiche', exact: true }).waitFor();
    await page.getByText('Coupon signé non reçu').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'coordinator-order-sheet');
    expect(errors).toEqual([]);
    await context.close();
  });
});
