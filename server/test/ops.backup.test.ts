/**
 * Issue 8 — backups: `npm run backup -- <dir>` / `npm run restore -- <dir>` (server/ops/cli.ts)
 * run as commands, round trip compared table by table (row counts) and file by file (SHA-256)
 * on SQLite — also under constant writes from another connection — and on PostgreSQL when
 * TEST_DATABASE_URL is set (a source and a target database of their own, dropped after).
 */
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

import { checksums, expectIdentical, manifestOf, runCli, seedSource } from './ops.backupKit';

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

