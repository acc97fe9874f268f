/**
 * What the loser of a race on a limitation is told (REF-9): who acted first and when, from
 * the audit trail.
 */
import type { Knex } from 'knex';
import { lastActor, whenInParis } from '../audit/lastActor';
import { actedFirst } from '../data/actedFirst';
import type { LimitationsRow } from '../data/tables';
import type { Tx } from '../data/transaction';
import { AppError } from '../http/errors';

/** 409 `conflict`: someone moved the limitation since it was read. */
export function limitationLost(id: number) {
  return (tx: Tx, status: string | undefined): Promise<AppError> =>
    actedFirst(tx.trx, 'limitations', id, { on: 'sur cette limitation', outcome: ` (statut désormais : ${String(status)})`, english: 'anonymous', status });
}

/** 409 `invalid_state`, LIM-7: a manual limitation is already in force — says who applied it (two ops racing). */
export async function alreadyLimited(db: Knex | Knex.Transaction, open: LimitationsRow): Promise<AppError> {
  const who = await lastActor(db, 'limitations', open.id, ['limitations.create']);
  return AppError.invalidState(
    `Ce partenaire a déjà une limitation manuelle en cours (n° ${open.id}), appliquée par ${who.name}${whenInParis(who.at)}. / The partner already has a manual limitation in force.`,
    { limitationId: open.id, status: open.status, actedBy: who.actorId, actedByName: who.name, actedAt: who.at },
  );
}
