/**
 * Loads many rows fast. SQLite: one prepared INSERT per table on the raw
 * better-sqlite3 connection inside one transaction (knex would build SQL text for
 * every batch, several times slower for hundreds of thousands of rows). PostgreSQL:
 * knex multi-row inserts in batches, in one transaction.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../../server/db';
import { tableWrites } from '../../server/http/tableWrites';
import { TRIGRAM_INDEXED_TABLES } from '../../server/http/searchIndex';
import { createSearchInsertTrigger } from '../migrations/008_search_index';

export type BulkRow = Record<string, unknown>;

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
export async function bulkLoad(db: Knex, tables: ReadonlyArray<readonly [table: string, rows: readonly BulkRow[]]>, onTable?: (table: string, rows: number) => void): Promise<void> {
  if (isPostgres(db)) {
    await db.transaction(async (trx) => {
      for (const [table, rows] of tables) {
        if (rows.length === 0) continue;
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
    tableWrites(db).invalidateAll();
    await db.client.releaseConnection(conn);
  }
}

/**
 * Sets the given columns of rows already loaded, by `key` (the partners' state at the end
 * of the simulation). SQLite: one prepared UPDATE on the raw connection in one
 * transaction; PostgreSQL: one update per row in one transaction.
 */
export async function bulkUpdate(db: Knex, table: string, rows: readonly BulkRow[], key = 'id'): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await db.transaction(async (trx) => {
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
    tableWrites(db).invalidateAll();
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
 * SQLite: a bulk load without the trigram search index (db/migrations/008_search_index.ts).
 * Row by row through its insert trigger, the index cost 4–7× the rows themselves (320,000
 * clients: 22 s instead of 3 s), as FTS5 merges its segments at every batch; built once from
 * the loaded rows ('rebuild') it takes 5 s for them, ~1 s per 300,000 orders. The insert
 * triggers are dropped here and re-created by `restore`, which rebuilds each index: call it
 * for every table, also when the load fails (try/finally), or the table's `q` misses new rows.
 * PostgreSQL has no such index: nothing to do.
 */
export async function deferSearchIndex(db: Knex): Promise<DeferredSearchIndex> {
  const deferred = new Set<string>(isPostgres(db) ? [] : TRIGRAM_INDEXED_TABLES);
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
