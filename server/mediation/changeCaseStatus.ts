/**
 * What the four status decisions on a case share (CONTRACT.md's state machine, MED-7): the
 * status they start from — a case already where the decision leads means someone acted first
 * (409 naming them) — the status change in the timeline, the complaint answered, and the
 * write through the one conditional update with its audit row.
 */
import { z } from 'zod';
import type { CaseStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { iso, type Row } from '../data/rows';
import type { ApiRecord } from '../http/resource';
import { inTransaction, type Tx } from '../data/transaction';
import { caseConflict, refusal } from './caseRaces';
import { CASE_TRANSITIONS, STATUS_FR, TRANSITION_ACTIONS, type CaseAction } from './caseStatus';
import { caseIdOf, loadCase } from './loadCase';
import { addEventRow } from './timeline';
import { writeCase } from './writeCase';

export const noteBodySchema = z.object({ note: z.string().trim().max(4000).optional() }).strict();

export interface CaseEvent {
  type: string;
  body: string;
}

export interface CaseMove {
  action: CaseAction;
  /** The decision's own checks and columns, added to `changes` (and events to the timeline) before the write. */
  prepare?: (tx: Tx, before: Row, changes: Row, events: CaseEvent[], stamp: string) => Promise<void>;
}

export async function changeCaseStatus(ctx: Ctx, rawId: string, note: string | undefined, move: CaseMove): Promise<ApiRecord> {
  const t = CASE_TRANSITIONS[move.action];
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    const status = before.status as CaseStatus;
    if (!t.from.includes(status)) {
      // Already where the decision leads: someone acted first.
      if (status === t.to) throw await caseConflict(tx, id, status, TRANSITION_ACTIONS);
      throw await refusal(
        tx,
        id,
        status,
        t.from,
        `Action « ${move.action} » impossible : le dossier est « ${STATUS_FR[status]} »${status === 'closed' ? ' (définitif)' : ''}. / The case’s status does not allow this action.`,
      );
    }
    const changes: Row = { status: t.to };
    const stamp = note ? ` — ${note}` : '';
    const events: CaseEvent[] = [{ type: 'status_change', body: `${STATUS_FR[status]} → ${STATUS_FR[t.to]}${stamp}` }];
    // MED-7: engaging with the parties (amicable), settling or closing answers the complaint.
    if (move.action !== 'refer' && (before.answeredAt === null || before.answeredAt === undefined) && before.writtenComplaintAt) changes.answeredAt = iso(tx.now);
    await move.prepare?.(tx, before, changes, events, stamp);
    const after = await writeCase(tx, before, changes, `cases.${move.action}`);
    for (const e of events) await addEventRow(tx, id, e);
    return after;
  });
}
