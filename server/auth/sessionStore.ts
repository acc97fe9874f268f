/**
 * The session store: connect-session-knex (sessions shared by every server process on
 * the same database), with two changes for the read path, which runs on every request.
 *
 * - `touch` writes nothing. express-session touches an unchanged session at the end of
 *   every request, which the knex store turns into an UPDATE of its expiry: a write
 *   transaction per read on SQLite. Sessions here do not roll (server/auth/sessions.ts):
 *   they end SESSION_TTL_MS after sign-in, like their cookie, so there is nothing to move.
 * - `get` keeps the session read for a short while, as long as the `sessions` table has not
 *   been written since (server/data/tableChanges.ts): sign-in, sign-out and session changes
 *   all write it. A sign-out handled by another PostgreSQL instance is heard before the next
 *   request uses a kept session; `GET_TTL_MS` bounds another process writing the SQLite file.
 */
import type { Knex } from 'knex';
import type { SessionData } from 'express-session';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import { tableChanges } from '../data/tableChanges';

const GET_TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  stamp: string;
  at: number;
  json: string | null;
}

type Options = ConstructorParameters<typeof ConnectSessionKnexStore>[0] & { knex: Knex };

export class CachedSessionStore extends ConnectSessionKnexStore {
  private readonly recent = new Map<string, Entry>();
  private readonly db: Knex;

  constructor(options: Options) {
    super(options);
    this.db = options.knex;
  }

  override async get(sid: string, callback?: (err: unknown, session?: SessionData | null) => void): Promise<SessionData | null> {
    const changes = tableChanges(this.db);
    const heard = await changes.sync();
    const stamp = changes.stampOfTables(['sessions']);
    const hit = this.recent.get(sid);
    if (heard && hit && hit.stamp === stamp && Date.now() - hit.at < GET_TTL_MS) {
      // A fresh object each time: express-session changes the one it is given.
      const session = hit.json === null ? null : (JSON.parse(hit.json) as SessionData);
      const expires = session?.cookie?.expires ? new Date(session.cookie.expires).getTime() : Infinity;
      if (expires > Date.now()) {
        callback?.(null, session);
        return session;
      }
    }
    try {
      const session = (await super.get(sid, () => undefined)) as SessionData | null;
      this.recent.delete(sid);
      if (this.recent.size >= MAX_ENTRIES) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(sid, { stamp, at: Date.now(), json: session ? JSON.stringify(session) : null });
      callback?.(null, session);
      return session;
    } catch (err) {
      callback?.(err);
      throw err;
    }
  }

  override async touch(_sid: string, _session: SessionData, callback?: () => void): Promise<void> {
    callback?.();
  }
}
