/**
 * What the link actions share (closing as a duplicate, attaching a message to the suggested
 * case): both cases locked in the order of their ids — two mediators linking the same two
 * cases in opposite directions must not wait on each other (a deadlock on PostgreSQL) — and
 * the closing of the case that goes, with its link and its status change in the timeline.
 */
import { iso, num, type Row } from '../data/rows';
import type { CasesRow } from '../data/tables';
import type { Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import type { CaseStatus } from '../../shared/domain';
import { caseConflict, refusal } from './caseRaces';
import { CASE_TRANSITIONS, STATUS_FR } from './caseStatus';
import { loadCase } from './loadCase';
import { addEventRow } from './timeline';
import { writeCase } from './writeCase';

/** Loads (and locks) two cases, lowest id first; 404 for the first, `missing` for the other. */
export async function loadPair(tx: Tx, id: number, rawId: string, otherId: number, missing: () => AppError): Promise<{ self: CasesRow; other: CasesRow }> {
  const exists = await tx.trx('cases').select('id').where('id', otherId).first();
  if (!exists) {
    await loadCase(tx, id, rawId);
    throw missing();
  }
  if (id < otherId) {
    const self = await loadCase(tx, id, rawId);
    return { self, other: await loadCase(tx, otherId) };
  }
  const other = await loadCase(tx, otherId);
  return { self: await loadCase(tx, id, rawId), other };
}

/** 409 unless the case may still be closed (the state machine's `close`). */
export async function assertClosable(tx: Tx, c: CasesRow): Promise<void> {
  const status = c.status as CaseStatus;
  const allowed = CASE_TRANSITIONS.close.from;
  if (!allowed.includes(status)) {
    throw await refusal(tx, c.id, status, allowed, `Le dossier ${c.reference} est « ${STATUS_FR[status]} » : il ne se clôt plus.`);
  }
}

/**
 * Closes `c` as a duplicate of `original` (no outcome: the dispute goes on in the original),
 * with the audit row `action` and the status change in its timeline.
 */
export async function closeAsDuplicateOf(tx: Tx, c: CasesRow, original: CasesRow, action: string, why: string): Promise<Row> {
  const after = await writeCase(tx, c, { status: 'closed', duplicateOfId: original.id, suggestedCaseId: null, closedAt: iso(tx.now) }, action);
  await addEventRow(tx, c.id, { type: 'status_change', body: `${STATUS_FR[c.status as CaseStatus]} → ${STATUS_FR.closed} : ${why}` });
  return after;
}

/** The timeline of the case that stays changed: its version and updatedAt move (concurrent edits see it). */
export async function touch(tx: Tx, c: CasesRow): Promise<void> {
  await tx.trx('cases').where('id', c.id).update({ updatedAt: iso(tx.now), version: num(c.version ?? 1) + 1 });
}

/** The actions that end a suggested attachment (the suggestion is gone once one of them ran). */
const SUGGESTION_ACTIONS = ['cases.attach', 'cases.dismissSuggestion', 'cases.closeDuplicate'];

/** No suggestion (any more): someone decided first (409 conflict naming them), or there never was one (409 invalid_state). */
export async function noSuggestion(tx: Tx, c: CasesRow): Promise<AppError> {
  const decided = await tx.trx('auditLog').select('id').where({ resource: 'cases', resourceId: String(c.id) }).whereIn('action', SUGGESTION_ACTIONS).first();
  if (decided) return caseConflict(tx, c.id, c.status, SUGGESTION_ACTIONS);
  return AppError.invalidState(`Le dossier ${c.reference} n’attend aucun rattachement.`, { status: c.status, suggestedCaseId: null });
}
