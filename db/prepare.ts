/**
 * A server's start on its database: pending migrations, then the demo data when the
 * database is empty — under the start-up lock, so that instances starting together migrate
 * once and seed once; the others wait, then find the database ready.
 */
import type { Knex } from 'knex';
import { migrateLatest } from './migrate';
import { isEmpty } from './seeds/demo';
import { withStartupLock, type StartupLockOptions } from './startupLock';

export interface Prepared<S> {
  /** Migrations this process applied. */
  applied: string[];
  /** What `seed` returned, or null when the database already had data. */
  seeded: S | null;
}

export async function prepareDatabase<S>(db: Knex, options: StartupLockOptions & { seed: (db: Knex) => Promise<S> }): Promise<Prepared<S>> {
  return withStartupLock(
    db,
    async () => {
      const applied = await migrateLatest(db);
      return { applied, seeded: (await isEmpty(db)) ? await options.seed(db) : null };
    },
    options,
  );
}
