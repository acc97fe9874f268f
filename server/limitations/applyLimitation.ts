/**
 * Ops apply a manual limitation to an active partner (LIM-3, LIM-4, LIM-7, LIM-8): one
 * transaction writes the limitation and its audit row, schedules its end-of-period review
 * (LIM-6), restricts the partner and queues the partner's message.
 */
import type { LimitationsRow, PartnersRow } from '../data/tables';
import { z } from 'zod';
import { LIMITATION_MODALITIES, type LimitationStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { insertId } from '../data/insertId';
import { rawRow } from '../data/rawRow';
import { getOne } from '../data/getOne';
import { iso, num, type Row } from '../data/rows';
import { inTransaction, staffId } from '../data/transaction';
import { isUniqueViolation } from '../db';
import { scheduleDeadline } from '../engine/live/deadlines';
import { refreshPartnerLimitation } from '../engine/live/limitations';
import { AppError } from '../http/errors';
import { limitationsSpec } from './specs';
import { alreadyLimited } from './limitationRaces';
import { LIMITATION_SETTINGS } from './settings';
import { writeOutbox } from './writeOutbox';

/** LIM-4 (a)–(e): the reasons ops may give for a manual limitation. */
export const MANUAL_REASONS = ['aggressive_to_staff', 'aggressive_to_clients', 'repeated_negative_reviews', 'no_show', 'repeated_cancellations'] as const;

export const createLimitationSchema = z
  .object({
    partnerId: z.number().int().positive(),
    reason: z.enum(MANUAL_REASONS),
    modality: z.enum(LIMITATION_MODALITIES),
    endsAt: z.string().datetime({ offset: true }),
    note: z.string().trim().min(1, 'Une note est requise. / A note is required.').max(4000),
    evidence: z.array(z.object({ type: z.enum(['order', 'review', 'case']), id: z.number().int().positive() }).strict()).max(100).optional(),
  })
  .strict();
export type CreateLimitationInput = z.infer<typeof createLimitationSchema>;

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

export async function applyLimitation(ctx: Ctx, input: CreateLimitationInput): Promise<Row> {
  try {
    return await insertLimitation(ctx, input);
  } catch (err) {
    // Two ops applying at once on PostgreSQL: both checked, the unique index let one in.
    if (!isUniqueViolation(err)) throw err;
    const open = await ctx.db<LimitationsRow>('limitations').where({ partnerId: input.partnerId, kind: 'manual' }).whereIn('status', [...MANUAL_OPEN]).first();
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
    const partner = await tx.trx<PartnersRow>('partners').where('id', input.partnerId).first();
    if (!partner) throw AppError.validation(`Partenaire ${input.partnerId} introuvable. / Unknown partner.`, { fields: { partnerId: 'unknown' } });
    const evidence = input.evidence ?? [];
    const missing: string[] = [];
    for (const item of evidence) {
      const row = (await tx.trx(EVIDENCE_TABLES[item.type]).select('id', 'partnerId').where('id', item.id).first()) as { id: number; partnerId: number | null } | undefined;
      // *(assumed)* LIM-8: evidence must exist and concern this partner.
      if (!row || (row.partnerId !== null && row.partnerId !== undefined && num(row.partnerId) !== input.partnerId)) missing.push(`${item.type} ${item.id}`);
    }
    if (missing.length) {
      throw AppError.validation(`Pièces introuvables ou sans rapport avec ce partenaire : ${missing.join(', ')}. / Unknown evidence.`, { fields: { evidence: 'unknown' }, missing });
    }
    if (partner.status !== 'active') {
      throw AppError.invalidState(`Seul un partenaire actif peut être limité (statut : ${String(partner.status)}). / Only an active partner can be limited.`, { status: partner.status });
    }
    const open = await tx.trx<LimitationsRow>('limitations').where({ partnerId: input.partnerId, kind: 'manual' }).whereIn('status', [...MANUAL_OPEN]).first();
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
    return getOne(tx.trx, limitationsSpec, String(id));
  });
}
