/**
 * Mediation cases (issue 6, MED-1..7): the columns the deadlines and the outcome need
 * beyond the foundation's `cases` and `caseEvents`. Schema only; the values are computed
 * by shared/mediation/deadlines.ts and written by server/mediation/.
 */
import type { Knex } from 'knex';

function instant(t: Knex.AlterTableBuilder, name: string) {
  return t.timestamp(name, { useTz: true });
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.text('description');
    // MED-7: when the platform answered the written complaint (stops the answer deadline).
    instant(t, 'answeredAt');
    // MED-5 4°: the last Paris date a referral is admissible (the complaint's anniversary).
    t.string('referralLastDate', 10);
    // MED-6: days added to the 90-day outcome deadline by recorded extensions.
    t.integer('outcomeExtensionDays').notNullable().defaultTo(0);
    // The nearest running deadline: the queue's sort and the `overdue` filter.
    instant(t, 'nextDueAt').index();
    t.string('nextDueKind', 10);
    t.integer('refundPaymentId');
    instant(t, 'closedAt');
  });
  await knex.schema.alterTable('caseEvents', (t) => {
    // A proposal's refund amount, apart from its text.
    t.integer('refundCents');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('caseEvents', (t) => {
    t.dropColumn('refundCents');
  });
  await knex.schema.alterTable('cases', (t) => {
    for (const c of ['description', 'answeredAt', 'referralLastDate', 'outcomeExtensionDays', 'nextDueAt', 'nextDueKind', 'refundPaymentId', 'closedAt']) t.dropColumn(c);
  });
}
