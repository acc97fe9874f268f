/**
 * Which tables have changed, as per-table generation counters, for the read caches (list
 * pages and totals, the verification answers, the signed-in user, the session): a cached
 * value is reused only while the generations of the tables it was read from are unchanged.
 *
 * Where the news comes from:
 * - this process's writes, from the query builder that makes them (knex's `start` event hands
 *   over the builder, which knows its method and its table: nothing is read back from SQL
 *   text). A write inside a transaction bumps its table again when the transaction ends, so a
 *   read that ran while it was open (and saw the old rows) cannot stay cached past the commit.
 *   A raw statement names no table: unless it is a plain read (SELECT, EXPLAIN, PRAGMA), it
 *   invalidates everything;
 * - on PostgreSQL, every other instance's writes too: migration 020 announces each written
 *   table at commit, and one listening connection per process bumps it here
 *   (pgTableWriteListener.ts). A cached read first waits for `sync()`, which makes sure every
 *   write committed before it began has been heard. While that connection is down the caches
 *   are not used at all (`live` is false), and they start empty again when it comes back.
 *
 * A read depends on the tables its SQL names (`TABLE_NAMES`, and any other table seen written
 * since: a test fixture, a table newer than this build): conservative
 * (a column named like a table adds a dependency, never removes one) and blind to nothing a
 * subquery, a join or a raw fragment reads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import { TABLE_NAMES } from './tables';
import { listenForTableWrites } from './pgTableWriteListener';

/** What knex's `start` event hands over: a query builder, a raw statement or a schema builder. */
interface StartedQuery {
  _method?: unknown;
  _single?: { table?: unknown };
  _sequence?: unknown;
  sql?: unknown;
  client?: { transacting?: boolean };
}

interface QueryEvent {
  sql?: unknown;
  __knexTxId?: string;
}

const WRITE_METHODS = new Set(['insert', 'update', 'del', 'delete', 'truncate', 'upsert']);
const PLAIN_READ = /^\s*(select|explain|pragma)\b/i;
/** The statements knex itself sends to end a transaction (or a savepoint). */
const TRANSACTION_END = /^\s*(commit|rollback|release)\b/i;
const SAVEPOINT_END = /^\s*(release|rollback\s+to)\b/i;

function namePattern(table: string): RegExp {
  return new RegExp(`\\b${table.replace(/\W/g, '')}\\b`);
}

export class TableChanges {
  private readonly generations = new Map<string, number>();
  private global = 0;
  private readonly writtenInTransactions = new Set<string>();
  /** The tables reads may depend on: the application's, and any other this handle has seen written. */
  private readonly known = new Map<string, RegExp>(TABLE_NAMES.map((name) => [name, namePattern(name)]));
  /** False while writes made elsewhere might go unheard (PostgreSQL's listener down): caches are bypassed. */
  live: boolean;
  /**
   * Resolves true once every write committed before `since` (a `performance.now()` instant) has
   * been heard — PostgreSQL: one round trip through the listener, shared — or false when that
   * cannot be known: the cache is bypassed. SQLite's one process has heard its own writes already.
   */
  heardSince: (since: number) => Promise<boolean> = () => Promise.resolve(this.live);

  /** `heardSince` the start of the request being served (`readsFreshFrom`), or now outside one. */
  sync(): Promise<boolean> {
    return this.heardSince(requestStart.getStore() ?? performance.now());
  }

  constructor(live: boolean) {
    this.live = live;
  }

  /** A query is about to run: a write bumps its table (or everything, when the table is unknown). */
  started(query: StartedQuery): void {
    if (typeof query._method === 'string') {
      if (!WRITE_METHODS.has(query._method)) return;
      const table = tableOf(query._single?.table);
      if (table === null) return this.invalidateAll();
      this.noteWrite(table);
      if (query.client?.transacting) this.writtenInTransactions.add(table);
      return;
    }
    if (typeof query.sql === 'string') {
      if (!PLAIN_READ.test(query.sql)) this.invalidateAll();
      return;
    }
    // A schema builder (migrations, test fixtures): tables created, altered or dropped.
    if (query._sequence !== undefined) this.invalidateAll();
  }

  /** knex's own COMMIT/ROLLBACK: the tables written in transactions are written again, as now seen by everyone. */
  queried(event: QueryEvent): void {
    if (!event.__knexTxId || typeof event.sql !== 'string' || !TRANSACTION_END.test(event.sql)) return;
    for (const table of this.writtenInTransactions) this.noteWrite(table);
    // A savepoint's end leaves its transaction open. Clearing at the outer end is exact on SQLite
    // (one connection, one transaction at a time); PostgreSQL's other open transactions are
    // covered by their commit's notification (pgTableWriteListener.ts).
    if (!SAVEPOINT_END.test(event.sql)) this.writtenInTransactions.clear();
  }

  noteWrite(table: string): void {
    if (!this.known.has(table)) this.known.set(table, namePattern(table));
    this.generations.set(table, (this.generations.get(table) ?? 0) + 1);
  }

  /** After writes whose tables are unknown (a raw statement, a bulk load on the driver's connection). */
  invalidateAll(): void {
    this.global++;
  }

  /** A stamp of the tables a statement reads: equal stamps mean none of them was written since. */
  stampOf(sql: string): string {
    const named: string[] = [];
    for (const [table, pattern] of this.known) if (pattern.test(sql)) named.push(table);
    return this.stampOfTables(named);
  }

  /** The same stamp for a list of tables named by the caller (a computation of several queries). */
  stampOfTables(tables: readonly string[]): string {
    let stamp = `${this.global}`;
    for (const table of [...new Set(tables)].sort()) stamp += `|${table}:${this.generations.get(table) ?? 0}`;
    return stamp;
  }
}

/** `orders`, `orders as o`, `public.orders` → `orders`; a subquery or raw as the target → null. */
function tableOf(target: unknown): string | null {
  if (typeof target !== 'string') return null;
  const name = target.trim().split(/\s+/)[0].split('.').pop() ?? '';
  return name.replace(/^["`]|["`]$/g, '') || null;
}

const requestStart = new AsyncLocalStorage<number>();

/**
 * Runs `next` as a request that began now: its reads must show every write committed before
 * this instant, and the reads of one request (session, staff row, page, total) share one wait.
 */
export function readsFreshFrom(next: () => void): void {
  requestStart.run(performance.now(), next);
}

const trackers = new WeakMap<Knex, TableChanges>();
/** What a transaction reads may be its own uncommitted rows: never kept, and no listener of its own. */
const NEVER_KEPT = new TableChanges(false);

/** The tracker of a knex handle, attached on first use (one listener per handle). */
export function tableChanges(db: Knex): TableChanges {
  if ((db as { isTransaction?: boolean }).isTransaction) return NEVER_KEPT;
  let tracker = trackers.get(db);
  if (!tracker) {
    const pg = db.client.config.client === 'pg';
    const created = new TableChanges(!pg);
    db.on('start', (query: StartedQuery) => created.started(query));
    db.on('query', (event: QueryEvent) => created.queried(event));
    trackers.set(db, created);
    tracker = created;
    if (pg) listenForTableWrites(db, created);
  }
  return tracker;
}
