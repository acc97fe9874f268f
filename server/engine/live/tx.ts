/**
 * The live engine's transaction context and the small row helpers every operation uses.
 * Each operation runs in ONE transaction (`inTransaction`) and reads the time once, from
 * the injected clock (never Date.now()), so every row it writes carries the same instant.
 */
import type { Knex } from 'knex';
import type { Actor } from '../../auth/actor';
import { recordAudit } from '../../audit/recordAudit';
import type { Ctx } from '../../context';

export type Row = Record<string, unknown>;

export interface Tx {
  trx: Knex.Transaction;
  /** The operation's instant (ctx.clock.now(), read once). */
  now: Date;
  actor?: Actor;
  /** PostgreSQL (row locks, SKIP LOCKED) rather than SQLite (one writer at a time). */
  pg: boolean;
}

export function isPg(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

export async function inTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const pg = isPg(ctx.db);
  return ctx.db.transaction((trx) => fn({ trx, now, actor: ctx.actor, pg }));
}

/** Instants come back as Date on PostgreSQL and as ISO text on SQLite. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return d;
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function iso(d: Date): string {
  return d.toISOString();
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** Boolean columns of the tables the engine writes (SQLite returns 0/1). */
const BOOL_COLUMNS = new Set(['immediateAdvance', 'recommended', 'surveyAnswered']);

/** A row as the audit trail stores it: instants as ISO strings and booleans as booleans on both databases. */
export function plain(row: Row | null | undefined): Row | null {
  if (!row) return null;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'searchText') continue;
    if (v instanceof Date) out[k] = v.toISOString();
    else if (BOOL_COLUMNS.has(k) && v !== null && v !== undefined) out[k] = toBool(v);
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) out[k] = new Date(v).toISOString();
    else out[k] = v;
  }
  return out;
}

export async function audit(
  tx: Tx,
  action: string,
  resource: string,
  resourceId: number | string | null,
  before: Row | null | undefined,
  after: Row | null | undefined,
): Promise<void> {
  await recordAudit(tx.trx, { actor: tx.actor, action, resource, resourceId, before: plain(before), after: plain(after), at: tx.now });
}

/** Locks a row for the rest of the transaction on PostgreSQL (SQLite already has one writer at a time). */
export function lockable<T extends Knex.QueryBuilder>(tx: Tx, qb: T): T {
  return (tx.pg ? qb.forUpdate() : qb) as T;
}

/** Inserts a row and returns its id on both databases. */
export async function insertId(trx: Knex | Knex.Transaction, table: string, row: Row): Promise<number> {
  const [inserted] = await trx(table).insert(row).returning('id');
  return num(typeof inserted === 'object' && inserted !== null ? (inserted as { id: unknown }).id : inserted);
}

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
 * select list, without holding them all at once: for reads of hundreds of thousands of
 * rows. On SQLite, knex's driver builds the whole result array before returning it, and a
 * million row objects alive together cost seconds of garbage collection: the statement is
 * iterated on the transaction's own connection instead (a read — knex's write tracking has
 * nothing to miss). `each` must not query: the connection is busy until the iteration
 * ends (leaving the loop, even by an exception, ends it). On PostgreSQL (and outside a
 * transaction, where the pool's only SQLite connection is not ours to hold) the rows come
 * through knex. Arrays rather than objects: a quarter less work per row on SQLite.
 */
export async function eachRow(tx: Tx, query: Knex.QueryBuilder, each: (values: unknown[]) => void): Promise<void> {
  if (tx.pg || !tx.trx.isTransaction) {
    for (const values of (await query.options({ rowMode: 'array' })) as unknown[][]) each(values);
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
