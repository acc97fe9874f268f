/** A case read inside an operation's transaction: locked on PostgreSQL until it commits, 404 when unknown. */
import { getOne, parseId } from '../data/getOne';
import type { Row } from '../data/rows';
import { lockable, type Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import { casesSpec } from './specs';

export function caseIdOf(rawId: string): number {
  return Number(parseId(casesSpec, rawId));
}

export async function loadCase(tx: Tx, id: number, rawId = String(id)): Promise<Row> {
  const row = (await lockable(tx, tx.trx('cases').where('id', id)).first()) as Row | undefined;
  if (!row) throw AppError.notFound('cases', rawId);
  return row;
}

/** The case as the API shows it. */
export function caseRecord(tx: Tx, id: number): Promise<Row> {
  return getOne(tx.trx, casesSpec, String(id));
}
