/**
 * Manual limitations and ops' decisions (issue 5; rules LIM-3..LIM-7, REF-9, CONTRACT
 * "Limitations"): apply, lift, terminate (request), approve / decline the termination
 * (four eyes). Each operation is ONE transaction with its audit row and, for a decision,
 * the partner's message in the outbox. State changes are conditional updates on the
 * expected status and version: of two agents acting at once, one succeeds and the other
 * gets 409 `conflict` naming who acted first.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { isUniqueViolation } from '../db';
import { LIMITATION_MODALITIES, type LimitationKind, type LimitationModality, type LimitationReason, type LimitationStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { cancelDeadlines, scheduleDeadline } from '../engine/live/deadlines';
import { refreshPartnerLimitation } from '../engine/live/limitations';
import { rawRow } from '../data/rawRow';
import { audit } from '../data/audit';
import { inTransaction, type Tx } from '../data/transaction';
import { insertId } from '../data/insertId';
import { iso, num, toDate, toDateOrNull, type Row } from '../data/rows';
import { lastActor, whenInParis } from '../audit/lastActor';
import { AppError } from '../http/errors';
import { getOne, parseId } from '../data/getOne';
import { limitationsSpec } from '../marketplace/specs';
import { limitationMessage, type OutboxDecision } from './messages';
import { LIMITATION_SETTINGS } from './settings';

/** LIM-4 (a)–(e): the reasons ops may give for a manual limitation. */
export const MANUAL_REASONS = ['aggressive_to_staff', 'aggressive_to_clients', 'repeated_negative_reviews', 'no_show', 'repeated_cancellations'] as const;

const note = z.string().trim().min(1, 'Une note est requise.').max(4000);

export const createLimitationSchema = z
  .object({
    partnerId: z.number().int().positive(),
    reason: z.enum(MANUAL_REASONS),
    modality: z.enum(LIMITATION_MODALITIES),
    endsAt: z.string().datetime({ offset: true }),
    note,
    evidence: z.array(z.object({ type: z.enum(['order', 'review', 'case']), id: z.number().int().positive() }).strict()).max(100).optional(),
  })
  .strict();
export type CreateLimitationInput = z.infer<typeof createLimitationSchema>;

export const noteSchema = z.object({ note }).strict();
/** approve-termination takes no body (an optional note is accepted). */
export const optionalNoteSchema = z.object({ note: z.string().trim().max(4000).optional() }).strict();

/** A manual limitation "in force" (LIM-7: at most one per partner). */
const MANUAL_OPEN: readonly LimitationStatus[] = ['active', 'awaiting_review', 'termination_pending'];

const EVIDENCE_TABLES = { order: 'orders', review: 'reviews', case: 'cases' } as const;

/** rule LIM-4: `endsAt` + `maxLimitationMonths` calendar months after now, at the same time of day. */
export function latestEnd(now: Date, months: number = LIMITATION_SETTINGS.maxLimitationMonths): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

function staffId(tx: Tx): number | null {
  return tx.actor?.kind === 'staff' ? tx.actor.id : null;
}

async function shape(tx: Tx, id: number): Promise<Row> {
  return getOne(tx.trx, limitationsSpec, String(id));
}

async function writeOutbox(tx: Tx, limitation: Row, decision: OutboxDecision): Promise<void> {
  const partner = (await tx.trx('partners').select('firstName').where('id', num(limitation.partnerId)).first()) as Row | undefined;
  const message = limitationMessage({
    decision,
    kind: limitation.kind as LimitationKind,
    reason: limitation.reason as LimitationReason,
    modality: limitation.modality as LimitationModality,
    startsAt: toDate(limitation.startsAt),
    endsAt: toDateOrNull(limitation.endsAt),
    at: tx.now,
    firstName: (partner?.firstName as string | null) ?? null,
  });
  await insertId(tx.trx, 'outbox', {
    partnerId: num(limitation.partnerId),
    limitationId: num(limitation.id),
    kind: `limitation_${decision}`,
    channel: 'email',
    subject: message.subject,
    body: message.body,
    createdAt: iso(tx.now),
    sentAt: null,
  });
}

export async function createLimitation(ctx: Ctx, input: CreateLimitationInput): Promise<Row> {
  try {
    return await insertLimitation(ctx, input);
  } catch (err) {
    // Two ops applying at once on PostgreSQL: both checked, the unique index let one in.
    if (!isUniqueViolation(err)) throw err;
    const open = (await ctx.db('limitations').where({ partnerId: input.partnerId, kind: 'manual' }).whereIn('status', [...MANUAL_OPEN]).first()) as Row | undefined;
    if (!open) throw err;
    throw await alreadyLimited(ctx.db, open);
  }
}

