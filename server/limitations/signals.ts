/**
 * Signals: suggestions for ops' review (CONTRACT "Limitations"), never decisions.
 * - filed by support, a mediator or an admin (`POST /api/signals`, source `filed`); ops
 *   review them (read, dismiss, act) but do not file them (shared/permissions.ts);
 * - computed from the data (source `computed`, thresholds in ./settings): partner
 *   cancellations, no-shows, negative reviews, dispute cases, and chat messages sharing
 *   contact details or rates (CON-1, ./contactDetector).
 * `refreshSignals` is idempotent: a signal is never created twice for the same partner,
 * reason and evidence, whatever its status (a dismissed one stays dismissed) *(assumed)*.
 */
import type { CasesRow, MessagesRow, OrdersRow, ReviewsRow, SignalsRow } from '../data/tables';
import { z } from 'zod';
import { SIGNAL_REASONS, type SignalReason } from '../../shared/domain';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction, type Tx } from '../data/transaction';
import { transition } from '../data/transition';
import { insertId } from '../data/insertId';
import { iso, num, type Row } from '../data/rows';
import { rawRow } from '../data/rawRow';
import { AppError } from '../http/errors';
import { getOne, parseId } from '../data/getOne';
import { signalsSpec } from './specs';
import { detectContactDetails } from './contactDetector';
import { SIGNAL_SETTINGS } from './settings';

export const fileSignalSchema = z
  .object({
    partnerId: z.number().int().positive(),
    reason: z.enum(SIGNAL_REASONS),
    note: z.string().trim().min(1, 'Une note est requise. / A note is required.').max(4000),
    caseId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type FileSignalInput = z.infer<typeof fileSignalSchema>;

export const signalNoteSchema = z.object({ note: z.string().trim().max(4000).optional() }).strict();

type Evidence = { type: 'order' | 'review' | 'case' | 'message'; id: number };

const DAY = 86_400_000;

export async function fileSignal(ctx: Ctx, input: FileSignalInput): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const partner = await tx.trx('partners').select('id').where('id', input.partnerId).first();
    if (!partner) throw AppError.validation(`Partenaire ${input.partnerId} introuvable. / Unknown partner.`, { fields: { partnerId: 'unknown' } });
    if (input.caseId) {
      const c = await tx.trx('cases').select('id').where('id', input.caseId).first();
      if (!c) throw AppError.validation(`Dossier ${input.caseId} introuvable. / Unknown case.`, { fields: { caseId: 'unknown' } });
    }
    const evidence: Evidence[] = input.caseId ? [{ type: 'case', id: input.caseId }] : [];
    const id = await insertSignal(tx, { partnerId: input.partnerId, source: 'filed', reason: input.reason, note: input.note, evidence, caseId: input.caseId ?? null });
    return getOne(tx.trx, signalsSpec, String(id));
  });
}

async function insertSignal(tx: Tx, s: { partnerId: number; source: 'filed' | 'computed'; reason: SignalReason; note: string; evidence: Evidence[]; caseId: number | null }): Promise<number> {
  const id = await insertId(tx.trx, 'signals', {
    partnerId: s.partnerId,
    source: s.source,
    reason: s.reason,
    note: s.note,
    evidence: JSON.stringify(s.evidence),
    caseId: s.caseId,
    status: 'open',
    createdBy: tx.actor?.kind === 'staff' ? tx.actor.id : null,
    createdAt: iso(tx.now),
  });
  await audit(tx, 'signals.create', 'signals', id, null, await rawRow(tx.trx, 'signals', id));
  return id;
}

/** ops: dismiss (not worth acting on) or mark actioned (a limitation or a talk followed). */
export async function setSignalStatus(ctx: Ctx, rawId: string, status: 'dismissed' | 'actioned', note: string | undefined): Promise<Row> {
  const id = Number(parseId(signalsSpec, rawId));
  return inTransaction(ctx, async (tx) => {
    const before = await tx.trx<SignalsRow>('signals').where('id', id).first();
    if (!before) throw AppError.notFound('signals', rawId);
    if (before.status !== 'open') {
      if (before.status === status) throw AppError.conflict(`Ce signal est déjà « ${status} ». / Someone acted first.`, { status: before.status });
      throw AppError.invalidState(`Seul un signal ouvert peut changer de statut (statut : ${String(before.status)}). / Only an open signal can change.`, { status: before.status });
    }
    const stamp = note ? `${before.note ? `${String(before.note)}\n` : ''}[${status} ${iso(tx.now)}] ${note}` : (before.note as string | null);
    await transition(tx, 'signals', id, {
      from: ['open'],
      to: status,
      set: { note: stamp },
      action: `signals.${status === 'dismissed' ? 'dismiss' : 'action'}`,
      lost: async () => AppError.conflict('Quelqu’un a traité ce signal avant vous. / Someone acted first.'),
    });
    return getOne(tx.trx, signalsSpec, String(id));
  });
}

interface Candidate {
  partnerId: number;
  reason: SignalReason;
  note: string;
  evidence: Evidence[];
}

function group(rows: Row[], min: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const p = num(r.partnerId);
    out.set(p, [...(out.get(p) ?? []), num(r.id)]);
  }
  for (const [p, list] of out) if (list.length < min) out.delete(p);
  return out;
}

