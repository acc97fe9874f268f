/**
 * `--database postgres://…/name` for the benchmarks: each works in a schema of its own in
 * that database (`--schema`, a default per bench), which it creates — or drops and creates
 * again — and never anything else: other schemas and the database itself are left alone.
 * A database that does not exist yet is created (and kept: the next run reuses it).
 * The server processes a bench starts reach the schema through their DATABASE_URL
 * (`options=-c search_path=<schema>`, sent by node-postgres when each connection starts).
 */
import type { Knex } from 'knex';
import { createDb, isPostgresUrl } from '../../server/db';
import { option } from '../lib';

export interface BenchSchema {
  /** The URL given, without a search_path. */
  databaseUrl: string;
  schema: string;
  /** The URL whose connections use the schema (a server's DATABASE_URL). */
  url: string;
  /** A handle on the schema; bulk work: no statement_timeout. */
  open(poolMax?: number): Knex;
  /** Whether the schema holds a migrated database (knex_migrations). */
  isMigrated(): Promise<boolean>;
  /** Drops the schema (CASCADE) if it exists and creates it empty. */
  recreate(): Promise<void>;
  /** Drops the schema (CASCADE). */
  drop(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A connection string whose sessions use `schema` first. */
export function schemaUrl(databaseUrl: string, schema: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`--database ${databaseUrl}: name a database (postgres://user@host:5432/name)`);
  const probe = createDb(databaseUrl, { poolMax: 1, statementTimeoutMs: 0 });
  try {
    await probe.raw('SELECT 1');
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // 3D000: the database does not exist
  } finally {
    await probe.destroy();
  }
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = createDb(maintenance.toString(), { poolMax: 1, statementTimeoutMs: 0 });
  try {
    await admin.raw('CREATE DATABASE ??', [name]);
    console.error(`[bench] created database ${name}`);
  } finally {
    await admin.destroy();
  }
}

export async function benchSchema(databaseUrl: string, schema: string): Promise<BenchSchema> {
  if (!isPostgresUrl(databaseUrl)) throw new Error(`not a postgres:// URL: ${databaseUrl}`);
  if (!SCHEMA_NAME.test(schema)) throw new Error(`--schema ${schema}: lower-case letters, digits and _`);
  await ensureDatabase(databaseUrl);
  const admin = async <T>(work: (db: Knex) => Promise<T>): Promise<T> => {
    const db = createDb(databaseUrl, { poolMax: 1, statementTimeoutMs: 0 });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  const url = schemaUrl(databaseUrl, schema);
  return {
    databaseUrl,
    schema,
    url,
    open: (poolMax = 4) => createDb(databaseUrl, { searchPath: schema, poolMax, statementTimeoutMs: 0 }),
    isMigrated: () =>
      admin(async (db) => {
        const { rows } = (await db.raw(`SELECT to_regclass(?) IS NOT NULL AS "ok"`, [`"${schema}".knex_migrations`])) as { rows: { ok: boolean }[] };
        return rows[0].ok;
      }),
    recreate: () =>
      admin(async (db) => {
        await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
        await db.raw('CREATE SCHEMA ??', [schema]);
      }),
    drop: () => admin(async (db) => void (await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]))),
  };
}

/**
 * `--database postgres://… [--schema name] [--reuse]` of a bench whose server seeds its own
 * demo at start: the schema is recreated empty (the server loads the default demo into it),
 * or with `--reuse` kept as it is (a schema bench:large loaded, say). Returns the
 * schema (its `url` is the server's DATABASE_URL), or undefined when `--database` is not a postgres:// URL.
 */
export async function postgresFromArgs(args: readonly string[], defaultSchema: string): Promise<BenchSchema | undefined> {
  const given = option(args, 'database');
  if (!given || !isPostgresUrl(given)) return undefined;
  const target = await benchSchema(given, option(args, 'schema') ?? defaultSchema);
  if (args.includes('--reuse')) {
    if (!(await target.isMigrated())) throw new Error(`--reuse: schema ${target.schema} holds no database yet`);
  } else {
    await target.recreate();
  }
  return target;
}
