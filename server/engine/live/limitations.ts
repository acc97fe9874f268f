/**
 * The automatic limitation, live (rules LIM-1, LIM-2, LIM-3, LIM-7): checked each time one of
 * a partner's proposals becomes a refusal (declined, timed out, another slot the client
 * declined or let expire), lifted by an acceptance (the partner's own, or another slot of
 * theirs the client accepted); and the end of a manual limitation's period (LIM-6 →
 * awaiting_review). The decisions are the pure core's (`limitingProposals`, `shouldLift`);
 * this file reads and writes rows.
 */
import type { Instant, LimitationsRow, ProposalsRow } from '../../data/tables';
import type { Knex } from 'knex';
import type { LimitationModality } from '../../../shared/domain';
import { AUTOMATIC_LIMITATION_WINDOW, limitingProposals, shouldLift, type ProposalRecord } from '../automaticLimitation';
import { effectiveLimitation, restrictsDispatch } from '../eligibility';
import { restrictingModalities } from './repository';
import { rawRow } from '../../data/rawRow';
import { transitionIfStill } from '../../data/transition';
import { audit } from '../../data/audit';
import { insertId } from '../../data/insertId';
import { iso, num, toDate, toDateOrNull, type Row } from '../../data/rows';
import type { Tx } from '../../data/transaction';

const AUTO_NOTE = 'Aucune des 50 dernières propositions acceptée (LIM-1).';
const LIFT_NOTE = ' Levée automatique : proposition acceptée (LIM-3).';

/** rule LIM-7: the last lift of the partner's automatic limitation (counting restarts after it). */
export async function lastAutomaticLift(db: Knex | Knex.Transaction, partnerId: number): Promise<Date | null> {
  const row = (await db('limitations').where({ partnerId, kind: 'automatic', status: 'lifted' }).max({ at: 'liftedAt' }).first()) as { at: Instant | null } | undefined;
  return toDateOrNull(row?.at ?? null);
}

/** The columns of a proposals row LIM-7 reads, with its order's status as `orderStatus` when the query joins it. */
export type AnsweredProposalRow = Pick<ProposalsRow, 'id' | 'sentAt' | 'answer' | 'answeredAt' | 'clientAnswer' | 'clientAnsweredAt'> & { orderStatus?: string };

/** A proposals row as LIM-7 reads it. */
export function proposalRecord(r: AnsweredProposalRow): ProposalRecord & { id: number } {
  const answer = r.answer as ProposalRecord['answer'];
  const clientAnswer = (r.clientAnswer ?? null) as ProposalRecord['clientAnswer'];
  return {
    id: num(r.id),
    sentAt: toDate(r.sentAt),
    answer,
    answeredAt: toDateOrNull(r.answeredAt),
    clientAnswer,
    clientAnsweredAt: toDateOrNull(r.clientAnsweredAt ?? null),
    // rule ENG-4: another slot still unanswered by the client when its order left dispatch (cancelled).
    withdrawn: answer === 'other_slot' && clientAnswer === null && r.orderStatus !== undefined && r.orderStatus !== 'dispatching',
  };
}

/**
 * rule LIM-7: the partner's answered proposals sent after `since`, newest first, with what
 * LIM-7 reads (the client's answer to another slot, the order's status), leaving out the
 * other slots withdrawn with their order (ENG-4) — and with `decidedOnly` every other slot
 * without the client's answer, undecided ones too — so that the `limit` rows are all counted
 * (or undecided). `proposals(partnerId, sentAt)` serves the order; each order is read by its id.
 */
export function answeredProposalsQuery(db: Knex | Knex.Transaction, partnerId: number, since: Date | null, limit: number, opts: { decidedOnly?: boolean } = {}): Knex.QueryBuilder {
  const q = db('proposals as p')
    .join('orders as o', 'o.id', 'p.orderId')
    .select('p.id', 'p.sentAt', 'p.answer', 'p.answeredAt', 'p.clientAnswer', 'p.clientAnsweredAt', { orderStatus: 'o.status' })
    .where('p.partnerId', partnerId)
    .whereNotNull('p.answer')
    .whereNot((w) => {
      w.where('p.answer', 'other_slot').whereNull('p.clientAnswer');
      if (!opts.decidedOnly) w.whereNot('o.status', 'dispatching');
    })
    .orderBy([{ column: 'p.sentAt', order: 'desc' }, { column: 'p.id', order: 'desc' }])
    .limit(limit);
  if (since) q.where('p.sentAt', '>', iso(since));
  return q;
}

