/**
 * Limitations (issue 5): the partner outbox — the French message sent to the partner for
 * each limitation decision (apply, lift, terminate), generated from a template
 * (server/limitations/messages.ts). Schema only.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.integer('limitationId').references('id').inTable('limitations');
    t.string('kind', 30).notNullable();
    t.string('channel', 20).notNullable().defaultTo('email');
    t.string('subject', 300).notNullable();
    t.text('body').notNullable();
    t.timestamp('createdAt', { useTz: true }).notNullable();
    t.timestamp('sentAt', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('outbox');
}
