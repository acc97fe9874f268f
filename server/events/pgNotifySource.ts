/**
 * PostgreSQL: one connection of its own (not from the knex pool, which would hand it back and
 * lose the LISTEN) listens on `console_changes` (migration 018) and passes on the ids of this
 * schema's new audit rows. A lost connection is opened again after a pause; the rows committed
 * meanwhile are read from the table (ids past the last one heard), so a stream misses nothing
 * but a reordering it cannot see anyway.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import { pgClientConfig } from '../data/pgClientConfig';
import type { ChangeSource, FeedErrorLog, IdsListener } from './changeFeed';

export const CHANNEL = 'console_changes';
const RECONNECT_MS = 1_000;
const CATCH_UP_LIMIT = 1_000;

export function pgNotifySource(db: Knex, log: FeedErrorLog): ChangeSource {
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let active = false;
  let schema = '';
  let lastId = 0;
  let pending: number[] = [];

  const flush = (emit: IdsListener) => {
    const ids = pending;
    pending = [];
    if (ids.length) emit(ids);
  };

  const connect = async (emit: IdsListener, catchUp: boolean): Promise<void> => {
    const c = new pg.Client(pgClientConfig(db));
    c.on('notification', (msg) => {
      const at = msg.payload?.lastIndexOf(':') ?? -1;
      if (msg.channel !== CHANNEL || at < 0 || msg.payload!.slice(0, at) !== schema) return;
      const id = Number(msg.payload!.slice(at + 1));
      if (!Number.isSafeInteger(id)) return;
      if (id > lastId) lastId = id;
      // One batch per burst: a transaction's rows arrive together at its commit.
      if (pending.push(id) === 1) setImmediate(() => flush(emit));
    });
    c.on('error', (err) => {
      log(err, 'change listener connection');
      lost(emit, c);
    });
    c.on('end', () => lost(emit, c));
    client = c;
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    if (catchUp) {
      const rows = (await db('auditLog').where('id', '>', lastId).orderBy('id').limit(CATCH_UP_LIMIT).select('id')) as { id: number }[];
      if (rows.length) {
        lastId = Number(rows[rows.length - 1].id);
        emit(rows.map((r) => Number(r.id)));
      }
    }
  };

  const lost = (emit: IdsListener, c: pg.Client) => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners('end');
    void c.end().catch(() => {});
    if (!active || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (!active) return;
      connect(emit, true).catch((err: unknown) => {
        log(err, 'change listener reconnect');
        if (client) lost(emit, client);
      });
    }, RECONNECT_MS);
    retry.unref();
  };

  return {
    async start(emit) {
      active = true;
      const { rows } = (await db.raw('SELECT current_schema() AS schema')) as { rows: { schema: string }[] };
      schema = rows[0].schema;
      const max = (await db('auditLog').max({ id: 'id' }).first()) as { id: number | null } | undefined;
      lastId = Number(max?.id ?? 0);
      try {
        await connect(emit, false);
      } catch (err) {
        // The streams stay open (their heartbeats go on) while the listener tries again.
        log(err, 'change listener connection');
        if (client) lost(emit, client);
      }
    },
    async stop() {
      active = false;
      if (retry) clearTimeout(retry);
      retry = null;
      const c = client;
      client = null;
      pending = [];
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => {});
      }
    },
  };
}
