/**
 * Staff sessions: express-session with the maintained knex store
 * (connect-session-knex) in the `sessions` table, so that two server processes on
 * the same database share them. The cookie is HttpOnly and SameSite=Lax, Secure
 * behind HTTPS (TRUST_PROXY), and its id is rotated at sign-in.
 */
import type { Knex } from 'knex';
import session from 'express-session';
import { CachedSessionStore } from './sessionStore';
import type { RequestHandler } from 'express';

export const SESSION_COOKIE = 'console.sid';

export interface SessionHandle {
  middleware: RequestHandler;
  close(): void;
}

export function createSessions(db: Knex, options: { secret: string; ttlMs: number; secure: boolean; cleanupMs?: number }): SessionHandle {
  const store = new CachedSessionStore({
    knex: db,
    tableName: 'sessions',
    createTable: false,
    cleanupInterval: options.cleanupMs ?? 15 * 60_000,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store,
    resave: false,
    saveUninitialized: false,
    // Not rolling: a rolling session rewrites its row on every request (a write transaction per
    // read on SQLite). The session lasts SESSION_TTL_MS from sign-in.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure ? 'auto' : false,
      maxAge: options.ttlMs,
      path: '/',
    },
  });
  return {
    middleware,
    close() {
      if (store.nextDbCleanup) clearTimeout(store.nextDbCleanup);
      store.options.cleanupInterval = 0;
    },
  };
}
