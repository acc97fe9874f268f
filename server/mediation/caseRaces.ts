/**
 * What a mediator is told when a case moved under them (REF-9): who acted first, from the
 * audit trail, or — when the case never allowed the action — why not.
 */
import type { AuditLogRow } from '../data/tables';
import type { CaseStatus } from '../../shared/domain';
import { actedFirst } from '../data/actedFirst';
import type { Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import type { JsonObject } from '../../shared/json';
import { STATUS_FR, TRANSITION_ACTIONS } from './caseStatus';

/** 409 `conflict` naming who acted first (among `actions` when given, else the case's last audit row). */
export function caseConflict(tx: Tx, id: number, status: string | undefined, actions?: readonly string[]): Promise<AppError> {
  return actedFirst(tx.trx, 'cases', id, {
    on: 'sur ce dossier',
    outcome: ` (statut désormais : ${STATUS_FR[status as CaseStatus] ?? String(status)})`,
    dated: false,
    english: 'anonymous',
    actions,
    status,
  });
}

/** The status the case had before its last transition (the audit trail), or null. */
async function previousStatus(tx: Tx, id: number): Promise<CaseStatus | null> {
  const row = await tx.trx<AuditLogRow>('auditLog').select('before').where({ resource: 'cases', resourceId: String(id) }).whereIn('action', TRANSITION_ACTIONS).orderBy('id', 'desc').first();
  if (!row?.before) return null;
  try {
    const before = (typeof row.before === 'string' ? JSON.parse(row.before) : row.before) as { status?: CaseStatus };
    return before.status ?? null;
  } catch {
    return null;
  }
}

/**
 * The 409 for an action the case's status no longer allows: `conflict` naming who acted
 * first when the case was in a status that allowed it until someone moved it (two people
 * deciding at once, or a stale page), else `invalid_state`.
 */
export async function refusal(tx: Tx, id: number, status: CaseStatus, allowedFrom: readonly CaseStatus[], message: string, details: JsonObject = {}): Promise<AppError> {
  const prev = await previousStatus(tx, id);
  if (prev !== null && prev !== status && allowedFrom.includes(prev)) return caseConflict(tx, id, status, TRANSITION_ACTIONS);
  return AppError.invalidState(message, { status, allowedFrom, ...details });
}
