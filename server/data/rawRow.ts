import type { Knex } from 'knex';
import type { Row } from './rows';

/** A row read back inside the transaction that wrote it: its absence is a bug, not a 404. */
export async function rawRow(trx: Knex | Knex.Transaction, table: string, id: number): Promise<Row> {
  const row = (await trx(table).where('id', id).first()) as Row | undefined;
  if (!row) throw new Error(`${table} ${id} vanished inside its transaction`);
  return row;
}
