/**
 * What ops' four decisions on a manual limitation share (LIM-6, REF-9): the status they
 * start from, the stamped note, the conditional update with its audit row — of two agents
 * deciding at once one succeeds and the other gets 409 naming who acted first — and the
 * partner's effective modality kept in step (LIM-7).
 */
import type { LimitationsRow } from '../data/tables';
import { z } from 'zod';
import type { LimitationStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { getOne, parseId } from '../data/getOne';
import { iso, num, type Row } from '../data/rows';
import { inTransaction, type Tx } from '../data/transaction';
import { transition } from '../data/transition';
import { refreshPartnerLimitation } from '../engine/live/limitations';
import { AppError } from '../http/errors';
import { limitationsSpec } from './specs';
import { limitationLost } from './limitationRaces';

const note = z.string().trim().min(1, 'Une note est requise. / A note is required.').max(4000);
export const noteSchema = z.object({ note }).strict();
/** approve-termination takes no body (an optional note is accepted). */
export const optionalNoteSchema = z.object({ note: z.string().trim().max(4000).optional() }).strict();

export type LimitationAction = 'lift' | 'terminate' | 'approve-termination' | 'decline-termination';

export interface LimitationMove {
  action: LimitationAction;
  from: readonly LimitationStatus[];
  to: LimitationStatus;
  /** The label of the stamp added to the limitation's note. */
  label: string;
  /** Statuses that mean someone already made this decision (default: `to`). */
  done?: readonly LimitationStatus[];
  /** The refusal for a status this decision cannot start from (default: a generic invalid_state). */
  refuse?: (status: LimitationStatus) => AppError | null;
  /** Checks before anything is written (the four-eyes rule). */
  check?: (tx: Tx, before: Row) => void;
  /** The decision's own columns. */
  set?: (tx: Tx, before: Row) => Row;
  /** What follows the decision in the same transaction (deadline, partner, outbox). */
  then?: (tx: Tx, before: Row, after: Row) => Promise<void>;
}

function refusal(move: LimitationMove, status: LimitationStatus): AppError {
  return (
    move.refuse?.(status) ??
    AppError.invalidState(`Action « ${move.action} » impossible sur une limitation au statut « ${status} ». / The limitation's status does not allow this action.`, {
      status,
      allowedFrom: move.from,
    })
  );
}

export async function changeLimitation(ctx: Ctx, rawId: string, actionNote: string | undefined, move: LimitationMove): Promise<Row> {
  const id = Number(parseId(limitationsSpec, rawId));
  return inTransaction(ctx, async (tx) => {
    const before = await tx.trx<LimitationsRow>('limitations').where('id', id).first();
    if (!before) throw AppError.notFound('limitations', rawId);
    const status = before.status as LimitationStatus;
    if (!move.from.includes(status)) {
      // Already where this decision leads (or past it): someone acted first.
      if ((move.done ?? [move.to]).includes(status)) throw await limitationLost(id)(tx, status);
      throw refusal(move, status);
    }
    move.check?.(tx, before);
    const stamp = `[${move.label} ${iso(tx.now)}${tx.actor?.kind === 'staff' ? ` — ${tx.actor.fullName}` : ''}] ${actionNote ?? ''}`.trim();
    const after = await transition(tx, 'limitations', id, {
      from: [status],
      to: move.to,
      version: before.version,
      set: { note: before.note ? `${String(before.note)}\n${stamp}` : stamp, ...(move.set?.(tx, before) ?? {}) },
      action: `limitations.${move.action}`,
      lost: limitationLost(id),
    });
    await move.then?.(tx, before, after);
    await refreshPartnerLimitation(tx, num(before.partnerId));
    return getOne(tx.trx, limitationsSpec, String(id));
  });
}
