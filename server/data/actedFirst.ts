/**
 * The 409 `conflict` told to the loser of a race (REF-9): of two people acting on the same
 * record at once one succeeds, and the other learns from the audit trail who acted first and
 * when, instead of silently overwriting their decision.
 */
import type { Knex } from 'knex';
import { lastActor, whenInParis } from '../audit/lastActor';
import { AppError } from '../http/errors';
import type { JsonValue } from '../../shared/json';

/** How a capability words the refusal: "X a agi[ on] avant vous[ when][outcome]. Rechargez la page." */
export interface RaceWording {
  /** What the loser acted on, when the message names it ("sur ce dossier"). */
  on?: string;
  /** What the record has become (" : le dossier est désormais « refusé »", " (statut désormais : clos)"). */
  outcome: string;
  /** Whether the message dates the winner's action in Paris time (default: yes). */
  dated?: boolean;
  /** Whether the English half names the winner (default) or says "Someone". */
  english?: 'named' | 'anonymous';
  /** The audit actions that count as acting (default: the record's last audit row, whatever it was). */
  actions?: readonly string[];
  /** The record's status now: given, the details carry it instead of the winner's action. */
  status?: JsonValue;
}

export async function actedFirst(db: Knex | Knex.Transaction, resource: string, id: number, wording: RaceWording): Promise<AppError> {
  const who = await lastActor(db, resource, id, wording.actions);
  const when = wording.dated === false ? '' : whenInParis(who.at);
  const english = wording.english === 'anonymous' ? 'Someone acted first.' : `${who.name} acted first.`;
  const found = { actedBy: who.actorId, actedByName: who.name, actedAt: who.at };
  const details = 'status' in wording ? { ...found, status: wording.status } : { ...found, action: who.action };
  return AppError.conflict(`${who.name} a agi${wording.on ? ` ${wording.on}` : ''} avant vous${when}${wording.outcome}. Rechargez la page. / ${english}`, details);
}