async function insertLimitation(ctx: Ctx, input: CreateLimitationInput): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= tx.now.getTime()) {
      throw AppError.validation('La date de fin doit être dans le futur. / The end date must be in the future.', { fields: { endsAt: 'past' } });
    }
    const latest = latestEnd(tx.now);
    if (endsAt.getTime() > latest.getTime()) {
      throw AppError.validation(
        `Une limitation dure au plus ${LIMITATION_SETTINGS.maxLimitationMonths} mois (fin au plus tard le ${latest.toISOString()}). / A limitation lasts at most ${LIMITATION_SETTINGS.maxLimitationMonths} months.`,
        { fields: { endsAt: 'too_far' }, latest: latest.toISOString() },
      );
    }
    const partner = (await tx.trx('partners').where('id', input.partnerId).first()) as Row | undefined;
    if (!partner) throw AppError.validation(`Partenaire ${input.partnerId} introuvable. / Unknown partner.`, { fields: { partnerId: 'unknown' } });
    const evidence = input.evidence ?? [];
    const missing: string[] = [];
    for (const item of evidence) {
      const row = (await tx.trx(EVIDENCE_TABLES[item.type]).select('id', 'partnerId').where('id', item.id).first()) as Row | undefined;
      // *(assumed)* LIM-8: evidence must exist and concern this partner.
      if (!row || (row.partnerId !== null && row.partnerId !== undefined && num(row.partnerId) !== input.partnerId)) missing.push(`${item.type} ${item.id}`);
    }
    if (missing.length) {
      throw AppError.validation(`Pièces introuvables ou sans rapport avec ce partenaire : ${missing.join(', ')}. / Unknown evidence.`, { fields: { evidence: 'unknown' }, missing });
    }
    if (partner.status !== 'active') {
      throw AppError.invalidState(`Seul un partenaire actif peut être limité (statut : ${String(partner.status)}). / Only an active partner can be limited.`, { status: partner.status });
    }
    const open = (await tx.trx('limitations').where({ partnerId: input.partnerId, kind: 'manual' }).whereIn('status', [...MANUAL_OPEN]).first()) as Row | undefined;
    if (open) throw await alreadyLimited(tx.trx, open);
    const values = {
      partnerId: input.partnerId,
      kind: 'manual',
      reason: input.reason,
      modality: input.modality,
      startsAt: iso(tx.now),
      endsAt: iso(endsAt),
      status: 'active',
      note: input.note,
      evidence: JSON.stringify(evidence),
      createdBy: staffId(tx),
      terminationRequestedBy: null,
      createdAt: iso(tx.now),
      updatedAt: iso(tx.now),
      version: 1,
    };
    const id = await insertId(tx.trx, 'limitations', values);
    const row = await rawRow(tx.trx, 'limitations', id);
    await audit(tx, 'limitations.create', 'limitations', id, null, row);
    // LIM-6: at endsAt the engine worker moves it to awaiting_review (processDeadlines → endLimitationPeriod).
    await scheduleDeadline(tx.trx, 'limitation_end', id, endsAt);
    await refreshPartnerLimitation(tx, input.partnerId);
    await writeOutbox(tx, row, 'apply');
    return shape(tx, id);
  });
}

interface Transition {
  action: 'lift' | 'terminate' | 'approve-termination' | 'decline-termination';
  from: readonly LimitationStatus[];
  to: LimitationStatus;
}

const TRANSITIONS: Record<Transition['action'], Transition> = {
  lift: { action: 'lift', from: ['active', 'awaiting_review'], to: 'lifted' },
  terminate: { action: 'terminate', from: ['awaiting_review'], to: 'termination_pending' },
  'approve-termination': { action: 'approve-termination', from: ['termination_pending'], to: 'terminated' },
  'decline-termination': { action: 'decline-termination', from: ['termination_pending'], to: 'awaiting_review' },
};

const NOTE_LABEL: Record<Transition['action'], string> = {
  lift: 'Levée',
  terminate: 'Résiliation demandée',
  'approve-termination': 'Résiliation approuvée',
  'decline-termination': 'Résiliation refusée',
};

/** 409: a manual limitation is already in force — says who applied it (two ops racing, issue 8). */
async function alreadyLimited(db: Knex | Knex.Transaction, open: Row): Promise<AppError> {
  const who = await lastActor(db, 'limitations', num(open.id), ['limitations.create']);
  return AppError.invalidState(
    `Ce partenaire a déjà une limitation manuelle en cours (n° ${String(open.id)}), appliquée par ${who.name}${whenInParis(who.at)}. / The partner already has a manual limitation in force.`,
    { limitationId: num(open.id), status: open.status, actedBy: who.actorId, actedByName: who.name, actedAt: who.at },
  );
}

async function conflict(tx: Tx, id: number, status: unknown): Promise<AppError> {
  const who = await lastActor(tx.trx, 'limitations', id);
  return AppError.conflict(`${who.name} a agi sur cette limitation avant vous${whenInParis(who.at)} (statut désormais : ${String(status)}). Rechargez la page. / Someone acted first.`, {
    actedBy: who.actorId,
    actedByName: who.name,
    actedAt: who.at,
    status,
  });
}