/** The computed signals as the data stands at `now` (read-only). */
export async function computeSignalCandidates(tx: Tx): Promise<Candidate[]> {
  const since = (days: number) => iso(new Date(tx.now.getTime() - days * DAY));
  const now = iso(tx.now);
  const out: Candidate[] = [];
  const S = SIGNAL_SETTINGS;

  const cancelled = (await tx.trx<OrdersRow>('orders').select('id', 'partnerId').where('status', 'cancelled_by_partner').whereNotNull('partnerId')
    .where('cancelledAt', '>=', since(S.cancellations.days)).where('cancelledAt', '<=', now).orderBy('id'));
  for (const [partnerId, ids] of group(cancelled, S.cancellations.min)) {
    out.push({ partnerId, reason: 'repeated_cancellations', note: `${ids.length} annulations par le partenaire en ${S.cancellations.days} jours.`, evidence: ids.map((id) => ({ type: 'order', id })) });
  }

  const noShows = (await tx.trx<OrdersRow>('orders').select('id', 'partnerId').where('status', 'no_show').whereNotNull('partnerId')
    .where('startsAt', '>=', since(S.noShows.days)).where('startsAt', '<=', now).orderBy('id'));
  for (const [partnerId, ids] of group(noShows, S.noShows.min)) {
    out.push({ partnerId, reason: 'no_show', note: `${ids.length} absence(s) sans prévenir en ${S.noShows.days} jours.`, evidence: ids.map((id) => ({ type: 'order', id })) });
  }

  const negative = (await tx.trx<ReviewsRow>('reviews').select('id', 'partnerId').where('rating', '<=', S.negativeReviews.maxRating)
    .where('createdAt', '>=', since(S.negativeReviews.days)).where('createdAt', '<=', now).orderBy('id'));
  for (const [partnerId, ids] of group(negative, S.negativeReviews.min)) {
    out.push({ partnerId, reason: 'repeated_negative_reviews', note: `${ids.length} avis négatifs (note ≤ ${S.negativeReviews.maxRating}) en ${S.negativeReviews.days} jours.`, evidence: ids.map((id) => ({ type: 'review', id })) });
  }

  const cases = (await tx.trx<CasesRow>('cases').select('id', 'partnerId').whereNotNull('partnerId')
    .where('createdAt', '>=', since(S.cases.days)).where('createdAt', '<=', now).orderBy('id'));
  for (const [partnerId, ids] of group(cases, S.cases.min)) {
    out.push({ partnerId, reason: 'recent_case', note: `${ids.length} litige(s) en ${S.cases.days} jours.`, evidence: ids.map((id) => ({ type: 'case', id })) });
  }

  const messages = (await tx.trx<MessagesRow>('messages').select('id', 'partnerId', 'body').where('sender', 'partner')
    .where('createdAt', '>=', since(S.contactSharing.days)).where('createdAt', '<=', now).orderBy('id'));
  const sharing = messages.filter((m) => detectContactDetails(String(m.body)).length > 0);
  for (const [partnerId, ids] of group(sharing, 1)) {
    const kinds = new Set(sharing.filter((m) => num(m.partnerId) === partnerId).flatMap((m) => detectContactDetails(String(m.body)).map((d) => d.kind)));
    out.push({ partnerId, reason: 'contact_sharing', note: `Coordonnées ou tarifs partagés dans la messagerie (CON-1) : ${[...kinds].join(', ')}.`, evidence: ids.map((id) => ({ type: 'message', id })) });
  }
  return out;
}

function evidenceKey(e: readonly Evidence[]): string {
  return e.map((x) => `${x.type}:${x.id}`).sort().join(',');
}

function parseEvidence(raw: unknown): Evidence[] {
  try {
    const v = JSON.parse(String(raw ?? '[]')) as unknown;
    return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Evidence[]) : [];
  } catch {
    return [];
  }
}

/** Creates the computed signals not yet recorded (same partner + reason + evidence). */
export async function refreshSignals(ctx: Ctx): Promise<{ created: number; signals: Row[] }> {
  return inTransaction(ctx, (tx) => refreshSignalsIn(tx));
}

/** The same inside a transaction of the caller (the engine worker's daily job). */
export async function refreshSignalsIn(tx: Tx): Promise<{ created: number; signals: Row[] }> {
  {
    const candidates = await computeSignalCandidates(tx);
    const existing = await tx.trx<SignalsRow>('signals').select('partnerId', 'reason', 'evidence').where('source', 'computed');
    const seen = new Set(existing.map((r) => `${num(r.partnerId)}|${String(r.reason)}|${evidenceKey(parseEvidence(r.evidence))}`));
    const ids: number[] = [];
    for (const c of candidates) {
      const key = `${c.partnerId}|${c.reason}|${evidenceKey(c.evidence)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ids.push(await insertSignal(tx, { ...c, source: 'computed', caseId: c.reason === 'recent_case' ? c.evidence[c.evidence.length - 1]!.id : null }));
    }
    const signals: Row[] = [];
    for (const id of ids) signals.push(await getOne(tx.trx, signalsSpec, String(id)));
    return { created: ids.length, signals };
  }
}
