/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the default SQLite file), one process at a time (db/startupLock.ts). */
import { loadConfig } from '../server/config';
import { createDb } from '../server/db';
import { migrateLatest } from '../db/migrate';
import { withStartupLock } from '../db/startupLock';

const config = loadConfig();
const db = createDb(config.databaseUrl);
const applied = await withStartupLock(db, () => migrateLatest(db), { onWait: () => console.log('another process is migrating: waiting for it') });
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
await db.destroy();
