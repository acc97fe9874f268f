/**
 * Live updates in the console (admin/src/live/): one EventSource on /api/events once signed in;
 * a colleague's change refetches the lists it touches, never the record a page is showing —
 * that page gets a "Modifié par … à …" notice (Paris time) whose button reloads it; a person's
 * own changes are skipped. EventSource is replaced by a fake the test drives.
 */
import { act, configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { partners, payouts, services } from './fixtures';
import { authHandlers, listHandler, server, USERS, type ListRequest } from './msw';
import { renderApp } from './renderApp';

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, Set<(event: MessageEvent) => void>>();
  closed = false;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = new MessageEvent(type, { data: data === undefined ? undefined : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const original = (globalThis as { EventSource?: unknown }).EventSource;
const live = () => {
  const open = FakeEventSource.opened.filter((s) => !s.closed);
  expect(open).toHaveLength(1);
  return open[0];
};
const change = (over: Record<string, unknown>) => ({ resource: 'partners', id: 11, action: 'partners.update', actorId: USERS.admin.id, actorName: 'Paul Martin', at: '2026-11-20T13:02:00.000Z', ...over });

function partnerHandlers(lists: ListRequest[], reads: string[], overrides: Record<string, unknown> = {}) {
  return [
    ...authHandlers({ user: USERS.support, signedIn: true }).handlers,
    listHandler('partners', partners, lists),
    http.get('*/api/partners/:id', ({ params }) => {
      reads.push(String(params.id));
      const row = partners.find((p) => String(p.id) === params.id);
      return row ? HttpResponse.json({ ...row, ...overrides }) : HttpResponse.json({ error: { code: 'not_found', message: 'Introuvable.' } }, { status: 404 });
    }),
    listHandler('services', services),
    listHandler('payouts', payouts),
  ];
}

describe('live updates in the console', { timeout: 60_000 }, () => {
  beforeAll(() => {
    configure({ asyncUtilTimeout: 15_000 });
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  });
  afterAll(() => {
    configure({ asyncUtilTimeout: 5000 });
    (globalThis as { EventSource?: unknown }).EventSource = original;
  });
  afterEach(() => {
    FakeEventSource.opened = [];
  });

  it('when a colleague changes a partner, then the open partners list is read again (one stream, with the session cookie)', async () => {
    const lists: ListRequest[] = [];
    server.use(...partnerHandlers(lists, []));
    renderApp('/partners');
    await screen.findByText('Élodie Durand');
    await waitFor(() => expect(FakeEventSource.opened.filter((s) => !s.closed)).toHaveLength(1));
    const stream = live();
    expect(stream.url).toBe('/api/events');
    expect(stream.init).toEqual({ withCredentials: true });
    const before = lists.length;
    act(() => stream.emit('change', change({ id: 12 })));
    await waitFor(() => expect(lists.length).toBeGreaterThan(before));
  });

  it('when someone else changes the partner being edited, then the form is left as typed but the page says who changed it and when (Paris time); Recharger loads the new version', async () => {
    const reads: string[] = [];
    const server_ = { city: 'Lyon' };
    server.use(...partnerHandlers([], reads, server_));
    renderApp('/partners/11');
    const city = await screen.findByLabelText(/Ville/);
    await waitFor(() => expect(city).toHaveValue('Lyon'));
    await waitFor(() => expect(FakeEventSource.opened.filter((s) => !s.closed)).toHaveLength(1));
    const stream = live();
    const user = userEvent.setup();
    await user.clear(city);
    await user.type(city, 'Villeurbanne');
    // My own change: nothing to tell me.
    act(() => stream.emit('change', change({ actorId: USERS.support.id, actorName: USERS.support.fullName })));
    expect(screen.queryByRole('status')).toBeNull();
    // Another record's change: not this page's business.
    act(() => stream.emit('change', change({ id: 12 })));
    expect(screen.queryByRole('status')).toBeNull();
    // A colleague saves another city meanwhile.
    server_.city = 'Marseille';
    act(() => stream.emit('change', change({})));
    const notice = await screen.findByRole('status');
    // 13:02 UTC is 14:02 in Paris in November.
    expect(notice).toHaveTextContent('Modifié par Paul Martin à 14:02');
    expect(screen.getByLabelText(/Ville/)).toHaveValue('Villeurbanne');
    const readsBefore = reads.length;
    await user.click(screen.getByRole('button', { name: 'Recharger' }));
    await waitFor(() => expect(screen.getByLabelText(/Ville/)).toHaveValue('Marseille'));
    expect(reads.length).toBeGreaterThan(readsBefore);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('when a change comes from the system, then the notice says so', async () => {
    server.use(...partnerHandlers([], []));
    renderApp('/partners/11/show');
    await screen.findAllByText('Lyon');
    await waitFor(() => expect(FakeEventSource.opened.filter((s) => !s.closed)).toHaveLength(1));
    act(() => live().emit('change', change({ actorId: null, actorName: null })));
    expect(await screen.findByRole('status')).toHaveTextContent('Modifié automatiquement à 14:02');
  });
});
