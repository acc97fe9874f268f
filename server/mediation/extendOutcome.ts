/** MED-6: a referred, notified case's 90-day outcome deadline is extended, with the reason in the timeline. */
import { z } from 'zod';
import { MEDIATION_DEADLINES } from '../../shared/mediation/deadlines';
import type { CaseStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { num, toDateOrNull, type Row } from '../data/rows';
import { inTransaction } from '../data/transaction';
import { refusal } from './caseRaces';
import { caseIdOf, loadCase } from './loadCase';
import { addEventRow } from './timeline';
import { writeCase } from './writeCase';

export const extendBodySchema = z
  .object({
    days: z.number().int().min(1).max(MEDIATION_DEADLINES.maxExtensionDays),
    reason: z.string().trim().min(3, 'Le motif de la prolongation est obligatoire (MED-6). / The reason for the extension is required (MED-6).').max(4000),
  })
  .strict();


export async function extendOutcome(ctx: Ctx, rawId: string, input: z.infer<typeof extendBodySchema>): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    if (before.status !== 'referred' || before.mediatorNotifiedAt === null || before.mediatorNotifiedAt === undefined) {
      throw await refusal(
        tx,
        id,
        before.status as CaseStatus,
        ['referred'],
        'Seul le délai d’issue d’une médiation en cours (dossier transmis, parties notifiées) se prolonge (MED-6). / Only a referred, notified case’s outcome deadline can be extended.',
        { mediatorNotifiedAt: toDateOrNull(before.mediatorNotifiedAt)?.toISOString() ?? null },
      );
    }
    const total = num(before.outcomeExtensionDays ?? 0) + input.days;
    const after = await writeCase(tx, before, { outcomeExtensionDays: total }, 'cases.extend');
    await addEventRow(tx, id, {
      type: 'deadline_extended',
      body: `Délai d’issue prolongé de ${input.days} jour(s) (MED-6), nouvelle échéance ${String(after.outcomeDueAt).slice(0, 10)} : ${input.reason}`,
    });
    return after;
  });
}
