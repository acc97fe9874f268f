/**
 * The automatic limitation, live (rules LIM-1, LIM-2, LIM-3, LIM-7): checked each time one of
 * a partner's proposals gets an answer (declined, other slot, timeout), lifted when the
 * partner accepts one; and the end of a manual limitation's period (LIM-6 → awaiting_review).
 * The decisions are the pure core's (`shouldLimit`, `shouldLift`); this file reads and writes rows.
 */
import type { LimitationModality } from '../../../shared/domain';
import { AUTOMATIC_LIMITATION_WINDOW, shouldLift, shouldLimit, type ProposalRecord } from '../automaticLimitation';
import { effectiveLimitation, restrictsDispatch } from '../eligibility';
import { rawRow, restrictingModalities } from './repository';
import { audit, insertId, iso, num, toDate, toDateOrNull, type Row, type Tx } from './tx';

const AUTO_NOTE = 'Aucune des 50 dernières propositions acceptée (LIM-1).';
const LIFT_NOTE = ' Levée automatique : proposition acceptée (LIM-3).';

/** rule LIM-7: the last lift of the partner's automatic limitation (counting restarts after it). */
async function lastAutomaticLift(tx: Tx, partnerId: number): Promise<Date | null> {
  const row = (await tx.trx('limitations').where({ partnerId, kind: 'automatic', status: 'lifted' }).max({ at: 'liftedAt' }).first()) as Row | undefined;
  return toDateOrNull(row?.at ?? null);
}

async function activeAutomatic(tx: Tx, partnerId: number): Promise<Row | undefined> {
  return (await tx.trx('limitations').where({ partnerId, kind: 'automatic' }).whereIn('status', ['active']).orderBy('id', 'desc').first()) as Row | undefined;
}

/** Keeps partners.limitation (the effective modality the console lists) in step with the limitations (LIM-7). */
export async function refreshPartnerLimitation(tx: Tx, partnerId: number): Promise<LimitationModality | null> {
  const modalities = (await restrictingModalities(tx, [partnerId])).get(partnerId) ?? [];
  const effective = effectiveLimitation(modalities);
  await tx.trx('partners').where('id', partnerId).update({ limitation: effective });
  return effective;
}

/**
 * rule LIM-1 / LIM-7: after an answer of the partner, limit them automatically when none of
 * their last 50 answered proposals (sent after the last automatic lift) was accepted.
 * Returns the new limitation row, if any.
 */
export async function checkAutomaticLimitation(tx: Tx, partnerId: number): Promise<Row | null> {
  if (await activeAutomatic(tx, partnerId)) return null; // LIM-7: at most one automatic limitation
  const since = await lastAutomaticLift(tx, partnerId);
  const q = tx.trx('proposals')
    .select('id', 'sentAt', 'answer', 'answeredAt')
    .where('partnerId', partnerId)
    .whereNotNull('answer')
    .orderBy([{ column: 'sentAt', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(AUTOMATIC_LIMITATION_WINDOW);
  if (since) q.where('sentAt', '>', iso(since));
  const rows = (await q) as Row[];
  const records: (ProposalRecord & { id: number })[] = rows.map((r) => ({
    id: num(r.id),
    sentAt: toDate(r.sentAt),
    answer: r.answer as ProposalRecord['answer'],
    answeredAt: toDateOrNull(r.answeredAt),
  }));
  if (!shouldLimit(records, since)) return null;
  const values = {
    partnerId,
    kind: 'automatic',
    reason: 'no_acceptance_in_last_50',
    modality: 'existing_clients_only', // LIM-2
    startsAt: iso(tx.now),
    endsAt: null,
    status: 'active',
    note: AUTO_NOTE,
    evidence: JSON.stringify(records.map((r) => ({ type: 'proposal', id: r.id }))),
    createdBy: null,
    createdAt: iso(tx.now),
    updatedAt: iso(tx.now),
    version: 1,
  };
  const id = await insertId(tx.trx, 'limitations', values);
  const row = await rawRow(tx.trx, 'limitations', id);
  await audit(tx, 'limitations.create', 'limitations', id, null, row);
  await refreshPartnerLimitation(tx, partnerId);
  return row;
}

/** rule LIM-3 *(assumed)*, ENG-5: the partner's own accepted proposal lifts the partner's automatic limitation by itself. */
export async function liftAutomaticOnAcceptance(tx: Tx, partnerId: number): Promise<Row | null> {
  const current = await activeAutomatic(tx, partnerId);
  if (!current) return null;
  const accepted = (await tx.trx('proposals').select('sentAt', 'answer', 'answeredAt').where({ partnerId, answer: 'accepted' }).where('answeredAt', '>', iso(toDate(current.startsAt)))) as Row[];
  const records: ProposalRecord[] = accepted.map((r) => ({ sentAt: toDate(r.sentAt), answer: 'accepted', answeredAt: toDateOrNull(r.answeredAt) }));
  if (!shouldLift(records, toDate(current.startsAt))) return null;
  const id = num(current.id);
  await tx.trx('limitations')
    .where({ id, status: 'active' })
    .update({ status: 'lifted', liftedAt: iso(tx.now), liftedBy: null, note: `${String(current.note ?? '')}${LIFT_NOTE}`, updatedAt: iso(tx.now), version: num(current.version ?? 1) + 1 });
  const after = await rawRow(tx.trx, 'limitations', id);
  await audit(tx, 'limitations.lift', 'limitations', id, current, after);
  await refreshPartnerLimitation(tx, partnerId);
  return after;
}

/** rule LIM-6: at the end of its period a manual limitation awaits ops' review (it keeps restricting, LIM-7). */
export async function endLimitationPeriod(tx: Tx, limitationId: number): Promise<boolean> {
  const before = (await tx.trx('limitations').where('id', limitationId).first()) as Row | undefined;
  if (!before || before.kind !== 'manual' || before.status !== 'active' || before.endsAt === null) return false;
  if (toDate(before.endsAt).getTime() > tx.now.getTime()) return false;
  const n = await tx.trx('limitations')
    .where({ id: limitationId, status: 'active' })
    .update({ status: 'awaiting_review', updatedAt: iso(tx.now), version: num(before.version ?? 1) + 1 });
  if (n !== 1) return false;
  await audit(tx, 'limitations.awaiting_review', 'limitations', limitationId, before, await rawRow(tx.trx, 'limitations', limitationId));
  if (!restrictsDispatch('awaiting_review')) await refreshPartnerLimitation(tx, num(before.partnerId));
  return true;
}
