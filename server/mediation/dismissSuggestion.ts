/**
 * Dismiss the suggested attachment (`POST /api/cases/{id}/dismiss-suggestion` `{note?}`):
 * the e-mail that quoted another case's reference is not about that case (or its sender is
 * not who they claim); the case stays a case of its own. Audited (`cases.dismissSuggestion`,
 * before/after) with a note in the timeline.
 */
import type { CasesRow } from '../data/tables';
import type { Ctx } from '../context';
import { inTransaction } from '../data/transaction';
import { num, numOrNull, type Row } from '../data/rows';
import { noSuggestion } from './caseLinks';
import { refusal } from './caseRaces';
import { OPEN_STATUSES } from './caseStatus';
import { caseIdOf, loadCase } from './loadCase';
import { addEventRow } from './timeline';
import { writeCase } from './writeCase';
import type { CaseStatus } from '../../shared/domain';

export async function dismissSuggestion(ctx: Ctx, rawId: string, input: { note?: string }): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    const suggestedId = numOrNull(before.suggestedCaseId);
    if (suggestedId === null) throw await noSuggestion(tx, before);
    if (before.status === 'closed') throw await refusal(tx, id, 'closed' as CaseStatus, OPEN_STATUSES, `Le dossier ${String(before.reference)} est clos.`);
    const suggested = await tx.trx<CasesRow>('cases').select('reference').where('id', suggestedId).first();
    const after = await writeCase(tx, before, { suggestedCaseId: null }, 'cases.dismissSuggestion');
    await addEventRow(tx, num(before.id), {
      type: 'note',
      body: `Rattachement au dossier ${String(suggested?.reference ?? suggestedId)} écarté : ce dossier est traité à part${input.note ? ` — ${input.note}` : ''}.`,
    });
    return after;
  });
}
