/**
 * The database handle: better-sqlite3 by default, PostgreSQL when the URL says so,
 * through the same knex code. SQLite gets WAL, foreign keys and a busy timeout on
 * every pooled connection.
 */
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { databaseSettingsFromEnv } from './config';

export type Db = Knex;

// PostgreSQL: bigint (COUNT) and numeric come back as strings; ids and counts here
// stay far below 2^53, so parse them as numbers. DATE (OID 1082) stays a plain
// 'YYYY-MM-DD' string instead of a local-midnight Date (STACK.md).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export interface DbOptions {
  /** PostgreSQL only: the schema to use (tests create one per file). */
  searchPath?: string;
  /** PostgreSQL: connections in the pool (default DATABASE_POOL_MAX). */
  poolMax?: number;
  /** PostgreSQL: statement_timeout of every connection, in ms; 0 for none (default DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
}

export function createDb(url: string, options: DbOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const settings = databaseSettingsFromEnv();
    return knex({
      client: 'pg',
      // statement_timeout is sent when each connection starts: a request's statement that runs
      // away (a search no index serves, a lock held elsewhere) is cancelled instead of holding
      // its connection, and the request gets a 503 (server/http/errors.ts, code 57014).
      // Bulk tools that run long statements make their own handle with statementTimeoutMs: 0
      // (or SET LOCAL statement_timeout = 0 in their transaction, as migration 010 does).
      connection: { connectionString: url, statement_timeout: options.statementTimeoutMs ?? settings.statementTimeoutMs },
      searchPath: options.searchPath ? [options.searchPath] : undefined,
      pool: { min: 0, max: options.poolMax ?? settings.poolMax },
    });
  }
  return knex({
    client: 'better-sqlite3',
    connection: { filename: url },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('synchronous = NORMAL');
          cachePreparedStatements(conn as unknown as PreparingConnection);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

interface PreparedStatement {
  safeIntegers(on: boolean): unknown;
}
interface PreparingConnection {
  prepare(sql: string): PreparedStatement;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * knex's better-sqlite3 dialect prepares every statement again on every query (about a
 * third of a millisecond per request on the list screens). The SQL texts repeat — the same
 * list, the same lookups, new bindings — so the connection keeps its prepared statements,
 * the most recently used 500. knex only calls `all`/`run` on them; the one iterator
 * (`eachRow`, server/data/bulk.ts) runs to its end inside a transaction, which holds
 * the connection, before anything else prepares on it. SQLite re-prepares a statement by
 * itself after a schema change.
 */
function cachePreparedStatements(conn: PreparingConnection): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, PreparedStatement>();
  conn.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: the Map's order is the recency order
      statement.safeIntegers(false); // knex sets it per query when asked; back to the default
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
}

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

/** A unique index refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE): someone wrote the same thing first. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
