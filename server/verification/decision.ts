/**
 * The file's life (REF-9): an agent takes an applicant's file (→ in_review, assigned to
 * them, so that two agents never work the same file), may release it, and decides:
 * approve (→ active: the engine starts offering work — only with a complete checklist,
 * else 409 checklist_incomplete) or refuse with an internal reason (→ refused, REF-7).
 * An admin may reopen a refused file (→ in_review). Each step is one transaction with its
 * audit row; concurrent steps are settled by conditional updates (the loser gets 409).
 */
import type { Row } from '../data/rows';
import { z } from 'zod';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { decidedBy } from '../audit/lastActor';
import { actedFirst } from '../data/actedFirst';
import { getOne, parseId } from '../data/getOne';
import { inTransaction, type Tx } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import type { Registry } from '../registry/types';
import { evaluateFiles } from './fileStatus';
import { assertMayReview, staff, takenByOther } from './guards';
import { registryStateFor } from './registryCheck';
import { loadPartnerFile, type PartnerFile } from './repository';

async function partnerOr404(ctx: Ctx, rawId: string | number): Promise<PartnerFile> {
  const id = typeof rawId === 'number' ? rawId : Number(parseId(partnersSpec, rawId));
  const partner = await loadPartnerFile(ctx.db, id);
  if (!partner) throw AppError.notFound('partners', rawId);
  return partner;
}

/** Explains why a status change lost: re-reads the file and names who holds it now. */
function explainLost(id: number, expected: string) {
  return async (tx: Tx) => {
    const now = await loadPartnerFile(tx.trx, id);
    if (now?.status === 'in_review' && now.assignedTo !== null && expected === 'applicant') return takenByOther(tx.trx, now);
    return actedFirst(tx.trx, 'partners', id, { outcome: ` : le dossier est désormais « ${now?.status ?? 'inconnu'} »` });
  };
}

/** POST /api/partners/{id}/take: applicant → in_review, assigned to the caller (REF-9). Taking one's own file again is a no-op. */
export async function takePartner(ctx: Ctx, rawId: string | number): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status === 'in_review') {
    if (partner.assignedTo === actor.id) return getOne(ctx.db, partnersSpec, String(partner.id));
    throw await takenByOther(ctx.db, partner);
  }
  if (partner.status !== 'applicant') {
    throw AppError.invalidState(`Seul un dossier en attente peut être pris (statut : ${partner.status}). / Only an applicant's file can be taken.`, { status: partner.status });
  }
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['applicant'], to: 'in_review', set: { assignedTo: actor.id, takenAt: tx.now.toISOString() }, action: 'partners.take', lost: explainLost(partner.id, 'applicant') }),
  );
}

/**
 * POST /api/verification-queue/next: takes the file that has waited longest. When another
 * agent takes it first, the next one is tried; 404 when nothing is waiting.
 */
export async function takeNextPartner(ctx: Ctx): Promise<Row> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = await ctx.db('partners')
      .select('id')
      .where('status', 'applicant')
      .orderByRaw('COALESCE(??, ??) ASC', ['reviewRequestedAt', 'createdAt'])
      .orderBy('id', 'asc')
      .first();
    if (!next) throw new AppError('not_found', 'Aucun dossier en attente dans la file. / The queue is empty.', 404);
    try {
      return await takePartner(ctx, Number(next.id));
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') continue;
      throw err;
    }
  }
  throw AppError.conflict('La file change trop vite : réessayez. / The queue is busy, try again.');
}

/** POST /api/partners/{id}/release: in_review → applicant (back in the queue), by the agent holding it or an admin. */
export async function releasePartner(ctx: Ctx, rawId: string): Promise<Row> {
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'in_review') {
    throw AppError.invalidState(`Seul un dossier en cours d’examen peut être rendu (statut : ${partner.status}). / Only a file under review can be released.`, {
      status: partner.status,
    });
  }
  await assertMayReview(ctx, partner);
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'applicant', set: { assignedTo: null, takenAt: null }, action: 'partners.release', lost: explainLost(partner.id, 'in_review') }),
  );
}

/**
 * POST /api/partners/{id}/approve: in_review → active (REF-9), only when every blocking item
 * of the checklist is ok; otherwise 409 `checklist_incomplete` with `details.missing`.
 * The registry answer is refreshed first when stale (REF-2).
 */
export async function approvePartner(ctx: Ctx, registry: Registry, rawId: string): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'in_review') {
    const by = await decidedBy(ctx.db, 'partners', partner.id);
    throw AppError.invalidState(`Seul un dossier en cours d’examen peut être approuvé (statut : ${partner.status}${by}). / Only a file under review can be approved.`, {
      status: partner.status,
    });
  }
  await assertMayReview(ctx, partner);
  const now = ctx.clock.now();
  const state = await registryStateFor(ctx.db, registry, partner.siren, now);
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    // Evaluated inside the transaction: a document rejected a moment ago is seen.
    const current = await loadPartnerFile(trx, partner.id);
    if (!current) throw AppError.notFound('partners', partner.id);
    if (current.status !== 'in_review') throw await explainLost(partner.id, 'in_review')(tx);
    const [{ checklist }] = await evaluateFiles(trx, [current], now, new Map([[current.siren ?? '', state]]));
    if (!checklist.complete) {
      throw AppError.invalidState(
        `Le dossier est incomplet : ${checklist.missing.join(', ')}. / The checklist is incomplete.`,
        { missing: checklist.missing, items: checklist.items.filter((i) => i.blocking) },
        'checklist_incomplete',
      );
    }
    return transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'active', set: { assignedTo: null, decidedAt: now.toISOString(), decidedBy: actor.id, refusalReason: null, fileIncompleteSince: null }, action: 'partners.approve', lost: explainLost(partner.id, 'in_review') });
  });
}

export const refuseSchema = z.strictObject({
  reason: z.string().trim().min(3, 'motif interne requis (3 caractères au moins) / internal reason required (at least 3 characters)').max(2000),
});

/** POST /api/partners/{id}/refuse {reason}: in_review → refused, with the internal reason (REF-7: never sent to the partner). */
export async function refusePartner(ctx: Ctx, rawId: string, input: z.infer<typeof refuseSchema>): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'in_review') {
    const by = await decidedBy(ctx.db, 'partners', partner.id);
    throw AppError.invalidState(`Seul un dossier en cours d’examen peut être refusé (statut : ${partner.status}${by}). / Only a file under review can be refused.`, {
      status: partner.status,
    });
  }
  await assertMayReview(ctx, partner);
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['in_review'], to: 'refused', set: { assignedTo: null, refusalReason: input.reason, decidedAt: tx.now.toISOString(), decidedBy: actor.id }, action: 'partners.refuse', lost: explainLost(partner.id, 'in_review') }),
  );
}

/** POST /api/partners/{id}/reopen: refused → in_review, assigned to the admin who reopens it (REF-9). */
export async function reopenPartner(ctx: Ctx, rawId: string): Promise<Row> {
  const actor = staff(ctx);
  const partner = await partnerOr404(ctx, rawId);
  if (partner.status !== 'refused') {
    throw AppError.invalidState(`Seul un dossier refusé peut être rouvert (statut : ${partner.status}). / Only a refused file can be reopened.`, { status: partner.status });
  }
  return inTransaction(ctx, (tx) =>
    transition(tx, partnersSpec, partner.id, { from: ['refused'], to: 'in_review', set: { assignedTo: actor.id, takenAt: tx.now.toISOString(), decidedAt: null, decidedBy: null }, action: 'partners.reopen', lost: explainLost(partner.id, 'refused') }),
  );
}
