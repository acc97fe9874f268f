/**
 * Backups and restores: `npm run backup -- <dir>`, `npm run restore -- <dir>`.
 *
 * A backup folder holds
 * - `database.sqlite` (SQLite) or `database.pgdump` (PostgreSQL, pg_dump's custom format);
 * - `uploads/`, a copy of the uploads folder (stored files only: no `.part` temp file);
 * - `manifest.json`: the database kind, the migrations applied, every table's row count *in
 *   the snapshot*, and every file's size and SHA-256 (the database file's too).
 *
 * Consistency while the server runs and writes:
 * - SQLite: `VACUUM INTO` from a separate connection — one read transaction, which WAL lets
 *   writers run beside; the paged online backup API (better-sqlite3's `db.backup()`) restarts
 *   whenever another connection writes, and may never finish under constant writes;
 * - PostgreSQL: a REPEATABLE READ transaction exports its snapshot (`pg_export_snapshot()`),
 *   the row counts are read in it, and `pg_dump --snapshot` dumps exactly that state;
 * - uploads are copied *after* the database snapshot: stored files are content-addressed and
 *   written before the row that references them commits, and never rewritten, so every file
 *   the snapshot references is in the copy (a file newer than the snapshot may be too: harmless).
 *
 * A restore goes into an empty database and an empty (or missing) uploads folder — anything
 * else is refused — then checks the restored row counts and file checksums against the manifest.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { createDb, isPostgresUrl } from '../db';

export const MANIFEST = 'manifest.json';
const SQLITE_FILE = 'database.sqlite';
const PG_FILE = 'database.pgdump';
const UPLOADS = 'uploads';

export interface FileEntry {
  /** Relative to the uploads folder, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  database: { kind: 'sqlite' | 'postgres'; file: string; size: number; sha256: string; migrations: string[] };
  /** Row count of every table in the snapshot. */
  tables: Record<string, number>;
  files: FileEntry[];
  durationMs: number;
}

export interface BackupOptions {
  databaseUrl: string;
  uploadsDir: string;
  /** Must not exist, or be empty. */
  target: string;
  log?: (msg: string) => void;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Files under `dir`, relative and sorted, skipping temp files (`*.part`) and dot-files (.gitkeep, readiness probes). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return;
      throw err;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.endsWith('.part')) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

/** Copies every stored file, hashing it on the way; a file that vanished meanwhile is skipped (it was never committed). */
async function copyUploads(from: string, to: string): Promise<FileEntry[]> {
  const files = await listFiles(from);
  const entries = await eachLimit(files, 16, async (rel): Promise<FileEntry | null> => {
    const src = path.join(from, ...rel.split('/'));
    const dst = path.join(to, ...rel.split('/'));
    await mkdir(path.dirname(dst), { recursive: true });
    try {
      await copyFile(src, dst);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const { size } = await stat(dst);
    return { path: rel, size, sha256: await sha256File(dst) };
  });
  return entries.filter((e): e is FileEntry => e !== null);
}

export async function tableNames(db: Knex): Promise<string[]> {
  if (db.client.config.client === 'pg') {
    const rows = await db.raw<{ rows: Array<{ tablename: string }> }>('select tablename from pg_tables where schemaname = current_schema() order by tablename');
    return rows.rows.map((r) => r.tablename);
  }
  const rows: Array<{ name: string }> = await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
  return rows.map((r) => r.name);
}

export async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tableNames(db)) {
    const row = await db(table).count({ n: '*' }).first();
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

function sqliteCounts(file: string): { tables: Record<string, number>; migrations: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>;
    const tables: Record<string, number> = {};
    for (const { name } of names) tables[name] = Number((db.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n);
    const migrations = names.some((n) => n.name === 'knex_migrations')
      ? (db.prepare('select name from knex_migrations order by id').all() as Array<{ name: string }>).map((r) => r.name)
      : [];
    return { tables, migrations };
  } finally {
    db.close();
  }
}

/** Runs a command, rejecting with its stderr on a non-zero exit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}${(err as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is the PostgreSQL client installed?)' : ''}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

async function ensureEmptyDir(dir: string, what: string): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  if (entries.length) throw new Error(`${what} ${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): refusing to overwrite it.`);
}

export async function backup(options: BackupOptions): Promise<Manifest> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const target = path.resolve(options.target);
  await ensureEmptyDir(target, 'The backup folder');
  await mkdir(target, { recursive: true });
  let database: Manifest['database'];
  let tables: Record<string, number>;

  if (isPostgresUrl(options.databaseUrl)) {
    const file = path.join(target, PG_FILE);
    const db = createDb(options.databaseUrl, { poolMax: 1 });
    try {
      let migrations: string[] = [];
      await db.transaction(
        async (trx) => {
          const snapshot = (await trx.raw<{ rows: Array<{ id: string }> }>('select pg_export_snapshot() as id')).rows[0].id;
          tables = await rowCounts(trx);
          if ('knex_migrations' in tables) migrations = (await trx('knex_migrations').select('name').orderBy('id')).map((r) => r.name as string);
          log(`database: pg_dump of snapshot ${snapshot}…`);
          await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${options.databaseUrl}`]);
        },
        { isolationLevel: 'repeatable read' },
      );
      database = { kind: 'postgres', file: PG_FILE, size: (await stat(file)).size, sha256: await sha256File(file), migrations };
    } finally {
      await db.destroy();
    }
  } else {
    const file = path.join(target, SQLITE_FILE);
    log('database: VACUUM INTO…');
    const source = new Database(options.databaseUrl, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 10000');
      source.prepare('VACUUM INTO ?').run(file);
    } finally {
      source.close();
    }
    const counted = sqliteCounts(file);
    tables = counted.tables;
    database = { kind: 'sqlite', file: SQLITE_FILE, size: (await stat(file)).size, sha256: await sha256File(file), migrations: counted.migrations };
  }

  log('uploads: copying…');
  const files = await copyUploads(options.uploadsDir, path.join(target, UPLOADS));
  // Written under a temporary name, renamed last: a manifest means a complete backup.
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), database, tables: tables!, files, durationMs: Date.now() - t0 };
  const temp = path.join(target, `${MANIFEST}.tmp`);
  await writeFile(temp, JSON.stringify(manifest, null, 2));
  await rename(temp, path.join(target, MANIFEST));
  return manifest;
}

export interface RestoreOptions {
  /** The backup folder. */
  source: string;
  databaseUrl: string;
  uploadsDir: string;
  log?: (msg: string) => void;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new Error(`${file} is missing: not a complete backup.`);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new Error(`Unknown backup format ${String(manifest.format)}.`);
  return manifest;
}

