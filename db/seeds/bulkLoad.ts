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
import { TRIGRAM_INDEXED_TABLES } from '../../server/http/searchIndex';
import { createSearchInsertTrigger } from '../migrations/008_search_index';
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

export interface DeferredSearchIndex {
  /** Re-creates the insert trigger of `table` (all of them by default) and builds its index from the rows. */
  restore(table?: string): Promise<void>;
}

/**
 * A bulk load without the trigram search indexes, built once from the loaded rows.
 *
 * SQLite (db/migrations/008_search_index.ts): row by row through its insert trigger, the
 * index cost 4–7× the rows themselves (320,000 clients: 22 s instead of 3 s), as FTS5
 * merges its segments at every batch; built once from the loaded rows ('rebuild') it takes
 * 5 s for them, ~1 s per 300,000 orders. The insert triggers are dropped here and
 * re-created by `restore`, which rebuilds each index.
 *
 * PostgreSQL (db/migrations/010_pg_trigram.ts): a GIN index takes each row's trigrams into
 * its pending list and merges them into the tree again and again during a load; CREATE
 * INDEX after the load sorts them once. The loaded tables' GIN indexes are dropped here and
 * created again by `restore`.
 *
 * Call `restore` for every table, also when the load fails (try/finally), or the table's
 * `q` misses new rows (SQLite) or scans the table (PostgreSQL).
 */
export async function deferSearchIndex(db: Knex): Promise<DeferredSearchIndex> {
  if (isPostgres(db)) return deferTrigramIndexes(db);
  const deferred = new Set<string>(TRIGRAM_INDEXED_TABLES);
  for (const t of deferred) await db.raw(`DROP TRIGGER IF EXISTS "${t}_search_ai"`);
  return {
    async restore(table?: string) {
      for (const t of table === undefined ? [...deferred] : [table]) {
        if (!deferred.delete(t)) continue;
        await createSearchInsertTrigger(db, t);
        await db.raw(`INSERT INTO "${t}_search"("${t}_search") VALUES ('rebuild')`);
      }
    },
  };
}

/** The tables the demo loads in bulk that have a trigram index on PostgreSQL. */
const PG_BULK_SEARCH_TABLES = ['partners', 'clients', 'orders', 'reviews', 'cases'];

async function deferTrigramIndexes(db: Knex): Promise<DeferredSearchIndex> {
  const { rows } = (await db.raw(
    `SELECT c.relname AS "table", i.relname AS "index", pg_get_indexdef(i.oid) AS "definition"
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(?) AND i.relname = c.relname || '_searchtext_trgm'`,
    [PG_BULK_SEARCH_TABLES],
  )) as { rows: { table: string; index: string; definition: string }[] };
  // The index's own definition (its operator class qualified with pg_trgm's schema) is what `restore` runs again.
  const deferred = new Map(rows.map((r) => [r.table, r]));
  for (const r of deferred.values()) await db.raw('DROP INDEX ??', [r.index]);
  return {
    async restore(table?: string) {
      for (const t of table === undefined ? [...deferred.keys()] : [table]) {
        const r = deferred.get(t);
        if (!r) continue;
        deferred.delete(t);
        await db.transaction(async (trx) => {
          // Longer than a request's statement_timeout at the large scale (1 M orders).
          await trx.raw('SET LOCAL statement_timeout = 0');
          await trx.raw("SET LOCAL maintenance_work_mem = '256MB'");
          await trx.raw(r.definition);
        });
      }
    },
  };
}
