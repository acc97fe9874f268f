/**
 * Who may work on a file (REF-9, VER-4). Guards decide who may act, never write: the
 * race-safe status change itself is server/data/transition.ts.
 */
import type { Knex } from 'knex';
import type { StaffActor } from '../auth/actor';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import type { PartnerFile } from './repository';

export function staff(ctx: Ctx): StaffActor {
  if (ctx.actor?.kind !== 'staff') throw AppError.notAuthenticated();
  return ctx.actor;
}

export async function fullNameOf(db: Knex, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db('users').select('fullName').where('id', userId).first();
  return row ? String(row.fullName) : null;
}

/** 409 conflict naming the agent who holds the file. */
export async function takenByOther(db: Knex, partner: Pick<PartnerFile, 'id' | 'reference' | 'assignedTo'>): Promise<AppError> {
  const name = (await fullNameOf(db, partner.assignedTo)) ?? 'un autre agent';
  return AppError.conflict(`Le dossier ${partner.reference} est déjà pris par ${name}. / This file was already taken by ${name}.`, {
    assignedTo: partner.assignedTo,
    assignedToName: name,
  });
}

/**
 * REF-9 / VER-4: reviewing a file (documents, checks, decision) is for the agent who took
 * it (or an admin) while it is `in_review`; an active partner's file (renewals, REF-8) is
 * open to any support agent; an applicant's file must be taken first.
 */
export async function assertMayReview(ctx: Ctx, partner: PartnerFile): Promise<void> {
  const actor = staff(ctx);
  switch (partner.status) {
    case 'in_review':
      if (partner.assignedTo !== actor.id && actor.role !== 'admin') throw await takenByOther(ctx.db, partner);
      return;
    case 'active':
      return;
    case 'applicant':
      throw AppError.invalidState(
        `Prenez d’abord le dossier ${partner.reference} (il est en attente dans la file). / Take the file first.`,
        { status: partner.status },
        'not_taken',
      );
    default:
      throw AppError.invalidState(`Le dossier ${partner.reference} est clos (${partner.status}). / This file is closed.`, { status: partner.status });
  }
}