/** Compares a database and an uploads folder with a manifest; returns the differences (none: identical). */
export async function verifyAgainst(manifest: Manifest, db: Knex, uploadsDir: string): Promise<string[]> {
  const problems: string[] = [];
  const counts = await rowCounts(db);
  for (const [table, n] of Object.entries(manifest.tables)) {
    if (counts[table] !== n) problems.push(`table ${table}: ${counts[table] ?? 'missing'} rows, expected ${n}`);
  }
  for (const table of Object.keys(counts)) if (!(table in manifest.tables)) problems.push(`table ${table}: not in the backup`);
  const onDisk = new Set(await listFiles(uploadsDir));
  await eachLimit(manifest.files, 16, async (f) => {
    if (!onDisk.has(f.path)) return void problems.push(`file ${f.path}: missing`);
    const sha = await sha256File(path.join(uploadsDir, ...f.path.split('/')));
    if (sha !== f.sha256) problems.push(`file ${f.path}: checksum differs`);
  });
  return problems;
}

export async function restore(options: RestoreOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const source = path.resolve(options.source);
  const manifest = await readManifest(source);
  const dumpFile = path.join(source, manifest.database.file);
  if ((await sha256File(dumpFile)) !== manifest.database.sha256) throw new Error(`${dumpFile}: checksum differs from the manifest (damaged backup).`);
  const targetIsPg = isPostgresUrl(options.databaseUrl);
  if (targetIsPg !== (manifest.database.kind === 'postgres')) {
    throw new Error(`The backup holds a ${manifest.database.kind} database; DATABASE_URL points to ${targetIsPg ? 'PostgreSQL' : 'SQLite'}.`);
  }

  // Refuse a non-empty target before touching anything.
  await ensureEmptyDir(options.uploadsDir, 'The uploads folder');
  if (targetIsPg) {
    const db = createDb(options.databaseUrl, { poolMax: 1 });
    try {
      const tables = await tableNames(db);
      if (tables.length) throw new Error(`The database already has tables (${tables.slice(0, 3).join(', ')}…): restore needs an empty database.`);
    } finally {
      await db.destroy();
    }
  } else if (existsSync(options.databaseUrl) && (await stat(options.databaseUrl)).size > 0) {
    const probe = new Database(options.databaseUrl, { readonly: true });
    const n = (probe.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n;
    probe.close();
    if (n > 0) throw new Error(`The database ${options.databaseUrl} already has tables: restore needs an empty database (remove the file first).`);
  }

  log('database: restoring…');
  if (targetIsPg) {
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${options.databaseUrl}`, dumpFile]);
  } else {
    const target = path.resolve(options.databaseUrl);
    await mkdir(path.dirname(target), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) await rm(`${target}${suffix}`, { force: true });
    const temp = `${target}.restoring`;
    await copyFile(dumpFile, temp);
    await rename(temp, target);
  }

  log('uploads: copying…');
  await mkdir(options.uploadsDir, { recursive: true });
  await eachLimit(manifest.files, 16, async (f) => {
    const dst = path.join(options.uploadsDir, ...f.path.split('/'));
    await mkdir(path.dirname(dst), { recursive: true });
    await copyFile(path.join(source, UPLOADS, ...f.path.split('/')), dst);
  });

  log('verifying…');
  const db = createDb(options.databaseUrl, { poolMax: 1 });
  try {
    const problems = await verifyAgainst(manifest, db, options.uploadsDir);
    if (problems.length) throw new Error(`The restored data differs from the backup:\n  ${problems.join('\n  ')}`);
  } finally {
    await db.destroy();
  }
  return manifest;
}
