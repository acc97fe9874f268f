/**
 * Reads and writes of many rows at once, for the engine's periodic jobs and the payout run:
 * what one row at a time would make cost minutes on big tables.
 */
import type { Knex } from 'knex';
import type { Row } from './rows';
import type { Tx } from './transaction';

/** What eachRow needs of better-sqlite3's connection (the transaction's own, from knex). */
interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * Calls `each` on every row of a SELECT, as an array of its values in the order of the
 * select list: for reads of hundreds of thousands of rows, made by periodic jobs on a server
 * that answers requests meanwhile. `each` must not query: the connection is busy until the
 * iteration ends (leaving the loop, even by an exception, ends it). Arrays rather than
 * objects: a quarter less work per row.
 * - SQLite: knex's driver builds the whole result array before returning it, and a million
 *   row objects alive together cost seconds of garbage collection: the statement is iterated
 *   on the transaction's own connection instead.
 *   A read on the driver's connection: knex's write tracking has nothing to miss.
 * - PostgreSQL (and SQLite outside a transaction, where the pool's connection is not ours to
 *   hold): through knex, and the loop lets the event loop run every few thousand rows. The
 *   driver still parses the whole answer at once (70–90 ms for 75,000 orders): a job that
 *   reads that much on PostgreSQL aggregates in SQL instead (engine/live/scoreTallies.ts).
 */
export async function eachRow(tx: Tx, query: Knex.QueryBuilder, each: (values: unknown[]) => void): Promise<void> {
  if (tx.pg || !tx.trx.isTransaction) {
    const pause = pauser();
    for (const values of (await query.options({ rowMode: 'array' })) as unknown[][]) {
      each(values);
      const paused = pause();
      if (paused) await paused;
    }
    return;
  }
  const { sql, bindings } = query.toSQL().toNative();
  // Inside a transaction knex hands out the transaction's connection (and releasing it is a no-op).
  const conn = (await tx.trx.client.acquireConnection()) as SqliteConnection;
  const statement = conn.prepare(sql);
  statement.raw(true);
  try {
    for (const values of statement.iterate(...bindings)) each(values);
  } finally {
    // The connection keeps its prepared statements for knex (server/db.ts), which expects objects.
    statement.raw(false);
  }
}

/**
 * For a long loop on a server that also answers requests: `await pause()` at each step lets the
 * event loop run every `steps` steps (the daily recompute's loops over every partner), so that a
 * periodic job does not hold the requests that arrive meanwhile on its instance. In between it
 * returns nothing; a loop of a million steps (eachRow) awaits only what it returns, as awaiting
 * nothing still costs a turn of the microtask queue.
 */
export function pauser(steps = 2_000): () => Promise<void> | undefined {
  let left = steps;
  return () => {
    if (--left > 0) return;
    left = steps;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}

/** SQL types of the columns updateMany writes: PostgreSQL would take untyped parameters in VALUES as text. */
export type SqlType = 'integer' | 'double precision' | 'text';

/**
 * Updates many rows of `table` by `key`, each with its own values, a statement per
 * `perStatement` rows instead of one per row: `WITH v(…) AS (VALUES …) UPDATE … FROM v`,
 * which SQLite (≥ 3.33) and PostgreSQL both understand, through knex so that its write
 * tracking sees it. `columns` gives the SQL type of the key and of every column written.
 */
export async function updateMany(tx: Tx, table: string, key: string, columns: Readonly<Record<string, SqlType>>, rows: readonly Row[], perStatement = 1000): Promise<void> {
  const names = Object.keys(columns);
  const set = names.filter((c) => c !== key);
  for (const name of [table, ...names]) if (!/^\w+$/.test(name)) throw new Error(`updateMany: not a plain identifier: ${name}`);
  const tuple = `(${names.map((c) => `CAST(? AS ${columns[c]})`).join(', ')})`;
  for (const part of chunks(rows, perStatement)) {
    const sql =
      `WITH "v" (${names.map((c) => `"${c}"`).join(', ')}) AS (VALUES ${part.map(() => tuple).join(', ')}) ` +
      `UPDATE "${table}" SET ${set.map((c) => `"${c}" = "v"."${c}"`).join(', ')} FROM "v" WHERE "${table}"."${key}" = "v"."${key}"`;
    const bindings: Knex.Value[] = [];
    for (const row of part) for (const c of names) bindings.push((row[c] ?? null) as Knex.Value);
    await tx.trx.raw(sql, bindings);
  }
}

/** Splits a list for `whereIn` (SQLite's bound-parameter limit). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
