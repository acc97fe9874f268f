/**
 * The ids of new audit rows, as they are committed — by this process or by any other on the
 * same database. Every write is audited (server/data/audit.ts), so the audit trail is the one
 * source of "something changed": PostgreSQL announces each new row (migration 018's trigger,
 * read by one listening connection: pgNotifySource.ts), SQLite's single process polls the
 * table (sqlitePollSource.ts). The source runs only while someone listens.
 */
import type { Knex } from 'knex';
import { pgNotifySource } from './pgNotifySource';
import { sqlitePollSource } from './sqlitePollSource';

export type IdsListener = (ids: number[]) => void;
export type FeedErrorLog = (err: unknown, context: string) => void;

/** Where new audit ids come from: started with the first listener, stopped with the last. */
export interface ChangeSource {
  start(emit: IdsListener): Promise<void>;
  stop(): Promise<void>;
}

export interface ChangeFeed {
  /** `onIds` receives each batch of new audit ids; the returned function unsubscribes. */
  subscribe(onIds: IdsListener): () => void;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** SQLite's polling period (default 500 ms). */
  pollMs?: number;
  log?: FeedErrorLog;
}

export function createChangeFeed(db: Knex, options: ChangeFeedOptions = {}): ChangeFeed {
  const log = options.log ?? (() => {});
  const source = db.client.config.client === 'pg' ? pgNotifySource(db, log) : sqlitePollSource(db, options.pollMs ?? 500, log);
  return feedOver(source, log);
}

/** The fan-out over one source: one running source per process, whatever the number of listeners. */
export function feedOver(source: ChangeSource, log: FeedErrorLog): ChangeFeed {
  const listeners = new Set<IdsListener>();
  // Starts and stops in order, so that a quick unsubscribe/subscribe never leaves two sources running.
  let transitions: Promise<void> = Promise.resolve();
  let running = false;
  let closed = false;
  const emit: IdsListener = (ids) => {
    for (const listener of [...listeners]) {
      try {
        listener(ids);
      } catch (err) {
        log(err, 'change listener');
      }
    }
  };
  const settle = () => {
    transitions = transitions
      .then(async () => {
        const wanted = listeners.size > 0 && !closed;
        if (wanted && !running) {
          running = true;
          await source.start(emit);
        } else if (!wanted && running) {
          running = false;
          await source.stop();
        }
      })
      .catch((err: unknown) => log(err, 'change feed'));
  };
  return {
    subscribe(onIds) {
      listeners.add(onIds);
      settle();
      return () => {
        listeners.delete(onIds);
        settle();
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      settle();
      await transitions;
    },
  };
}
