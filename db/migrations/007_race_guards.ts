/**
 * Race guards the database enforces (issue 8, "Concurrency"). Checks made in application
 * code ("does the partner already have a manual limitation in force?") cannot stop two
 * transactions that both check before either inserts on PostgreSQL; a partial unique
 * index can. The application turns the violation into the same 409 as its own check.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // LIM-4: at most one manual limitation in force per partner (active, awaiting review, or
  // awaiting the second approval of a termination).
  await knex.raw(
    `CREATE UNIQUE INDEX "limitations_one_open_manual" ON "limitations" ("partnerId") WHERE "kind" = 'manual' AND "status" IN ('active', 'awaiting_review', 'termination_pending')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS "limitations_one_open_manual"');
}
