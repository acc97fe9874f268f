/**
 * Foundation schema: every resource of ../shared/CONTRACT.md "Key fields", with the
 * indexes their list screens sort and filter on.
 *
 * Conventions (both databases):
 * - column names are the contract's camelCase field names (the list helper maps
 *   filters and sorts onto columns one to one; knex quotes every identifier);
 * - instants are `timestamptz` on PostgreSQL and ISO-8601 UTC text on SQLite — the
 *   app always writes `toISOString()` strings, so text comparison orders correctly;
 * - business dates (`YYYY-MM-DD`) are plain strings;
 * - JSON values (weeklyHours, audit before/after…) are text, parsed by the row mapper;
 * - `searchText` holds the accent- and case-folded text that `q` searches
 *   (shared/text.ts), identical on both databases.
 */
import type { Knex } from 'knex';

function instant(t: Knex.CreateTableBuilder, name: string) {
  return t.timestamp(name, { useTz: true });
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 254).notNullable().unique();
    t.string('fullName', 200).notNullable();
    t.string('role', 20).notNullable().index();
    t.string('passwordHash', 400).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    instant(t, 'createdAt').notNullable();
    instant(t, 'updatedAt').notNullable();
    t.text('searchText').notNullable().defaultTo('');
  });

  // The shape connect-session-knex reads and writes (sid, sess, expired).
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 255).primary();
    t.json('sess').notNullable();
    instant(t, 'expired').notNullable().index();
  });

  await knex.schema.createTable('appTokens', (t) => {
    t.increments('id');
    t.string('name', 120).notNullable();
    t.string('tokenHash', 64).notNullable().unique();
    t.integer('createdBy').references('id').inTable('users');
    instant(t, 'createdAt').notNullable();
    instant(t, 'lastUsedAt');
    instant(t, 'revokedAt');
  });

  await knex.schema.createTable('auditLog', (t) => {
    t.increments('id');
    instant(t, 'at').notNullable().index();
    t.integer('actorId').references('id').inTable('users').index();
    t.string('actorKind', 20).notNullable().defaultTo('staff');
    t.string('action', 80).notNullable().index();
    t.string('resource', 40).notNullable();
    t.string('resourceId', 64);
    t.text('before');
    t.text('after');
    t.index(['resource', 'resourceId']);
  });

  await knex.schema.createTable('services', (t) => {
    t.string('id', 40).primary();
    t.string('vertical', 20).notNullable().index();
    t.string('name', 120).notNullable();
    t.integer('durationMin').notNullable();
    t.integer('priceCents').notNullable();
    t.integer('partnerPayCents').notNullable();
    t.boolean('regulated').notNullable().defaultTo(false);
    t.text('searchText').notNullable().defaultTo('');
  });

  await knex.schema.createTable('partners', (t) => {
    t.increments('id');
    t.string('reference', 20).notNullable().unique();
    t.string('firstName', 100).notNullable();
    t.string('lastName', 100).notNullable();
    t.string('email', 254).notNullable();
    t.string('phone', 30);
    t.string('birthDate', 10);
    t.string('address', 300);
    t.string('postcode', 10);
    t.string('city', 100).index();
    t.double('lat');
    t.double('lng');
    t.string('siren', 9).index();
    t.string('iban', 34);
    t.string('vertical', 20).notNullable().index();
    t.text('services').notNullable().defaultTo('[]');
    t.double('radiusKm').notNullable().defaultTo(15);
    t.text('weeklyHours').notNullable().defaultTo('[]');
    t.string('status', 20).notNullable().index();
    t.integer('assignedTo').references('id').inTable('users').index();
    t.string('limitation', 30).index();
    t.double('score').index();
    instant(t, 'createdAt').notNullable().index();
    instant(t, 'updatedAt').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.text('searchText').notNullable().defaultTo('');
  });

  // Normalised copy of partners.services for "partners offering X" filters and the engine.
  await knex.schema.createTable('partnerServices', (t) => {
    t.integer('partnerId').notNullable().references('id').inTable('partners').onDelete('CASCADE');
    t.string('serviceCode', 40).notNullable().references('id').inTable('services');
    t.primary(['partnerId', 'serviceCode']);
    t.index(['serviceCode', 'partnerId']);
  });

  await knex.schema.createTable('clients', (t) => {
    t.increments('id');
    t.string('reference', 20).notNullable().unique();
    t.string('firstName', 100);
    t.string('lastName', 100);
    t.string('email', 254);
    t.string('phone', 30);
    t.string('address', 300);
    t.string('postcode', 10);
    t.string('city', 100).index();
    t.double('lat');
    t.double('lng');
    instant(t, 'createdAt').notNullable().index();
    instant(t, 'deletedAt');
    t.text('searchText').notNullable().defaultTo('');
  });

  await knex.schema.createTable('orders', (t) => {
    t.increments('id');
    t.string('reference', 20).notNullable().unique();
    t.integer('clientId').notNullable().references('id').inTable('clients').index();
    t.integer('partnerId').references('id').inTable('partners');
    t.string('serviceCode', 40).notNullable().references('id').inTable('services').index();
    instant(t, 'startsAt').notNullable().index();
    instant(t, 'endsAt').notNullable();
    t.string('status', 30).notNullable();
    t.integer('priceCents').notNullable();
    t.integer('partnerPayCents').notNullable();
    // Where the intervention takes place (a copy: the client may move later).
    t.string('address', 300);
    t.string('postcode', 10);
    t.string('city', 100).index();
    t.double('lat');
    t.double('lng');
    instant(t, 'createdAt').notNullable().index();
    instant(t, 'sheetSignedAt');
    t.integer('version').notNullable().defaultTo(1);
    t.text('searchText').notNullable().defaultTo('');
    t.index(['status', 'startsAt']);
    t.index(['partnerId', 'startsAt']);
  });

  await knex.schema.createTable('proposals', (t) => {
    t.increments('id');
    t.integer('orderId').notNullable().references('id').inTable('orders').index();
    t.integer('partnerId').notNullable().references('id').inTable('partners');
    t.integer('rank').notNullable();
    instant(t, 'sentAt').notNullable();
    instant(t, 'deadlineAt').notNullable();
    t.string('answer', 20);
    instant(t, 'answeredAt');
    instant(t, 'proposedStartsAt');
    t.index(['partnerId', 'sentAt']);
    t.index(['answer', 'deadlineAt']);
  });

  await knex.schema.createTable('reviews', (t) => {
    t.increments('id');
    t.integer('orderId').notNullable().unique().references('id').inTable('orders');
    t.integer('partnerId').notNullable().references('id').inTable('partners');
    t.integer('clientId').notNullable().references('id').inTable('clients').index();
    t.integer('rating').notNullable();
    t.boolean('recommended').notNullable().defaultTo(false);
    t.text('comment');
    t.boolean('surveyAnswered').notNullable().defaultTo(true);
    instant(t, 'createdAt').notNullable().index();
    instant(t, 'editedAt');
    instant(t, 'publishedAt');
    t.text('searchText').notNullable().defaultTo('');
    t.index(['partnerId', 'publishedAt']);
  });

  await knex.schema.createTable('payments', (t) => {
    t.increments('id');
    t.integer('orderId').notNullable().references('id').inTable('orders').index();
    t.string('kind', 20).notNullable();
    t.integer('amountCents').notNullable();
    instant(t, 'dueAt').notNullable().index();
    instant(t, 'doneAt');
  });

  await knex.schema.createTable('payouts', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.string('periodStart', 10).notNullable();
    t.string('periodEnd', 10).notNullable();
    t.integer('amountCents').notNullable();
    instant(t, 'paidAt');
    instant(t, 'arrivesAt');
  });

  await knex.schema.createTable('documents', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.string('type', 40).notNullable();
    t.string('status', 20).notNullable().index();
    t.string('fileName', 255).notNullable();
    t.string('storedName', 128).notNullable();
    t.string('mimeType', 100).notNullable();
    t.integer('sizeBytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('issuedAt', 10);
    t.string('expiresAt', 10).index();
    t.text('rejectionReason');
    t.integer('reviewedBy').references('id').inTable('users');
    instant(t, 'reviewedAt');
    instant(t, 'createdAt').notNullable();
    t.integer('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('limitations', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.string('kind', 20).notNullable();
    t.string('reason', 40).notNullable();
    t.string('modality', 30).notNullable();
    instant(t, 'startsAt').notNullable();
    instant(t, 'endsAt').index();
    t.string('status', 30).notNullable().index();
    t.text('note');
    t.text('evidence').notNullable().defaultTo('[]');
    t.integer('createdBy').references('id').inTable('users');
    t.integer('terminationRequestedBy').references('id').inTable('users');
    instant(t, 'liftedAt');
    t.integer('liftedBy').references('id').inTable('users');
    instant(t, 'createdAt').notNullable();
    instant(t, 'updatedAt').notNullable();
    t.integer('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('cases', (t) => {
    t.increments('id');
    t.string('reference', 20).notNullable().unique();
    t.integer('orderId').references('id').inTable('orders').index();
    t.integer('clientId').references('id').inTable('clients');
    t.integer('partnerId').references('id').inTable('partners').index();
    t.string('category', 20).notNullable();
    t.string('status', 20).notNullable().index();
    instant(t, 'writtenComplaintAt');
    instant(t, 'answerDueAt').index();
    instant(t, 'referredAt');
    instant(t, 'mediatorReceivedAt');
    instant(t, 'refusalDueAt');
    instant(t, 'mediatorNotifiedAt');
    instant(t, 'outcomeDueAt');
    t.string('outcome', 20);
    t.integer('refundCents');
    t.boolean('insuranceClaim').notNullable().defaultTo(false);
    t.integer('assignedTo').references('id').inTable('users').index();
    instant(t, 'createdAt').notNullable().index();
    instant(t, 'updatedAt').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.text('searchText').notNullable().defaultTo('');
  });

  await knex.schema.createTable('caseEvents', (t) => {
    t.increments('id');
    t.integer('caseId').notNullable().references('id').inTable('cases');
    instant(t, 'at').notNullable();
    t.integer('actorId').references('id').inTable('users');
    t.string('type', 30).notNullable();
    t.text('body');
    t.integer('fileId');
    t.index(['caseId', 'at']);
  });

  await knex.schema.createTable('signals', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.string('source', 20).notNullable();
    t.string('reason', 40).notNullable();
    t.text('note');
    t.text('evidence').notNullable().defaultTo('[]');
    t.integer('caseId').references('id').inTable('cases');
    t.string('status', 20).notNullable().defaultTo('open').index();
    t.integer('createdBy').references('id').inTable('users');
    instant(t, 'createdAt').notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'signals',
    'caseEvents',
    'cases',
    'limitations',
    'documents',
    'payouts',
    'payments',
    'reviews',
    'proposals',
    'orders',
    'clients',
    'partnerServices',
    'partners',
    'services',
    'auditLog',
    'appTokens',
    'sessions',
    'users',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
