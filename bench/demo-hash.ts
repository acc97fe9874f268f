/**
 * A fingerprint of the demo marketplace: the seed of `npm start` (db/seeds/marketplace.ts)
 * generated into a fresh SQLite file with a fixed seed and `now`, then one sha256 per table
 * over its rows in id order (rowid for tables without an id). Two runs of the same code give
 * the same hashes; a refactor of the simulator that keeps every row gives them too.
 *
 *   npx tsx bench/demo-hash.ts [--scale default|test|large] [--seed 20261121] [--now 2026-11-20T10:00:00.000Z] [--keep file.sqlite]
 *
 * Columns that do not come from the seed and `now` — the staff accounts' password hashes
 * (salted) — are left out of the hash, so that only what the simulator decides is compared.
 * One thread (no simulator worker): the machine's other core stays free.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../server/db';
import { migrateLatest } from '../db/migrate';
import { seedMarketplace } from '../db/seeds/marketplace';
import type { ScaleName } from '../server/engine/sim/population';
import { option } from './lib';

const args = process.argv.slice(2);
const scale = (option(args, 'scale') ?? 'default') as ScaleName;
const seed = Number(option(args, 'seed') ?? 20261121);
const now = new Date(option(args, 'now') ?? '2026-11-20T10:00:00.000Z');
const keep = option(args, 'keep');

/** Salted or random by design: not the simulator's output. */
const UNSEEDED: Record<string, string[]> = { users: ['passwordHash', 'totpSecret'] };

const dir = mkdtempSync(path.join(tmpdir(), 'demo-hash-'));
const file = keep ?? path.join(dir, 'demo.sqlite');
const db = createDb(file);
try {
  await migrateLatest(db);
  const t0 = performance.now();
  const stats = await seedMarketplace(db, { now, seed, scale, worker: false });
  const seconds = (performance.now() - t0) / 1000;
  const all = (await db.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%' ORDER BY name")) as { name: string; sql: string }[];
  // Full-text indexes (virtual tables and their shadow tables) are derived from the rows hashed.
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const tables = all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    const columns = ((await db.raw(`PRAGMA table_info("${name}")`)) as { name: string }[]).map((c) => c.name);
    const skip = new Set(UNSEEDED[name] ?? []);
    const order = columns.includes('id') ? '"id"' : 'rowid';
    const rows = (await db.raw(`SELECT * FROM "${name}" ORDER BY ${order}`)) as Record<string, unknown>[];
    const h = createHash('sha256');
    for (const row of rows) {
      for (const c of columns) if (!skip.has(c)) h.update(`${c}=${JSON.stringify(row[c])}\u0001`);
      h.update('\n');
    }
    hashes[name] = `${rows.length}\t${h.digest('hex')}`;
  }
  for (const [name, value] of Object.entries(hashes)) console.log(`${name}\t${value}`);
  const { seconds: _simSeconds, loadSeconds: _loadSeconds, ...deterministic } = stats;
  console.log(`stats\t${JSON.stringify(deterministic)}`);
  process.stderr.write(`generated in ${seconds.toFixed(1)} s (scale ${scale}, seed ${seed}, now ${now.toISOString()})\n`);
} finally {
  await db.destroy();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
