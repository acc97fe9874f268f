/**
 * Sign-in throttling shared by every server instance on the database
 * (server/auth/loginThrottle.ts):
 * - `loginThrottle`: failure counters of rate-limiter-flexible's SQLite and PostgreSQL
 *   stores. Their column order and types are the library's own (its PostgreSQL upsert
 *   inserts by position): `key`, `points`, `expire` (epoch milliseconds, null = never).
 *   Created here rather than by the library (`tableCreated: true`), so that the
 *   schema has one owner: the migrations.
 * - `users.lockedUntil`: the end of the current sign-in lock of a staff account, shown to
 *   admins, who can lift it (POST /api/users/{id}/unlock).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('loginThrottle', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire').index();
  });
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('lockedUntil', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.dropColumn('lockedUntil'));
  await knex.schema.dropTable('loginThrottle');
}
