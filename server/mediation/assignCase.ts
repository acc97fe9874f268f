/** A mediator takes a case (no body), gives it to someone, or puts it back in the queue (null). */
import type { UsersRow } from '../data/tables';
import { z } from 'zod';
import type { Ctx } from '../context';
import { numOrNull, type Row } from '../data/rows';
import { inTransaction, staffId } from '../data/transaction';
import { AppError } from '../http/errors';
import { assertAssignable } from './caseChecks';
import { refusal } from './caseRaces';
import { OPEN_STATUSES } from './caseStatus';
import { caseIdOf, caseRecord, loadCase } from './loadCase';
import { addEventRow } from './timeline';
import { writeCase } from './writeCase';

export const assignBodySchema = z.object({ assignedTo: z.number().int().positive().nullable().optional() }).strict();

export async function assignCase(ctx: Ctx, rawId: string, input: { assignedTo?: number | null }): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    if (before.status === 'closed') throw await refusal(tx, id, 'closed', OPEN_STATUSES, 'Ce dossier est clos. / A closed case is final.');
    const me = staffId(tx);
    const current = numOrNull(before.assignedTo);
    let target: number | null;
    if (input.assignedTo === undefined) {
      target = me;
      if (current !== null && current !== me) {
        const user = await tx.trx<UsersRow>('users').select('fullName').where('id', current).first();
        throw AppError.conflict(`Ce dossier est déjà suivi par ${String(user?.fullName ?? current)}. / Someone else holds this case.`, { assignedTo: current, assignedToName: user?.fullName ?? null });
      }
    } else {
      target = input.assignedTo;
      if (target !== null) await assertAssignable(tx, target);
    }
    if (target === current) return caseRecord(tx, id);
    const after = await writeCase(tx, before, { assignedTo: target }, 'cases.assign');
    const name = target === null ? null : (await tx.trx<UsersRow>('users').select('fullName').where('id', target).first())?.fullName;
    await addEventRow(tx, id, { type: 'note', body: target === null ? 'Dossier remis dans la file.' : `Dossier attribué à ${String(name ?? target)}.` });
    return after;
  });
}
