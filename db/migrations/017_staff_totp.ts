/**
 * Two-factor sign-in for staff (TOTP, RFC 6238; server/auth/totp/):
 * - `users.totpEnrolledAt`: when the account's second factor was confirmed (null: signs in
 *   with the password alone). Readable by admins in the staff accounts; holds no secret.
 * - `staffTotp`: one row per account that started or finished enrolment — the shared secret,
 *   encrypted (AES-256-GCM, server/auth/totp/secretBox.ts), and the last time step a code was
 *   accepted for, so that a code is never accepted twice. Kept out of `users` so that no read
 *   or audit snapshot of a staff account can ever carry it.
 * - `staffRecoveryCodes`: the one-time recovery codes, hashed; `usedAt` once spent.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('totpEnrolledAt', { useTz: true });
  });
  await knex.schema.createTable('staffTotp', (t) => {
    t.integer('userId').primary().references('id').inTable('users').onDelete('CASCADE');
    t.text('secret').notNullable();
    t.bigInteger('lastTimeStep');
    t.timestamp('lastUsedAt', { useTz: true });
    t.timestamp('createdAt', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('staffRecoveryCodes', (t) => {
    t.increments('id').primary();
    t.integer('userId').notNullable().references('id').inTable('users').onDelete('CASCADE').index();
    t.text('codeHash').notNullable();
    t.timestamp('usedAt', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staffRecoveryCodes');
  await knex.schema.dropTable('staffTotp');
  await knex.schema.alterTable('users', (t) => t.dropColumn('totpEnrolledAt'));
}
