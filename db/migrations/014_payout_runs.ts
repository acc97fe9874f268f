/**
 * Payout runs (PAY-4, PAY-6, PAY-7, PAY-8):
 * - `payoutRuns`: one row per paid period and frequency — the unique (periodKind,
 *   periodStart) makes a second run of the same period impossible, whatever the number of
 *   server instances;
 * - `payouts.payoutRunId`: the run a payout belongs to (one payout per partner and run:
 *   unique (payoutRunId, partnerId));
 * - `payoutLines`: one line per paid session — `orderId` is unique, so a session is never
 *   paid twice, whatever the frequency switches;
 * - `partners.previousPayoutFrequency`, `partners.payoutFrequencyFrom`: a frequency change
 *   takes effect at the next period boundary (PAY-7): runs paid on or before
 *   `payoutFrequencyFrom` (a Paris date) still follow the previous frequency.
 */
import type { Knex } from 'knex';

function instant(t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, name: string) {
  return t.timestamp(name, { useTz: true });
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payoutRuns', (t) => {
    t.increments('id');
    t.string('periodKind', 10).notNullable();
    t.string('periodStart', 10).notNullable();
    t.string('periodEnd', 10).notNullable();
    t.string('payoutDate', 10).notNullable().index();
    instant(t, 'paidAt').notNullable();
    instant(t, 'expectedArrivalAt').notNullable();
    t.integer('payoutCount').notNullable().defaultTo(0);
    t.integer('totalCents').notNullable().defaultTo(0);
    instant(t, 'createdAt').notNullable();
    t.unique(['periodKind', 'periodStart'], { indexName: 'payout_runs_period_unique' });
  });
  await knex.schema.alterTable('payouts', (t) => {
    t.integer('payoutRunId').references('id').inTable('payoutRuns');
    t.integer('lineCount').notNullable().defaultTo(0);
    t.unique(['payoutRunId', 'partnerId'], { indexName: 'payouts_run_partner_unique' });
  });
  await knex.schema.createTable('payoutLines', (t) => {
    t.increments('id');
    t.integer('payoutId').notNullable().references('id').inTable('payouts').index();
    t.integer('orderId').notNullable().references('id').inTable('orders');
    t.integer('partnerPayCents').notNullable();
    instant(t, 'sessionEndsAt').notNullable();
    t.unique(['orderId'], { indexName: 'payout_lines_order_unique' });
  });
  await knex.schema.alterTable('partners', (t) => {
    t.string('previousPayoutFrequency', 10);
    t.string('payoutFrequencyFrom', 10);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partners', (t) => {
    t.dropColumn('previousPayoutFrequency');
    t.dropColumn('payoutFrequencyFrom');
  });
  await knex.schema.dropTable('payoutLines');
  await knex.schema.alterTable('payouts', (t) => {
    t.dropUnique(['payoutRunId', 'partnerId'], 'payouts_run_partner_unique');
    t.dropForeign(['payoutRunId']);
    t.dropColumn('payoutRunId');
    t.dropColumn('lineCount');
  });
  await knex.schema.dropTable('payoutRuns');
}