function refusal(t: Transition, status: LimitationStatus): AppError {
  if (t.action === 'terminate' && status === 'active') {
    return AppError.invalidState(
      'La limitation est encore en cours : la résiliation ne peut être demandée qu’après la revue de fin de période (LIM-6). / Review first: the limitation must be awaiting review.',
      { status },
    );
  }
  return AppError.invalidState(`Action « ${t.action} » impossible sur une limitation au statut « ${status} ». / The limitation's status does not allow this action.`, {
    status,
    allowedFrom: t.from,
  });
}

export async function transitionLimitation(ctx: Ctx, action: Transition['action'], rawId: string, actionNote: string | undefined): Promise<Row> {
  const t = TRANSITIONS[action];
  const id = Number(parseId(limitationsSpec, rawId));
  return inTransaction(ctx, async (tx) => {
    const before = (await tx.trx('limitations').where('id', id).first()) as Row | undefined;
    if (!before) throw AppError.notFound('limitations', rawId);
    const status = before.status as LimitationStatus;
    if (!t.from.includes(status)) {
      // Already where this action leads (or past it): someone acted first.
      if (status === t.to || (t.to === 'termination_pending' && status === 'terminated')) throw await conflict(tx, id, status);
      throw refusal(t, status);
    }
    const me = staffId(tx);
    if (action === 'approve-termination' && before.terminationRequestedBy !== null && me !== null && num(before.terminationRequestedBy) === me) {
      throw AppError.invalidState(
        'Vous avez demandé cette résiliation : un autre membre de l’équipe (ops ou admin) doit l’approuver (principe des quatre yeux). / Another ops or admin account must approve a termination you requested.',
        { terminationRequestedBy: me },
        'four_eyes_required',
      );
    }
    const stamp = `[${NOTE_LABEL[action]} ${iso(tx.now)}${tx.actor?.kind === 'staff' ? ` — ${tx.actor.fullName}` : ''}] ${actionNote ?? ''}`.trim();
    const changes: Row = {
      status: t.to,
      note: before.note ? `${String(before.note)}\n${stamp}` : stamp,
      updatedAt: iso(tx.now),
      version: num(before.version ?? 1) + 1,
    };
    if (action === 'lift') Object.assign(changes, { liftedAt: iso(tx.now), liftedBy: me });
    if (action === 'terminate') changes.terminationRequestedBy = me;
    if (action === 'decline-termination') changes.terminationRequestedBy = null;
    const n = await tx.trx('limitations').where({ id, status, version: before.version }).update(changes);
    if (n !== 1) {
      const now = (await tx.trx('limitations').select('status').where('id', id).first()) as Row | undefined;
      throw await conflict(tx, id, now?.status);
    }
    const after = await rawRow(tx.trx, 'limitations', id);
    await audit(tx, `limitations.${action}`, 'limitations', id, before, after);
    const partnerId = num(before.partnerId);
    if (action === 'lift') {
      // A manual limitation lifted before its end: its LIM-6 timer will never fire.
      await cancelDeadlines(tx, 'limitation_end', [id]);
      await writeOutbox(tx, after, 'lift');
    }
    if (action === 'approve-termination') {
      // REF-9 / LIM-6: the partner's terms end; the engine only offers work to active partners.
      const partner = (await tx.trx('partners').where('id', partnerId).first()) as Row;
      if (partner.status !== 'terminated') {
        await tx.trx('partners').where('id', partnerId).update({ status: 'terminated', updatedAt: iso(tx.now), version: num(partner.version ?? 1) + 1 });
        await audit(tx, 'partners.terminate', 'partners', partnerId, partner, await rawRow(tx.trx, 'partners', partnerId));
      }
      await writeOutbox(tx, after, 'terminate');
    }
    // LIM-7: keep the partner's effective modality in step.
    await refreshPartnerLimitation(tx, partnerId);
    return shape(tx, id);
  });
}

export async function partnerOutbox(ctx: Ctx, rawPartnerId: string): Promise<Row[]> {
  if (!/^\d{1,15}$/.test(rawPartnerId)) throw AppError.notFound('partners', rawPartnerId);
  const partnerId = Number(rawPartnerId);
  const partner = await ctx.db('partners').select('id').where('id', partnerId).first();
  if (!partner) throw AppError.notFound('partners', rawPartnerId);
  const rows = (await ctx.db('outbox').where('partnerId', partnerId).orderBy([{ column: 'createdAt', order: 'desc' }, { column: 'id', order: 'desc' }])) as Row[];
  return rows.map((r) => ({
    id: num(r.id),
    partnerId: num(r.partnerId),
    limitationId: r.limitationId === null ? null : num(r.limitationId),
    kind: r.kind,
    channel: r.channel,
    subject: r.subject,
    body: r.body,
    createdAt: toDate(r.createdAt).toISOString(),
    sentAt: r.sentAt ? toDate(r.sentAt).toISOString() : null,
  }));
}
