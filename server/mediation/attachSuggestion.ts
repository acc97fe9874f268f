/**
 * Attach a message to the case it quoted (`POST /api/cases/{id}/attach` `{note?}`): the
 * case was opened "à rattacher" because the e-mail quoted another case's reference without
 * coming from that case's client or partner (./senderTrust.ts). A mediator who recognises
 * the sender moves the e-mail's events (the message and its attachments' evidence) to the
 * suggested case and closes this one as its duplicate. Audited on both cases: `cases.attach`
 * (this one, before/after) and `cases.attached` (the suggested one, with the moved events).
 */
import type { CaseEventsRow } from '../data/tables';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction } from '../data/transaction';
import { num, numOrNull, type Row } from '../data/rows';
import { AppError } from '../http/errors';
import { assertClosable, closeAsDuplicateOf, loadPair, noSuggestion, touch } from './caseLinks';
import { caseIdOf, loadCase } from './loadCase';
import { addEventRow } from './timeline';

export async function attachSuggestion(ctx: Ctx, rawId: string, input: { note?: string }): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const first = await loadCase(tx, id, rawId);
    const suggestedId = numOrNull(first.suggestedCaseId);
    if (suggestedId === null) throw await noSuggestion(tx, first);
    const { self, other: target } = await loadPair(tx, id, rawId, suggestedId, () => AppError.validation(`Le dossier proposé (${suggestedId}) n’existe plus.`, { fields: { suggestedCaseId: 'unknown' } }));
    await assertClosable(tx, self);
    if (target.status === 'closed') {
      throw AppError.invalidState(`Le dossier ${String(target.reference)} est clos : le message ne peut plus y être rattaché. Écartez la proposition pour traiter ce dossier à part.`, {
        status: self.status,
        suggestedCaseId: suggestedId,
        suggestedStatus: 'closed',
      });
    }
    const moved = await tx.trx<CaseEventsRow>('caseEvents').select('id', 'messageId', 'sender', 'type').where('caseId', id).whereNotNull('sender').orderBy('id');
    const messageIds = moved.filter((e) => e.type === 'message_in' && e.messageId).map((e) => String(e.messageId));
    if (messageIds.length) {
      const dup = await tx.trx('caseEvents').select('id').where({ caseId: suggestedId, type: 'message_in' }).whereIn('messageId', messageIds).first();
      if (dup) throw AppError.conflict(`Ce courriel est déjà dans le dossier ${String(target.reference)} : écartez la proposition, ou clôturez ce dossier comme doublon.`, { suggestedCaseId: suggestedId });
    }
    const why = `message rattaché au dossier ${String(target.reference)}${input.note ? ` — ${input.note}` : ''}`;
    const after = await closeAsDuplicateOf(tx, self, target, 'cases.attach', why);
    const eventIds = moved.map((e) => num(e.id));
    if (eventIds.length) await tx.trx('caseEvents').whereIn('id', eventIds).update({ caseId: suggestedId });
    const senders = [...new Set(moved.map((e) => String(e.sender)))].join(', ');
    await addEventRow(tx, suggestedId, { type: 'note', body: `Courriel${senders ? ` de ${senders}` : ''} rattaché depuis le dossier ${String(self.reference)}${input.note ? ` — ${input.note}` : ''}.` });
    await touch(tx, target);
    await audit(tx, 'cases.attached', 'cases', suggestedId, null, { fromCaseId: id, fromReference: self.reference, eventIds });
    return after;
  });
}
