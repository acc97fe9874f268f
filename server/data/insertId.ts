import type { Knex } from 'knex';
import { num, type Row } from './rows';

/** Inserts a row and returns its id on both databases (PostgreSQL returns objects, SQLite may return the bare id). */
export async function insertId(trx: Knex | Knex.Transaction, table: string, row: Row): Promise<number> {
  const [inserted] = await trx(table).insert(row).returning('id');
  return num(typeof inserted === 'object' && inserted !== null ? (inserted as { id: unknown }).id : inserted);
}

