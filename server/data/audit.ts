/**
 * The audit row of a change, written with the change's own transaction handle and instant:
 * a change without its audit row (or the reverse) cannot be committed.
 */
import { recordAudit } from '../audit/recordAudit';
import { plain, type Row } from './rows';
import type { Tx } from './transaction';

export async function audit(
  tx: Tx,
  action: string,
  resource: string,
  resourceId: number | string | null,
  before: Row | null | undefined,
  after: Row | null | undefined,
): Promise<void> {
  await recordAudit(tx.trx, { actor: tx.actor, action, resource, resourceId, before: plain(before), after: plain(after), at: tx.now });
}
