/**
 * PostgreSQL: the tables written by every instance on the same database, as they commit
 * (migration 020's statement triggers announce `<schema>:<table>` on `console_table_writes`).
 * One connection of its own per handle listens and bumps the tables in `TableChanges`, so a
 * page cached on this instance is dropped as soon as another instance commits a write to a
 * table it read: the staleness bound is the delivery of one notification (milliseconds on
 * one network). While that connection is down the caches are bypassed, and they start empty
 * when it comes back, since what was written meanwhile was not heard.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import type { Socket } from 'node:net';
import { pgClientConfig } from './pgClientConfig';
import type { TableChanges } from './tableChanges';

export const TABLE_WRITES_CHANNEL = 'console_table_writes';
const RECONNECT_MS = 1_000;

export function listenForTableWrites(db: Knex, changes: TableChanges): void {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    changes.live = false;
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
      const prefix = `${schema}:`;
      c.on('notification', (msg) => {
        if (msg.channel === TABLE_WRITES_CHANNEL && msg.payload?.startsWith(prefix)) changes.noteWrite(msg.payload.slice(prefix.length));
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

  // The handle's end (knex's destroy ends its client) closes the listener first.
  const knexClient = db.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = knexClient.destroy.bind(knexClient);
  knexClient.destroy = (callback?: unknown) => {
    stopped = true;
    changes.live = false;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners('end');
      void c.end().catch(() => {});
    }
    return destroy(callback);
  };

  void connect();
}
