/** A case read inside an operation's transaction: locked on PostgreSQL until it commits, 404 when unknown. */
import { getOne, parseId } from '../data/getOne';
import type { CasesRow } from '../data/tables';
import { lockable, type Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import type { ApiRecord } from '../http/resource';
import { casesSpec } from './specs';

export function caseIdOf(rawId: string): number {
  return Number(parseId(casesSpec, rawId));
}

export async function loadCase(tx: Tx, id: number, rawId = String(id)): Promise<CasesRow> {
  const row = await lockable(tx, tx.trx<CasesRow>('cases').where('id', id)).first();
  if (!row) throw AppError.notFound('cases', rawId);
  return row;
}

/** The case as the API shows it. */
export function caseRecord(tx: Tx, id: number): Promise<ApiRecord> {
  return getOne(tx.trx, casesSpec, String(id));
}
