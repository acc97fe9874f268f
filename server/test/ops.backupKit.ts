/**
 * Shared by the backup tests (SQLite: ops.backup.test.ts; PostgreSQL: ops.backup.pg.test.ts):
 * the CLI as a child process, checksums, the demo seed, and the round-trip comparison.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../config';
import { listFiles, rowCounts, sha256File, type Manifest } from '../ops/backup';
import { runOpsCli } from '../ops/cliProcess';
import { migrateLatest } from '../../db/migrate';
import { seedDemo } from '../../db/seeds/demo';
import { TEST_NOW } from './harness';

/** The CLI as a child process (server/ops/cliProcess.ts). */
export const runCli = runOpsCli;

export async function checksums(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await sha256File(path.join(dir, f));
  return out;
}

export const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** Seeds the demo data (with its document files) into `db` and `uploadsDir`. */
export async function seedSource(db: Knex, uploadsDir: string): Promise<void> {
  await migrateLatest(db);
  await seedDemo(db, { now: TEST_NOW, uploadsDir });
}

export async function expectIdentical(source: { db: Knex; uploads: string }, restored: { db: Knex; uploads: string }, manifest: Manifest) {
  const [a, b] = [await rowCounts(source.db), await rowCounts(restored.db)];
  expect(Object.keys(a).length).toBeGreaterThan(20);
  expect(b).toEqual(a);
  expect(manifest.tables).toEqual(a);
  const [fa, fb] = [await checksums(source.uploads), await checksums(restored.uploads)];
  expect(Object.keys(fa).length).toBeGreaterThan(10);
  expect(fb).toEqual(fa);
  expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256]))).toEqual(fa);
}

