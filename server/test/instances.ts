/**
 * Database handles as several server processes would hold them: a second handle on a test
 * database (its own pool on PostgreSQL, its own connection on SQLite), and an empty,
 * unmigrated database with one handle per "instance" (a schema on TEST_DATABASE_URL, else
 * an SQLite file).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDb } from '../db';

function pgSearchPath(db: Knex): string | undefined {
  return (db.client.config as { searchPath?: string[] }).searchPath?.[0];
}

/** Another handle on the same database as `db`, as another process would open it. */
export function secondHandle(db: Knex): Knex {
  if (db.client.config.client === 'pg') return createDb(process.env.TEST_DATABASE_URL!, { searchPath: pgSearchPath(db), poolMax: 5 });
  return createDb((db.client.config.connection as { filename: string }).filename);
}

export interface EmptyDatabase {
  kind: 'sqlite' | 'postgres';
  handles: Knex[];
  cleanup(): Promise<void>;
}

/** An empty database (not even migrated) and `count` independent handles on it. */
export async function emptyDatabase(count: number): Promise<EmptyDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = createDb(url, { poolMax: 1 });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    await admin.destroy();
    const handles = Array.from({ length: count }, () => createDb(url, { searchPath: schema, poolMax: 5 }));
    return {
      kind: 'postgres',
      handles,
      async cleanup() {
        await Promise.all(handles.map((h) => h.destroy()));
        const dropper = createDb(url, { poolMax: 1 });
        await dropper.raw('DROP SCHEMA ?? CASCADE', [schema]);
        await dropper.destroy();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'console-empty-'));
  const handles = Array.from({ length: count }, () => createDb(path.join(dir, 'shared.sqlite')));
  return {
    kind: 'sqlite',
    handles,
    async cleanup() {
      await Promise.all(handles.map((h) => h.destroy()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
