/**
 * Issue 8 — backups: `npm run backup -- <dir>` / `npm run restore -- <dir>` (server/ops/cli.ts)
 * run as commands, round trip compared table by table (row counts) and file by file (SHA-256)
 * on SQLite — also under constant writes from another connection — and on PostgreSQL when
 * TEST_DATABASE_URL is set (a source and a target database of their own, dropped after).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config';
import { createDb } from '../db';
import { listFiles, rowCounts, sha256File, type Manifest } from '../ops/backup';
import { migrateLatest } from '../../db/migrate';
import { seedDemo } from '../../db/seeds/demo';
import { TEST_NOW } from './harness';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['server/ops/cli.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function checksums(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await sha256File(path.join(dir, f));
  return out;
}

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** Seeds the demo data (with its document files) into `db` and `uploadsDir`. */
async function seedSource(db: Knex, uploadsDir: string): Promise<void> {
  await migrateLatest(db);
  await seedDemo(db, { now: TEST_NOW, uploadsDir });
}

async function expectIdentical(source: { db: Knex; uploads: string }, restored: { db: Knex; uploads: string }, manifest: Manifest) {
  const [a, b] = [await rowCounts(source.db), await rowCounts(restored.db)];
  expect(Object.keys(a).length).toBeGreaterThan(20);
  expect(b).toEqual(a);
  expect(manifest.tables).toEqual(a);
  const [fa, fb] = [await checksums(source.uploads), await checksums(restored.uploads)];
  expect(Object.keys(fa).length).toBeGreaterThan(10);
  expect(fb).toEqual(fa);
  expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256]))).toEqual(fa);
}

