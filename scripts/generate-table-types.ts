/**
 * Writes server/data/tables.ts, the row type of every table (db/tableTypes.ts), from the
 * schema the migrations build on a scratch SQLite file. Run it after adding a migration;
 * server/test/tableTypes.test.ts fails while the file is behind the schema.
 *
 *   npx tsx scripts/generate-table-types.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../server/db';
import { PROJECT_ROOT } from '../server/config';
import { migrateLatest } from '../db/migrate';
import { renderTableTypes } from '../db/tableTypes';

const dir = mkdtempSync(path.join(tmpdir(), 'table-types-'));
const db = createDb(path.join(dir, 'schema.sqlite'));
try {
  await migrateLatest(db);
  writeFileSync(path.join(PROJECT_ROOT, 'server', 'data', 'tables.ts'), await renderTableTypes(db));
  console.log('server/data/tables.ts written');
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
