import type { Knex } from 'knex';
import type { Tables } from './tables';

/** The tables whose rows have an `id`. */
export type TableWithId = { [K in keyof Tables]: Tables[K] extends { id: unknown } ? K : never }[keyof Tables];

/** A row read back inside the transaction that wrote it: its absence is a bug, not a 404. */
export async function rawRow<T extends TableWithId>(trx: Knex | Knex.Transaction, table: T, id: Tables[T]['id']): Promise<Tables[T]> {
  const row = (await trx(table).where('id', id).first()) as Tables[T] | undefined;
  if (!row) throw new Error(`${table} ${String(id)} vanished inside its transaction`);
  return row;
}
