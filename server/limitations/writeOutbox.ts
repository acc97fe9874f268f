/**
 * The partner's message about a limitation decision (LIM-3, LIM-6), queued in the outbox in
 * the decision's own transaction: a decision is never recorded without its message.
 */
import type { PartnersRow } from '../data/tables';
import type { LimitationKind, LimitationModality, LimitationReason } from '../../shared/domain';
import { insertId } from '../data/insertId';
import { iso, num, toDate, toDateOrNull, type Row } from '../data/rows';
import type { Tx } from '../data/transaction';
import { limitationMessage, type OutboxDecision } from './messages';

export async function writeOutbox(tx: Tx, limitation: Row, decision: OutboxDecision): Promise<void> {
  const partner = await tx.trx<PartnersRow>('partners').select('firstName').where('id', num(limitation.partnerId)).first();
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
