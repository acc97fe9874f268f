/**
 * "Exporter" on a list downloads the server's CSV (`GET /api/{resource}.csv`) with the list's
 * current filter and sort and the console's language — never a file built in the browser from
 * the first 1,000 rows.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvExportUrl } from '../src/export/csvExportUrl';
import { partners, services } from './fixtures';
import { apiError, authHandlers, listHandler, server, USERS } from './msw';
import { renderApp } from './renderApp';

interface CsvRequest {
  url: URL;
  language: string | null;
}

function csvHandler(requests: CsvRequest[], answer?: () => Response) {
  return http.get('*/api/partners.csv', ({ request }) => {
    requests.push({ url: new URL(request.url), language: request.headers.get('Accept-Language') });
    if (answer) return answer();
    return new HttpResponse('\uFEFFRéférence;Nom\r\nP-000011;Durand\r\n', {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="partners-2026-11-20.csv"' },
    });
  });
}

describe('the list export', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('when the user filters the partners then clicks Exporter, then the browser downloads the server’s CSV for that filter and sort, in French', async () => {
    const requests: CsvRequest[] = [];
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners),
      listHandler('services', services),
      csvHandler(requests),
    );
    renderApp('/partners');
    // The first screen of the file loads the App's modules: give it more than the default wait.
    await screen.findByText('Élodie Durand', {}, { timeout: 20_000 });
    const user = userEvent.setup();
    await user.type(screen.getByPlaceholderText('Rechercher'), 'durand');
    await waitFor(() => expect(window.location.hash).toContain('durand'), { timeout: 3000 });

    await user.click(screen.getByRole('button', { name: 'Exporter' }));

    await waitFor(() => expect(downloads).toEqual(['partners-2026-11-20.csv']));
    expect(requests).toHaveLength(1);
    const { url, language } = requests[0];
    expect(url.pathname).toBe('/api/partners.csv');
    expect(JSON.parse(url.searchParams.get('filter') ?? 'null')).toEqual({ q: 'durand' });
    expect(JSON.parse(url.searchParams.get('sort') ?? 'null')).toEqual(['createdAt', 'DESC']);
    expect(url.searchParams.has('range')).toBe(false);
    expect(language).toBe('fr');
  });

  it('when the server refuses the export, then its message is shown and nothing is downloaded', async () => {
    const requests: CsvRequest[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    server.use(
      ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
      listHandler('partners', partners),
      listHandler('services', services),
      csvHandler(requests, () => apiError(403, 'forbidden', 'Votre rôle ne permet pas cette action.')),
    );
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Exporter' }));

    expect(await screen.findByText('Votre rôle ne permet pas cette action.')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(click).not.toHaveBeenCalled();
  });

  it('when a list has a permanent filter and a sort, then the URL carries both, merged with the shown filters', () => {
    const url = new URL(csvExportUrl('cases', { field: 'nextDueAt', order: 'ASC' }, { status: 'open', assignedTo: 3 }), 'http://x');
    expect(url.pathname).toBe('/api/cases.csv');
    expect(JSON.parse(url.searchParams.get('filter') ?? 'null')).toEqual({ status: 'open', assignedTo: 3 });
    expect(JSON.parse(url.searchParams.get('sort') ?? 'null')).toEqual(['nextDueAt', 'ASC']);
  });
});
