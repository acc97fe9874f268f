/**
 * A mediator writes in a case's timeline (a note, a message in or out, a proposal, a
 * decision); the other event types come from actions (evidence, status_change, deadline_extended).
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { iso, num, type Row } from '../data/rows';
import { inTransaction, type Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import { refusal } from './caseRaces';
import { OPEN_STATUSES } from './caseStatus';
import { caseIdOf, loadCase } from './loadCase';
import { assertRefundable } from './refunds';
import { addEventRow, eventById, type NewEvent } from './timeline';
import { writeCase } from './writeCase';

/** The event types a person writes; the others come from actions (evidence, status_change, deadline_extended). */
export const WRITABLE_EVENT_TYPES = ['note', 'message_in', 'message_out', 'proposal', 'decision'] as const;
export const addEventSchema = z
  .object({
    type: z.enum(WRITABLE_EVENT_TYPES, { message: `type attendu : ${WRITABLE_EVENT_TYPES.join(', ')} (les autres viennent des actions) / expected type: ${WRITABLE_EVENT_TYPES.join(', ')} (the others come from actions)` }),
    body: z.string().trim().min(1, 'Le texte est obligatoire. / The text is required.').max(20_000),
    refundCents: z.number().int().positive().optional(),
  })
  .strict();
export type AddEventInput = z.infer<typeof addEventSchema>;

/**
 * Appends an event to an open case's timeline (in the caller's transaction). A message to
 * a party or a proposal answers the written complaint (MED-7): `answeredAt` is set once.
 */
export async function appendEvent(tx: Tx, before: Row, e: NewEvent): Promise<Row> {
  const id = num(before.id);
  if (before.status === 'closed') throw await refusal(tx, id, 'closed', OPEN_STATUSES, 'Ce dossier est clos : sa chronologie est définitive. / A closed case takes no new event.');
  if (e.refundCents !== undefined && e.refundCents !== null) await assertRefundable(tx, before, e.refundCents);
  const answers = (e.type === 'message_out' || e.type === 'proposal') && (before.status === 'open' || before.status === 'amicable');
  const eventId = await addEventRow(tx, id, e);
  const event = await eventById(tx, eventId);
  if (answers && (before.answeredAt === null || before.answeredAt === undefined) && before.writtenComplaintAt) {
    await writeCase(tx, before, { answeredAt: iso(e.at ?? tx.now) }, 'cases.answered');
  } else {
    // The timeline changes the case: its version and updatedAt move (concurrent edits see it).
    await tx.trx('cases').where('id', id).update({ updatedAt: iso(tx.now), version: num(before.version ?? 1) + 1 });
  }
  await audit(tx, `cases.event.${e.type}`, 'cases', id, null, event);
  return event;
}

export async function addEvent(ctx: Ctx, rawId: string, input: AddEventInput): Promise<Row> {
  if (input.refundCents !== undefined && input.type !== 'proposal') {
    throw AppError.badRequest('Seule une proposition (type « proposal ») porte un montant de remboursement. / Only a proposal carries refundCents.', { fields: { refundCents: 'proposal_only' } });
  }
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => appendEvent(tx, await loadCase(tx, id, rawId), input));
}
