/**
 * The clients list's sort by last name (issue 3, list target at large scale): with `q`, the
 * page walks this index and stops once it is full (server/http/searchIndex.ts, `scan`),
 * instead of fetching and sorting every client that matches (~35 ms at 320,000 clients).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => t.index(['lastName'], 'clients_lastname_index'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => t.dropIndex(['lastName'], 'clients_lastname_index'));
}
