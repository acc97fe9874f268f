/**
 * Close a case as a duplicate of another (`POST /api/cases/{id}/close-duplicate`
 * `{duplicateOfId, note?}`): the same complaint opened twice — by phone and by e-mail, or an
 * e-mail imported into a new case. The case is closed with no outcome (the dispute goes on,
 * or went, in the original) and linked: its `duplicateOfId` names the original, whose page
 * lists its duplicates (`GET /api/cases?filter={"duplicateOfId": id}`). Audited on both
 * cases: `cases.closeDuplicate` (the closed one, before/after) and `cases.duplicateAdded`
 * (the original). The original must not itself be a duplicate (link to its original instead),
 * which also keeps the links free of cycles.
 */
import type { CasesRow } from '../data/tables';
import { z } from 'zod';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction } from '../data/transaction';
import { num, numOrNull, type Row } from '../data/rows';
import { AppError } from '../http/errors';
import { assertClosable, closeAsDuplicateOf, loadPair } from './caseLinks';
import { caseIdOf } from './loadCase';

export const closeDuplicateBodySchema = z
  .object({
    // Within the id columns' range (32-bit on PostgreSQL).
    duplicateOfId: z.number().int().positive().max(2_147_483_647),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();

export async function closeDuplicate(ctx: Ctx, rawId: string, input: z.infer<typeof closeDuplicateBodySchema>): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    if (input.duplicateOfId === id) {
      throw AppError.validation('Un dossier ne peut pas être le doublon de lui-même.', { fields: { duplicateOfId: 'same_case' } });
    }
    const { self, other } = await loadPair(tx, id, rawId, input.duplicateOfId, () =>
      AppError.validation(`Dossier ${input.duplicateOfId} introuvable : indiquez le dossier d’origine.`, { fields: { duplicateOfId: 'unknown' } }),
    );
    await assertClosable(tx, self);
    const originalOfOther = numOrNull(other.duplicateOfId);
    if (originalOfOther !== null) {
      const root = await tx.trx<CasesRow>('cases').select('reference').where('id', originalOfOther).first();
      throw AppError.validation(`Le dossier ${String(other.reference)} est lui-même un doublon de ${String(root?.reference ?? originalOfOther)} : rattachez ce dossier à ce dernier.`, {
        fields: { duplicateOfId: 'is_a_duplicate' },
        originalId: originalOfOther,
        originalReference: root?.reference ?? null,
      });
    }
    const why = `doublon du dossier ${String(other.reference)}${input.note ? ` — ${input.note}` : ''}`;
    const after = await closeAsDuplicateOf(tx, self, other, 'cases.closeDuplicate', why);
    await audit(tx, 'cases.duplicateAdded', 'cases', num(other.id), null, { duplicateId: id, duplicateReference: self.reference, note: input.note ?? null });
    return after;
  });
}
