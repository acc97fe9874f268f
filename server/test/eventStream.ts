/**
 * A client of `GET /api/events` for the tests: a real HTTP server on port 0 (supertest would
 * wait for the end of a response that does not end), the stream read with fetch as it comes,
 * its `change` events parsed, and waits that end on a condition (or fail after a timeout) —
 * never on a time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { DEMO_PASSWORD } from '../../db/seeds/demo';

import type { LiveChange } from '../../shared/liveChange';

export interface OpenedStream {
  status: number;
  contentType: string | null;
  changes: LiveChange[];
  /** The raw text received, comments included. */
  text(): string;
  ended(): boolean;
  close(): void;
}

export async function listen(app: Express): Promise<{ base: string; server: Server; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

export async function openStream(base: string, cookie: string, accept = 'text/event-stream'): Promise<OpenedStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie, accept }, signal: abort.signal });
  const changes: LiveChange[] = [];
  let raw = '';
  let done = false;
  if (res.status === 200 && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          const chunk = decoder.decode(value, { stream: true });
          raw += chunk;
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const lines = frame.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (event === 'change' && data) changes.push(JSON.parse(data) as LiveChange);
          }
        }
      } catch {
        // Aborted by close().
      } finally {
        done = true;
      }
    })();
  } else {
    raw = await res.text();
    done = true;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), changes, text: () => raw, ended: () => done, close: () => abort.abort() };
}

/** Resolves once `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
