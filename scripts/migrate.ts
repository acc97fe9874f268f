/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the default SQLite file). */
import { loadConfig } from '../server/config';
import { createDb } from '../server/db';
import { migrateLatest } from '../db/migrate';

const config = loadConfig();
const db = createDb(config.databaseUrl);
const applied = await migrateLatest(db);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
await db.destroy();
