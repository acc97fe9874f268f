/**
 * PostgreSQL: the tables written by every instance on the same database, as they commit
 * (migration 020's statement triggers announce `<schema>:<table>` on `console_table_writes`).
 * One connection of its own per handle listens and bumps the tables in `TableChanges`.
 *
 * Heard is not enough for a fresh read: a notification arrives after its commit. So before a
 * cached value is used, `sync()` sends a token of its own on the same channel and waits for
 * it to come back. PostgreSQL delivers notifications in commit order, so by the time the token
 * is heard, every write committed before the read began has been heard too: a read on one
 * instance right after a commit on another shows it (staleness zero), for the price of one
 * round trip, shared by every read waiting at the same moment. While the connection is down, or
 * a token does not come back in time, the caches are bypassed; they start empty when it is back.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { pgClientConfig } from './pgClientConfig';
import type { TableChanges } from './tableChanges';

export const TABLE_WRITES_CHANNEL = 'console_table_writes';
const RECONNECT_MS = 1_000;
/** A token not back within this delay means the listener is not hearing: caches off until it reconnects. */
const SYNC_TIMEOUT_MS = 2_000;
/** Never a table name: tables are plain identifiers. */
const SYNC_MARK = '~sync:';

interface Barrier {
  token: string;
  /** performance.now() when the token was sent: what was committed before it has been heard once it is back. */
  sentAt: number;
  settled: Promise<boolean>;
  settle: (heard: boolean) => void;
}

export function listenForTableWrites(db: Knex, changes: TableChanges): void {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let prefix = '';
  const instance = randomBytes(6).toString('hex');
  let tokens = 0;
  // The barrier on its way, and the one the readers arriving meanwhile will share.
  let sent: Barrier | null = null;
  let queued: Barrier | null = null;
  let heardUpTo = -Infinity;

  const newBarrier = (): Barrier => {
    let settle: (heard: boolean) => void = () => {};
    const settled = new Promise<boolean>((resolve) => (settle = resolve));
    return { token: `${SYNC_MARK}${instance}:${++tokens}`, sentAt: 0, settled, settle };
  };

  const send = (barrier: Barrier) => {
    sent = barrier;
    barrier.sentAt = performance.now();
    const timer = setTimeout(() => {
      if (sent !== barrier) return;
      if (client) lost(client);
      else finish(barrier, false);
    }, SYNC_TIMEOUT_MS);
    timer.unref();
    void barrier.settled.then(() => clearTimeout(timer));
    db.raw('select pg_notify(?, ?)', [TABLE_WRITES_CHANNEL, `${prefix}${barrier.token}`]).catch(() => finish(barrier, false));
  };

  const finish = (barrier: Barrier, heard: boolean) => {
    if (sent !== barrier) return;
    sent = null;
    if (heard) heardUpTo = Math.max(heardUpTo, barrier.sentAt);
    barrier.settle(heard);
    const next = queued;
    queued = null;
    if (next) {
      if (changes.live) send(next);
      else next.settle(false);
    }
  };

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    changes.live = false;
    heardUpTo = -Infinity;
    if (sent) finish(sent, false);
    c.removeAllListeners('end');
    void c.end().catch(() => {});
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client(pgClientConfig(db));
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    try {
      const schema = ((await db.raw('select current_schema() as schema')) as { rows: { schema: string }[] }).rows[0].schema;
      prefix = `${schema}:`;
      c.on('notification', (msg) => {
        if (msg.channel !== TABLE_WRITES_CHANNEL || !msg.payload?.startsWith(prefix)) return;
        const name = msg.payload.slice(prefix.length);
        if (!name.startsWith(SYNC_MARK)) changes.noteWrite(name);
        else if (sent && name === sent.token) finish(sent, true);
      });
      await c.connect();
      // A listener alone must not keep a process (a script, a test worker) alive.
      (c as unknown as { connection: { stream: Socket } }).connection.stream.unref();
      await c.query(`LISTEN ${TABLE_WRITES_CHANNEL}`);
      if (client !== c || stopped) return;
      changes.invalidateAll();
      changes.live = true;
    } catch {
      lost(c);
    }
  };

  changes.heardSince = (since: number) => {
    if (!changes.live) return Promise.resolve(false);
    if (heardUpTo >= since) return Promise.resolve(true);
    if (sent && sent.sentAt >= since) return sent.settled;
    // A barrier already on its way was sent before this read began: wait for the next.
    if (!sent) {
      const barrier = newBarrier();
      send(barrier);
      return barrier.settled;
    }
    queued ??= newBarrier();
    return queued.settled;
  };

  // The handle's end (knex's destroy ends its client) closes the listener first.
  const knexClient = db.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = knexClient.destroy.bind(knexClient);
  knexClient.destroy = (callback?: unknown) => {
    stopped = true;
    changes.live = false;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    if (sent) finish(sent, false);
    if (c) {
      c.removeAllListeners('end');
      void c.end().catch(() => {});
    }
    return destroy(callback);
  };

  void connect();
}
