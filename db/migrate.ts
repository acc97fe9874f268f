/** Runs the knex migrations of db/migrations on any database handle. */
import type { Knex } from 'knex';
import { MIGRATIONS, type Migration } from './migrations/index';

class StaticMigrationSource implements Knex.MigrationSource<Migration> {
  async getMigrations(): Promise<Migration[]> {
    return MIGRATIONS.map(([, m]) => m);
  }
  getMigrationName(migration: Migration): string {
    const entry = MIGRATIONS.find(([, m]) => m === migration);
    if (!entry) throw new Error('unknown migration');
    return entry[0];
  }
  async getMigration(migration: Migration): Promise<Migration> {
    return migration;
  }
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new StaticMigrationSource(),
  tableName: 'knex_migrations',
};

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

/** True when every known migration has been applied (readiness check). */
export async function migrationsCurrent(db: Knex): Promise<boolean> {
  const [, pending] = (await db.migrate.list(migrationConfig)) as [unknown[], unknown[]];
  return pending.length === 0;
}