describe('backup and restore on SQLite', () => {
  let dir: string;
  const p = (...parts: string[]) => path.join(dir, ...parts);
  const env = (name: string) => ({ DATABASE_URL: p(`${name}.sqlite`), UPLOADS_DIR: p(`${name}-uploads`) });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ops-backup-'));
    const db = createDb(p('source.sqlite'));
    await seedSource(db, p('source-uploads'));
    await db.destroy();
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when a backup is restored into an empty database and uploads folder, then every table has the same row count and every file the same checksum', async () => {
    const backup = await runCli(['backup', p('backup-1')], env('source'));
    expect(backup.code, backup.out).toBe(0);
    const manifest = manifestOf(p('backup-1'));
    expect(manifest.database).toMatchObject({ kind: 'sqlite', file: 'database.sqlite', migrations: expect.arrayContaining([expect.any(String)]) });

    const restore = await runCli(['restore', p('backup-1')], env('restored'));
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('verified');

    const source = createDb(p('source.sqlite'));
    const restored = createDb(p('restored.sqlite'));
    try {
      await expectIdentical({ db: source, uploads: p('source-uploads') }, { db: restored, uploads: p('restored-uploads') }, manifest);
    } finally {
      await source.destroy();
      await restored.destroy();
    }
  }, 60_000);

  it('when the database is written constantly during the backup, then the backup completes and restores to exactly its manifest', async () => {
    const writer = createDb(p('source.sqlite'));
    const count = async () => Number((await writer('sessions').count({ n: '*' }).first())?.n);
    const before = await count();
    let stop = false;
    let written = 0;
    const loop = (async () => {
      while (!stop) {
        await writer('sessions').insert({ sid: randomBytes(12).toString('hex'), sess: '{}', expired: '2099-01-01T00:00:00.000Z' });
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const writtenAtStart = written;
    const backup = await runCli(['backup', p('backup-2')], env('source'));
    const writtenDuring = written - writtenAtStart;
    stop = true;
    await loop;
    const after = await count();
    await writer.destroy();
    expect(backup.code, backup.out).toBe(0);
    expect(writtenDuring).toBeGreaterThan(50);

    const manifest = manifestOf(p('backup-2'));
    expect(manifest.tables.sessions).toBeGreaterThanOrEqual(before);
    expect(manifest.tables.sessions).toBeLessThanOrEqual(after);

    const restore = await runCli(['restore', p('backup-2')], env('restored-2'));
    expect(restore.code, restore.out).toBe(0);
    const restored = createDb(p('restored-2.sqlite'));
    try {
      expect(await rowCounts(restored)).toEqual(manifest.tables);
    } finally {
      await restored.destroy();
    }
  }, 90_000);

  it('when the target database or uploads folder is not empty, or the backup folder is, then the command refuses and changes nothing', async () => {
    const intoFull = await runCli(['restore', p('backup-1')], env('restored'));
    expect(intoFull.code).toBe(1);
    expect(intoFull.out).toMatch(/not empty|already has tables/);

    mkdirSync(p('busy-uploads'), { recursive: true });
    writeFileSync(p('busy-uploads', 'somebody.pdf'), 'x');
    const intoBusyUploads = await runCli(['restore', p('backup-1')], env('busy'));
    expect(intoBusyUploads.code).toBe(1);
    expect(intoBusyUploads.out).toMatch(/uploads folder .* is not empty/);
    expect(await listFiles(p('busy-uploads'))).toEqual(['somebody.pdf']);

    const overBackup = await runCli(['backup', p('backup-1')], env('source'));
    expect(overBackup.code).toBe(1);
    expect(overBackup.out).toMatch(/backup folder .* is not empty/);

    const usage = await runCli(['backup'], env('source'));
    expect(usage.code).toBe(2);
  }, 60_000);
});

const PG_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!PG_URL)('backup and restore on PostgreSQL', () => {
  let dir: string;
  const suffix = randomBytes(4).toString('hex');
  const names = { source: `ops_bk_src_${suffix}`, target: `ops_bk_dst_${suffix}`, target2: `ops_bk_dst2_${suffix}` };
  const urlOf = (name: string) => {
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ops-backup-pg-'));
    const admin = createDb(PG_URL!, { poolMax: 1 });
    try {
      for (const name of Object.values(names)) await admin.raw('CREATE DATABASE ??', [name]);
    } finally {
      await admin.destroy();
    }
    const db = createDb(urlOf(names.source), { poolMax: 2 });
    await seedSource(db, path.join(dir, 'source-uploads'));
    await db.destroy();
  }, 120_000);
  afterAll(async () => {
    const admin = createDb(PG_URL!, { poolMax: 1 });
    try {
      for (const name of Object.values(names)) await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    } finally {
      await admin.destroy();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when a pg_dump backup is restored into an empty database and uploads folder, then every table has the same row count and every file the same checksum', async () => {
    const backup = await runCli(['backup', path.join(dir, 'backup')], { DATABASE_URL: urlOf(names.source), UPLOADS_DIR: path.join(dir, 'source-uploads') });
    expect(backup.code, backup.out).toBe(0);
    const manifest = manifestOf(path.join(dir, 'backup'));
    expect(manifest.database.kind).toBe('postgres');

    const targetEnv = { DATABASE_URL: urlOf(names.target), UPLOADS_DIR: path.join(dir, 'restored-uploads') };
    const restore = await runCli(['restore', path.join(dir, 'backup')], targetEnv);
    expect(restore.code, restore.out).toBe(0);

    const source = createDb(urlOf(names.source), { poolMax: 1 });
    const restored = createDb(urlOf(names.target), { poolMax: 1 });
    try {
      await expectIdentical({ db: source, uploads: path.join(dir, 'source-uploads') }, { db: restored, uploads: path.join(dir, 'restored-uploads') }, manifest);
      // The restored database works: its sequences continue after the restored ids.
      const [row] = await restored('sessions').insert({ sid: 'after-restore', sess: '{}', expired: new Date().toISOString() }).returning('sid');
      expect(row.sid).toBe('after-restore');
      const maxId = Number((await restored('auditLog').max({ m: 'id' }).first())?.m);
      const [audit] = await restored('auditLog').insert({ at: new Date().toISOString(), action: 'test.restore', resource: 'test', resourceId: '1' }).returning('id');
      expect(Number(audit.id)).toBeGreaterThan(maxId);
    } finally {
      await source.destroy();
      await restored.destroy();
    }

    const again = await runCli(['restore', path.join(dir, 'backup')], { ...targetEnv, UPLOADS_DIR: path.join(dir, 'other-uploads') });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already has tables/);
  }, 120_000);

  it('when the database is written constantly during pg_dump, then the backup holds one snapshot: restored counts equal its manifest', async () => {
    const writer = createDb(urlOf(names.source), { poolMax: 1 });
    const count = async () => Number((await writer('sessions').count({ n: '*' }).first())?.n);
    const before = await count();
    let stop = false;
    let written = 0;
    const loop = (async () => {
      while (!stop) {
        await writer('sessions').insert({ sid: randomBytes(12).toString('hex'), sess: '{}', expired: '2099-01-01T00:00:00.000Z' });
        written++;
      }
    })();
    const backup = await runCli(['backup', path.join(dir, 'backup-2')], { DATABASE_URL: urlOf(names.source), UPLOADS_DIR: path.join(dir, 'source-uploads') });
    stop = true;
    await loop;
    const after = await count();
    await writer.destroy();
    expect(backup.code, backup.out).toBe(0);
    expect(written).toBeGreaterThan(50);
    const manifest = manifestOf(path.join(dir, 'backup-2'));
    expect(manifest.tables.sessions).toBeGreaterThan(before);
    expect(manifest.tables.sessions).toBeLessThan(after);

    const restore = await runCli(['restore', path.join(dir, 'backup-2')], { DATABASE_URL: urlOf(names.target2), UPLOADS_DIR: path.join(dir, 'restored-2-uploads') });
    expect(restore.code, restore.out).toBe(0);
    const restored = createDb(urlOf(names.target2), { poolMax: 1 });
    try {
      expect(await rowCounts(restored)).toEqual(manifest.tables);
    } finally {
      await restored.destroy();
    }
  }, 120_000);
});
