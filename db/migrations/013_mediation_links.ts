/**
 * Mediation links between cases and the e-mail provenance of timeline events:
 * - `cases.suggestedCaseId`: a case opened from an e-mail that quotes another case's
 *   reference but does not come from that case's client or partner — "à rattacher": a
 *   mediator attaches the message to the suggested case or dismisses the suggestion;
 * - `cases.duplicateOfId`: a case closed as a duplicate of another (the other lists it back);
 * - `caseEvents.messageId` (the e-mail's Message-ID, matched exactly to refuse a message
 *   imported twice) and `caseEvents.sender` (who wrote the message: an imported e-mail is
 *   credited to its sender, not to the mediator who imported it).
 * Plain integer columns: the operations check the linked case exists (a 422 names it).
 */
import type { Knex } from 'knex';

const MESSAGE_ID_LINE = /^Message-ID : (.+)$/m;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.integer('suggestedCaseId').index();
    t.integer('duplicateOfId').index();
  });
  await knex.schema.alterTable('caseEvents', (t) => {
    t.text('messageId');
    t.text('sender');
  });
  // Messages imported before: their Message-ID was only written in the body's header lines.
  const rows = (await knex('caseEvents').select('id', 'body').where('type', 'message_in').andWhere('body', 'like', '%Message-ID : %')) as Array<{ id: number; body: string | null }>;
  for (const row of rows) {
    const found = MESSAGE_ID_LINE.exec(row.body ?? '');
    if (found) await knex('caseEvents').where('id', row.id).update({ messageId: found[1]!.trim() });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('caseEvents', (t) => {
    t.dropColumn('messageId');
    t.dropColumn('sender');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['suggestedCaseId']);
    t.dropIndex(['duplicateOfId']);
    t.dropColumn('suggestedCaseId');
    t.dropColumn('duplicateOfId');
  });
}
