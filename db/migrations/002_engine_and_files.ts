/**
 * Files referenced by rows other than partner documents (case evidence, signed
 * sheets), and what the marketplace engine keeps: score breakdowns and history,
 * favourites (CLI-4), chat messages (CON-1), the live dispatch deadlines, and the
 * timestamps of an order's life.
 */
import type { Knex } from 'knex';

function instant(t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, name: string) {
  return t.timestamp(name, { useTz: true });
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('files', (t) => {
    t.increments('id');
    t.string('storedName', 128).notNullable();
    t.string('sha256', 64).notNullable().index();
    t.string('mimeType', 100).notNullable();
    t.integer('sizeBytes').notNullable();
    t.string('fileName', 255).notNullable();
    t.string('purpose', 30).notNullable();
    t.integer('createdBy').references('id').inTable('users');
    instant(t, 'createdAt').notNullable();
  });

  await knex.schema.alterTable('orders', (t) => {
    t.integer('sheetFileId').references('id').inTable('files');
    instant(t, 'acceptedAt');
    instant(t, 'cancelledAt');
    instant(t, 'completedAt');
    // PAY-5: Care paid through URSSAF's immediate advance (the URSSAF debits the client).
    t.boolean('immediateAdvance').notNullable().defaultTo(false);
  });

  await knex.schema.alterTable('partners', (t) => {
    t.text('scoreDetails');
    t.integer('completedSessions').notNullable().defaultTo(0);
    t.string('payoutFrequency', 10).notNullable().defaultTo('weekly');
  });

  await knex.schema.alterTable('proposals', (t) => {
    // What the ranking saw when the proposal was sent (the order's dispatch timeline shows them).
    t.double('score');
    t.double('distanceKm');
    // DSP-12: the client's answer to a proposed other slot.
    t.string('clientAnswer', 20);
    instant(t, 'clientAnsweredAt');
  });

  await knex.schema.createTable('scoreHistory', (t) => {
    t.integer('partnerId').notNullable().references('id').inTable('partners').onDelete('CASCADE');
    t.string('day', 10).notNullable();
    t.double('score');
    t.double('real');
    t.primary(['partnerId', 'day']);
  });

  await knex.schema.createTable('favourites', (t) => {
    t.integer('clientId').notNullable().references('id').inTable('clients');
    t.integer('partnerId').notNullable().references('id').inTable('partners');
    instant(t, 'createdAt').notNullable();
    t.primary(['clientId', 'partnerId']);
    t.index(['partnerId']);
  });

  await knex.schema.createTable('messages', (t) => {
    t.increments('id');
    t.integer('clientId').notNullable().references('id').inTable('clients').index();
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.integer('orderId').references('id').inTable('orders');
    t.string('sender', 10).notNullable();
    t.text('body').notNullable();
    instant(t, 'createdAt').notNullable().index();
  });

  // Live dispatch timers (DSP-5 timeouts, DSP-12 expiries): in the database so that they
  // survive a restart; a worker claims a due row with a lease (or SKIP LOCKED on PostgreSQL)
  // so that two server processes never handle the same deadline twice.
  await knex.schema.createTable('engineDeadlines', (t) => {
    t.increments('id');
    t.string('kind', 30).notNullable();
    t.integer('refId').notNullable();
    instant(t, 'dueAt').notNullable();
    t.string('status', 10).notNullable().defaultTo('pending');
    instant(t, 'leaseUntil');
    t.string('leasedBy', 64);
    instant(t, 'doneAt');
    t.index(['status', 'dueAt']);
    t.index(['kind', 'refId']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('engineDeadlines');
  await knex.schema.dropTableIfExists('messages');
  await knex.schema.dropTableIfExists('favourites');
  await knex.schema.dropTableIfExists('scoreHistory');
  await knex.schema.alterTable('proposals', (t) => {
    t.dropColumns('score', 'distanceKm', 'clientAnswer', 'clientAnsweredAt');
  });
  await knex.schema.alterTable('partners', (t) => {
    t.dropColumns('scoreDetails', 'completedSessions', 'payoutFrequency');
  });
  await knex.schema.alterTable('orders', (t) => {
    t.dropColumns('sheetFileId', 'acceptedAt', 'cancelledAt', 'completedAt', 'immediateAdvance');
  });
  await knex.schema.dropTableIfExists('files');
}