async function activeAutomatic(tx: Tx, partnerId: number): Promise<Row | undefined> {
  return (await tx.trx<LimitationsRow>('limitations').where({ partnerId, kind: 'automatic' }).whereIn('status', ['active']).orderBy('id', 'desc').first());
}

/** Keeps partners.limitation (the effective modality the console lists) in step with the limitations (LIM-7). */
export async function refreshPartnerLimitation(tx: Tx, partnerId: number): Promise<LimitationModality | null> {
  const modalities = (await restrictingModalities(tx, [partnerId])).get(partnerId) ?? [];
  const effective = effectiveLimitation(modalities);
  await tx.trx('partners').where('id', partnerId).update({ limitation: effective });
  return effective;
}

/**
 * rule LIM-1 / LIM-7: after one of the partner's proposals became a refusal, limit them
 * automatically when none of their last 50 counted proposals (sent after the last automatic
 * lift) was an acceptance and none is another slot still awaiting the client.
 * Returns the new limitation row, if any.
 */
export async function checkAutomaticLimitation(tx: Tx, partnerId: number): Promise<Row | null> {
  if (await activeAutomatic(tx, partnerId)) return null; // LIM-7: at most one automatic limitation
  const since = await lastAutomaticLift(tx.trx, partnerId);
  // The 50 newest counted or undecided: enough to decide (an undecided one among them protects).
  const rows = (await answeredProposalsQuery(tx.trx, partnerId, since, AUTOMATIC_LIMITATION_WINDOW)) as AnsweredProposalRow[];
  const records = limitingProposals(rows.map(proposalRecord), since);
  if (records === null) return null;
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

/**
 * rule LIM-3 *(assumed)*, ENG-5: an acceptance — the partner's own, or another slot of theirs
 * the client accepted (LIM-7) — lifts the partner's automatic limitation by itself.
 */
export async function liftAutomaticOnAcceptance(tx: Tx, partnerId: number): Promise<Row | null> {
  const current = await activeAutomatic(tx, partnerId);
  if (!current) return null;
  const started = iso(toDate(current.startsAt));
  const accepted = (await tx.trx<ProposalsRow>('proposals')
    .select('id', 'sentAt', 'answer', 'answeredAt', 'clientAnswer', 'clientAnsweredAt')
    .where('partnerId', partnerId)
    .where((w) => {
      w.where((a) => a.where('answer', 'accepted').where('answeredAt', '>', started)).orWhere((c) => c.where({ answer: 'other_slot', clientAnswer: 'accepted' }).where('clientAnsweredAt', '>', started));
    }));
  if (!shouldLift(accepted.map(proposalRecord), toDate(current.startsAt))) return null;
  const after = await transitionIfStill(tx, 'limitations', num(current.id), {
    from: ['active'],
    to: 'lifted',
    set: { liftedAt: iso(tx.now), liftedBy: null, note: `${String(current.note ?? '')}${LIFT_NOTE}` },
    action: 'limitations.lift',
  });
  // Lifted meanwhile by ops (PostgreSQL, another transaction): nothing left to lift.
  if (!after) return null;
  await refreshPartnerLimitation(tx, partnerId);
  return after;
}

/** rule LIM-6: at the end of its period a manual limitation awaits ops' review (it keeps restricting, LIM-7). */
export async function endLimitationPeriod(tx: Tx, limitationId: number): Promise<boolean> {
  const before = await tx.trx<LimitationsRow>('limitations').where('id', limitationId).first();
  if (!before || before.kind !== 'manual' || before.status !== 'active' || before.endsAt === null) return false;
  if (toDate(before.endsAt).getTime() > tx.now.getTime()) return false;
  if (!(await transitionIfStill(tx, 'limitations', limitationId, { from: ['active'], to: 'awaiting_review', action: 'limitations.awaiting_review' }))) return false;
  if (!restrictsDispatch('awaiting_review')) await refreshPartnerLimitation(tx, num(before.partnerId));
  return true;
}
