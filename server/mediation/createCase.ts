/**
 * A mediator opens a case (MED-1..4): parties taken from the order when there is one, the
 * deadlines computed from the written complaint (shared/mediation/deadlines.ts), the opening
 * in the timeline and the audit row, in one transaction.
 */
import type { OrdersRow } from '../data/tables';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CASE_CATEGORIES } from '../../shared/domain';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { insertId } from '../data/insertId';
import { iso, numOrNull, type Row } from '../data/rows';
import { inTransaction, staffId, type Tx } from '../data/transaction';
import { AppError } from '../http/errors';
import { casesSpec } from './specs';
import { assertAssignable, assertNotFuture } from './caseChecks';
import { caseRecord } from './loadCase';
import { addEventRow } from './timeline';
import { withDeadlines } from './writeCase';

const positiveId = z.number().int().positive();
const instantInput = z.string().datetime({ offset: true, message: 'instant ISO 8601 attendu / ISO 8601 instant expected' });

export const createCaseSchema = z
  .object({
    category: z.enum(CASE_CATEGORIES),
    orderId: positiveId.nullable().optional(),
    clientId: positiveId.nullable().optional(),
    partnerId: positiveId.nullable().optional(),
    writtenComplaintAt: instantInput.nullable().optional(),
    description: z.string().trim().max(20_000).nullable().optional(),
    assignedTo: positiveId.nullable().optional(),
  })
  .strict();
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export async function createCase(ctx: Ctx, input: CreateCaseInput): Promise<Row> {
  return inTransaction(ctx, (tx) => createCaseIn(tx, input));
}

/**
 * Creates a case inside the caller's transaction (the `.eml` intake adds its events in the
 * same one, and marks the case "à rattacher" with `suggestedCaseId`).
 */
export async function createCaseIn(tx: Tx, input: CreateCaseInput, links: { suggestedCaseId?: number | null } = {}): Promise<Row> {
  {
    assertNotFuture(tx, 'writtenComplaintAt', input.writtenComplaintAt);
    let clientId = input.clientId ?? null;
    let partnerId = input.partnerId ?? null;
    const orderId = input.orderId ?? null;
    if (orderId !== null) {
      const order = await tx.trx<OrdersRow>('orders').select('id', 'clientId', 'partnerId').where('id', orderId).first();
      if (!order) throw AppError.validation(`Commande ${orderId} introuvable. / Unknown order.`, { fields: { orderId: 'unknown' } });
      const oc = numOrNull(order.clientId);
      const op = numOrNull(order.partnerId);
      if (clientId !== null && clientId !== oc) throw AppError.validation('Ce client n’est pas celui de la commande. / The client is not the order’s.', { fields: { clientId: 'not_the_order_s' } });
      if (partnerId !== null && partnerId !== op) throw AppError.validation('Ce partenaire n’est pas celui de la commande. / The partner is not the order’s.', { fields: { partnerId: 'not_the_order_s' } });
      clientId = oc;
      partnerId = op;
    } else {
      if (clientId !== null && !(await tx.trx('clients').select('id').where('id', clientId).first())) {
        throw AppError.validation(`Client ${clientId} introuvable. / Unknown client.`, { fields: { clientId: 'unknown' } });
      }
      if (partnerId !== null && !(await tx.trx('partners').select('id').where('id', partnerId).first())) {
        throw AppError.validation(`Partenaire ${partnerId} introuvable. / Unknown partner.`, { fields: { partnerId: 'unknown' } });
      }
    }
    const assignedTo = input.assignedTo === undefined ? staffId(tx) : input.assignedTo;
    if (assignedTo !== null && input.assignedTo !== undefined) await assertAssignable(tx, assignedTo);
    const writtenComplaintAt = input.writtenComplaintAt ? new Date(input.writtenComplaintAt).toISOString() : null;
    const base: Row = {
      reference: `tmp-${randomBytes(6).toString('hex')}`,
      orderId,
      clientId,
      partnerId,
      category: input.category,
      status: 'open',
      description: input.description ?? null,
      writtenComplaintAt,
      answeredAt: null,
      referredAt: null,
      mediatorReceivedAt: null,
      mediatorNotifiedAt: null,
      outcomeExtensionDays: 0,
      outcome: null,
      refundCents: null,
      // MED-4: damage on a session booked on the platform goes to the insurer (AXA).
      insuranceClaim: input.category === 'damage' && orderId !== null,
      assignedTo,
      suggestedCaseId: links.suggestedCaseId ?? null,
      duplicateOfId: null,
      createdAt: iso(tx.now),
      updatedAt: iso(tx.now),
      version: 1,
      searchText: '',
    };
    const id = await insertId(tx.trx, 'cases', withDeadlines(base, base));
    const reference = `M${String(id).padStart(6, '0')}`;
    await tx.trx('cases').where('id', id).update({ reference, searchText: casesSpec.searchOf!({ reference, description: base.description }) });
    await addEventRow(tx, id, { type: 'status_change', body: `Dossier ${reference} ouvert${writtenComplaintAt ? '' : ' (pas encore de réclamation écrite)'}.` });
    const after = await caseRecord(tx, id);
    await audit(tx, 'cases.create', 'cases', id, null, after);
    return after;
  }
}
