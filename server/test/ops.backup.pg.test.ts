/**
 * Issue 8 — backups on PostgreSQL: `npm run backup` / `npm run restore` round trip between a
 * source and target database of their own (dropped after), under writes. Runs only when
 * TEST_DATABASE_URL is set: vitest.config.ts includes `*.pg.test.ts` files only then.
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

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) throw new Error('This file needs TEST_DATABASE_URL=postgres://… (see vitest.config.ts).');

describe('backup and restore on PostgreSQL', () => {
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
