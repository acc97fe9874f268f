/**
 * The partner verification workspace (issue 4, rules REF-1 … REF-9): the queue and the
 * decision on partners, the facts an agent records on a document, the phone interview
 * and skills test (REF-6), and the SIRENE registry (REF-2): a cache of lookups and the
 * offline adapter's fixture companies. Schema only.
 */
import type { Knex } from 'knex';

function instant(t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, name: string) {
  return t.timestamp(name, { useTz: true });
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partners', (t) => {
    // REF-9: when the file entered the queue (null: createdAt), who took it and when.
    instant(t, 'reviewRequestedAt');
    instant(t, 'takenAt');
    // REF-7: the internal reason of a refusal (never shown to the partner).
    t.text('refusalReason');
    instant(t, 'decidedAt');
    t.integer('decidedBy').references('id').inTable('users');
    // REF-8 / VER-6: the day an active partner's file became incomplete (null: complete).
    instant(t, 'fileIncompleteSince').index();
  });

  await knex.schema.alterTable('documents', (t) => {
    // Document facts recorded by the agent (VER-5).
    t.string('qualification', 40);
    t.string('holderName', 200);
    t.string('iban', 34);
    t.boolean('worksInFranceAuthorised');
    // VER-2: the last valid day, derived from issuedAt/expiresAt and the type's validity period.
    t.string('validUntil', 10).index();
    t.integer('uploadedBy').references('id').inTable('users');
    t.index(['partnerId', 'type']);
  });

  // REF-6: phone interview and skills test, scheduled then done with an outcome.
  await knex.schema.createTable('partnerChecks', (t) => {
    t.increments('id');
    t.integer('partnerId').notNullable().references('id').inTable('partners').index();
    t.string('kind', 20).notNullable();
    instant(t, 'scheduledAt');
    instant(t, 'doneAt');
    t.string('outcome', 20);
    t.text('notes');
    t.integer('recordedBy').references('id').inTable('users');
    instant(t, 'createdAt').notNullable();
    instant(t, 'updatedAt').notNullable();
    t.integer('version').notNullable().defaultTo(1);
  });

  // REF-2: the last registry answer per SIREN (found or not found), so that lists never call INSEE.
  await knex.schema.createTable('registryLookups', (t) => {
    t.string('siren', 9).primary();
    t.boolean('found').notNullable();
    t.text('company');
    t.string('source', 10).notNullable();
    instant(t, 'checkedAt').notNullable();
  });

  // The offline registry's companies beyond the built-in fixtures (the demo partners' SIRENs).
  await knex.schema.createTable('registryFixtures', (t) => {
    t.string('siren', 9).primary();
    t.text('company').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('registryFixtures');
  await knex.schema.dropTableIfExists('registryLookups');
  await knex.schema.dropTableIfExists('partnerChecks');
  await knex.schema.alterTable('documents', (t) => {
    t.dropIndex(['partnerId', 'type']);
    t.dropColumns('qualification', 'holderName', 'iban', 'worksInFranceAuthorised', 'validUntil', 'uploadedBy');
  });
  await knex.schema.alterTable('partners', (t) => {
    t.dropColumns('reviewRequestedAt', 'takenAt', 'refusalReason', 'decidedAt', 'decidedBy', 'fileIncompleteSince');
  });
}
