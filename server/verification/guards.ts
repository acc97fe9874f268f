/**
 * Who may work on a file, and the race-safe status transition every action uses: a
 * conditional UPDATE (`WHERE status IN (…)`), so that when two agents act at once the
 * second gets 409 instead of overwriting the first (REF-9).
 */
import type { Knex } from 'knex';
import type { StaffActor } from '../auth/actor';
import { lastActor, whenInParis } from '../audit/lastActor';
import { recordAudit } from '../audit/recordAudit';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { getOne } from '../http/listQuery';
import type { ResourceSpec } from '../http/resource';
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

/**
 * Moves one row from one of `from` statuses with `changes`, in `trx`, with its audit row.
 * Zero rows updated means someone else changed the status first: `onLost(trx)` explains it
 * (reading with `trx`: SQLite has one connection, held by this transaction).
 */
export async function transition(
  ctx: Ctx,
  trx: Knex.Transaction,
  spec: ResourceSpec,
  id: number,
  from: readonly string[],
  changes: Record<string, unknown>,
  action: string,
  onLost: (trx: Knex.Transaction) => Promise<AppError>,
): Promise<Record<string, unknown>> {
  const before = await getOne(trx, spec, String(id));
  const now = ctx.clock.now().toISOString();
  const columns: Record<string, unknown> = { ...changes, version: trx.raw('?? + 1', ['version']) };
  if (spec.fields.updatedAt) columns.updatedAt = now;
  const n = await trx(spec.table).where('id', id).whereIn('status', from).update(columns);
  if (n === 0) throw await onLost(trx);
  const after = await getOne(trx, spec, String(id));
  await recordAudit(trx, { actor: ctx.actor, action, resource: spec.name, resourceId: id, before, after, at: new Date(now) });
  return after;
}

/** " (par Sophie Support le 20/11/2026 à 11:00)": who made the decision a refused action runs into. */
export async function decidedBy(db: Knex | Knex.Transaction, resource: string, id: number): Promise<string> {
  const who = await lastActor(db, resource, id);
  return who.action ? ` (par ${who.name}${whenInParis(who.at)})` : '';
}

/** 409 conflict for the loser of a race: names who acted first (audit trail), issue 8. */
export async function actedFirst(db: Knex | Knex.Transaction, resource: string, id: number, what: string): Promise<AppError> {
  const who = await lastActor(db, resource, id);
  return AppError.conflict(`${who.name} a agi avant vous${whenInParis(who.at)} : ${what}. Rechargez la page. / ${who.name} acted first.`, {
    actedBy: who.actorId,
    actedByName: who.name,
    actedAt: who.at,
    action: who.action,
  });
}
