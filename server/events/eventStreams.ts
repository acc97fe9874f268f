/**
 * The open `GET /api/events` streams of this process, and the fan-out of the change feed to
 * them: each batch of new audit ids is read once per role that has a stream open
 * (changeEvents.ts) and written to that role's streams. A stream also ends when its session
 * does (a sign-out on any instance, an expiry: checked every `sessionCheckMs` through the
 * session store), and all of them end when the app closes, so that a shutdown never waits
 * on a browser's open stream. A stream also ends when its account is deactivated or its role
 * changes (the same check as every request's, server/auth/userCache.ts): it was opened for what
 * the old role may read; the browser opens it again, with the new role or not at all.
 */
import type { Request, Response } from 'express';
import type { Store, SessionData } from 'express-session';
import type { Knex } from 'knex';
import type { Role } from '../../shared/permissions';
import { staffUserCache } from '../auth/userCache';
import { AppError } from '../http/errors';
import type { ChangeFeed, FeedErrorLog } from './changeFeed';
import { changeEventsFor, type ChangeEvent } from './changeEvents';

export interface EventStreamsOptions {
  /** Streams one user may hold at once (tabs, windows): more is a 429. */
  maxPerUser?: number;
  heartbeatMs?: number;
  sessionCheckMs?: number;
  log?: FeedErrorLog;
}

interface OpenStream {
  userId: number;
  role: Role;
  sid: string;
  store: Store;
  res: Response;
}

/** How long the browser waits before opening a lost stream again (the SSE `retry` field). */
const RETRY_MS = 2_000;
/** Bytes a stream may hold unsent before it is ended. */
const MAX_BUFFERED = 1 << 20;

export function sseFrame(event: ChangeEvent): string {
  const { auditId, ...data } = event;
  return `id: ${auditId}\nevent: change\ndata: ${JSON.stringify(data)}\n\n`;
}

function sessionOf(store: Store, sid: string): Promise<SessionData | null> {
  return new Promise((resolve) => {
    store.get(sid, (err, session) => resolve(err ? null : (session ?? null)));
  });
}

export class EventStreams {
  private readonly streams = new Set<OpenStream>();
  private readonly maxPerUser: number;
  private readonly heartbeatMs: number;
  private readonly sessionCheckMs: number;
  private readonly log: FeedErrorLog;
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private sessionCheck: NodeJS.Timeout | null = null;
  private checking = false;
  private deliveries: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly users: ReturnType<typeof staffUserCache>;

  constructor(
    private readonly db: Knex,
    private readonly feed: ChangeFeed,
    options: EventStreamsOptions = {},
  ) {
    this.maxPerUser = options.maxPerUser ?? 5;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.sessionCheckMs = options.sessionCheckMs ?? 1_000;
    this.log = options.log ?? (() => {});
    this.users = staffUserCache(db);
  }

  get size(): number {
    return this.streams.size;
  }

  /** Opens a stream for the signed-in caller of `req`, or throws the 429 / 503 to answer instead. */
  open(req: Request, res: Response, user: { id: number; role: Role }): void {
    if (this.closed) throw new AppError('unavailable', 'Le serveur s’arrête. / The server is stopping.', 503);
    const mine = [...this.streams].filter((s) => s.userId === user.id).length;
    if (mine >= this.maxPerUser) {
      throw new AppError(
        'rate_limited',
        `Trop de fenêtres ouvertes reçoivent les mises à jour en direct (${this.maxPerUser} au plus) : fermez-en une. / Too many open windows receive live updates (${this.maxPerUser} at most): close one.`,
        429,
        { limit: this.maxPerUser },
      );
    }
    const stream: OpenStream = { userId: user.id, role: user.role, sid: req.sessionID, store: req.sessionStore, res };
    res.status(200);
    res.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    this.streams.add(stream);
    res.on('close', () => this.remove(stream));
    this.ensureRunning();
  }

  /** Ends every stream of the session `sid` (its sign-out was handled here). */
  endSession(sid: string): void {
    for (const s of this.streams) if (s.sid === sid) s.res.end();
  }

  /** Ends every stream and stops listening: the app is closing. */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of [...this.streams]) s.res.end();
    this.streams.clear();
    this.stopRunning();
    await this.deliveries;
  }

  private remove(stream: OpenStream): void {
    if (!this.streams.delete(stream)) return;
    if (this.streams.size === 0) this.stopRunning();
  }

  private ensureRunning(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.feed.subscribe((ids) => {
      this.deliveries = this.deliveries.then(() => this.deliver(ids)).catch((err: unknown) => this.log(err, 'change delivery'));
    });
    this.heartbeat = setInterval(() => {
      for (const s of this.streams) s.res.write(': heartbeat\n\n');
    }, this.heartbeatMs);
    this.heartbeat.unref();
    this.sessionCheck = setInterval(() => void this.checkSessions(), this.sessionCheckMs);
    this.sessionCheck.unref();
  }

  private stopRunning(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.sessionCheck) clearInterval(this.sessionCheck);
    this.heartbeat = this.sessionCheck = null;
  }

  private async deliver(ids: number[]): Promise<void> {
    const roles = new Set([...this.streams].map((s) => s.role));
    for (const role of roles) {
      const events = await changeEventsFor(this.db, role, ids);
      if (events.length === 0) continue;
      const frames = events.map(sseFrame).join('');
      for (const s of this.streams) {
        if (s.role !== role || s.res.writableEnded) continue;
        // A reader that stopped reading is let go rather than buffered for: its browser opens
        // the stream again and reads its lists afresh (admin/src/live/LiveUpdates.tsx).
        if (!s.res.write(frames) && s.res.writableLength > MAX_BUFFERED) s.res.end();
      }
    }
  }

  private async checkSessions(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const s of [...this.streams]) {
        if (s.res.writableEnded) continue;
        const session = await sessionOf(s.store, s.sid);
        const user = session?.userId === s.userId ? await this.users.get(s.userId) : undefined;
        if (!user || !user.active || user.role !== s.role) s.res.end();
      }
    } catch (err) {
      this.log(err, 'live-update session check');
    } finally {
      this.checking = false;
    }
  }
}
