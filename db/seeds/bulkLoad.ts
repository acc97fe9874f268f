/**
 * Loads many rows fast. SQLite: one prepared INSERT per table on the raw
 * better-sqlite3 connection inside one transaction (knex would build SQL text for
 * every batch, several times slower for hundreds of thousands of rows). PostgreSQL, in
 * one transaction, with one of two loaders (`PgLoader`): COPY … FROM STDIN through
 * pg-copy-streams (copyRows.ts, the default: at the large scale it loaded in 224 s what
 * batched INSERTs loaded in 579 s, `npm run bench:large -- --loader`), or
 * knex multi-row inserts in batches.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../../server/db';
import { tableChanges } from '../../server/data/tableChanges';
import { copyRows, copyRuns, type CopyRun } from './copyRows';
import { copyUpdate } from './copyUpdate';

export type BulkRow = Record<string, unknown>;

/** How rows go into PostgreSQL: COPY (pg-copy-streams) or batched multi-row INSERTs. */
export type PgLoader = 'copy' | 'insert';
export const PG_LOADERS: readonly PgLoader[] = ['copy', 'insert'];
export const DEFAULT_PG_LOADER: PgLoader = 'copy';

/** DEMO_PG_LOADER: the loader of the demo data on PostgreSQL (`copy` by default, or `insert`). */
export function pgLoaderFromEnv(env: NodeJS.ProcessEnv = process.env): PgLoader {
  const raw = env.DEMO_PG_LOADER || DEFAULT_PG_LOADER;
  if (!(PG_LOADERS as readonly string[]).includes(raw)) throw new Error(`DEMO_PG_LOADER must be one of ${PG_LOADERS.join(', ')}, got "${raw}"`);
  return raw as PgLoader;
}

interface SqliteStatement {
  run(...params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  transaction<T>(fn: () => T): () => T;
}

function sqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v ?? null;
}

/** Inserts each table's rows in the order given (parents before children). */
export async function bulkLoad(
  db: Knex,
  tables: ReadonlyArray<readonly [table: string, rows: readonly BulkRow[]]>,
  onTable?: (table: string, rows: number) => void,
  loader: PgLoader = DEFAULT_PG_LOADER,
): Promise<void> {
  if (isPostgres(db)) {
    await db.transaction(async (trx) => {
      for (const [table, rows] of tables) {
        if (rows.length === 0) continue;
        if (loader === 'copy') {
          await copyRows(trx, table, rows);
          onTable?.(table, rows.length);
          continue;
        }
        // PostgreSQL takes at most 65,535 parameters per statement.
        const perBatch = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
        for (let i = 0; i < rows.length; i += perBatch) await trx(table).insert(rows.slice(i, i + perBatch));
        onTable?.(table, rows.length);
      }
    });
    return;
  }
  const conn = (await db.client.acquireConnection()) as SqliteConnection;
  try {
    const load = conn.transaction(() => {
      for (const [table, rows] of tables) {
        if (rows.length === 0) continue;
        // The union of the rows' keys: a row without a key inserts NULL there.
        const keys = new Set<string>();
        for (const row of rows) for (const k of Object.keys(row)) keys.add(k);
        const columns = [...keys];
        const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        const stmt = conn.prepare(sql);
        for (const row of rows) stmt.run(...columns.map((c) => sqliteValue(row[c] ?? null)));
        onTable?.(table, rows.length);
      }
    });
    load();
  } finally {
    // Written on the raw connection, unseen by knex's query events: drop cached totals.
    tableChanges(db).invalidateAll();
    await db.client.releaseConnection(conn);
  }
}

/** PostgreSQL: rows already encoded as COPY text (encodeCopyRuns), into `table` in one transaction. */
export async function bulkCopy(db: Knex, table: string, runs: readonly CopyRun[], rowCount: number, onTable?: (table: string, rows: number) => void): Promise<void> {
  await db.transaction((trx) => copyRuns(trx, table, runs));
  onTable?.(table, rowCount);
}

/**
 * Sets the given columns of rows already loaded, by `key` (the partners' state at the end
 * of the simulation). SQLite: one prepared UPDATE on the raw connection in one
 * transaction; PostgreSQL, in one transaction: COPY into a temporary table and one
 * UPDATE … FROM (copyUpdate.ts), or one update per row with the `insert` loader.
 */
export async function bulkUpdate(db: Knex, table: string, rows: readonly BulkRow[], key = 'id', loader: PgLoader = DEFAULT_PG_LOADER): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await db.transaction(async (trx) => {
      if (loader === 'copy') return copyUpdate(trx, table, rows, key);
      for (const row of rows) {
        const { [key]: id, ...rest } = row;
        await trx(table).where(key, id as string | number).update(rest);
      }
    });
    return;
  }
  const conn = (await db.client.acquireConnection()) as SqliteConnection;
  try {
    const statements = new Map<string, SqliteStatement>();
    conn.transaction(() => {
      for (const row of rows) {
        const columns = Object.keys(row).filter((c) => c !== key);
        const sig = columns.join(',');
        let stmt = statements.get(sig);
        if (!stmt) {
          stmt = conn.prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE "${key}" = ?`);
          statements.set(sig, stmt);
        }
        stmt.run(...columns.map((c) => sqliteValue(row[c])), sqliteValue(row[key]));
      }
    })();
  } finally {
    tableChanges(db).invalidateAll();
    await db.client.releaseConnection(conn);
  }
}

/** PostgreSQL: explicit ids do not advance a serial's sequence, so move each one past its table's ids. */
export async function resetSequences(db: Knex, tables: readonly string[]): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of tables) {
    // Quoted: pg_get_serial_sequence reads an identifier, which PostgreSQL folds to lower case (partnerChecks).
    await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST((SELECT MAX(id) FROM ??), 1))`, [`"${table}"`, table]);
  }
}
