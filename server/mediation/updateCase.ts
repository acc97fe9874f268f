/** PUT /api/cases/{id}: a mediator edits a case — only the fields that actually change are checked and written (MED-6, MED-7). */
import { z } from 'zod';
import { CASE_CATEGORIES, type CaseStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { iso, numOrNull, type Row } from '../data/rows';
import { inTransaction } from '../data/transaction';
import { AppError } from '../http/errors';
import { assertAssignable, assertNotFuture, checkMediatorDates, sameInstant } from './caseChecks';
import { refusal } from './caseRaces';
import { OPEN_STATUSES, STATUS_FR } from './caseStatus';
import { caseIdOf, caseRecord, loadCase } from './loadCase';
import { writeCase } from './writeCase';

const positiveId = z.number().int().positive();
const instantInput = z.string().datetime({ offset: true, message: 'instant ISO 8601 attendu / ISO 8601 instant expected' });

/** PUT: the editable fields (the others of the record are ignored, unknown ones refused). */
export const updateCaseSchema = z.object({
  category: z.enum(CASE_CATEGORIES),
  description: z.string().trim().max(20_000).nullable(),
  assignedTo: positiveId.nullable(),
  writtenComplaintAt: instantInput.nullable(),
  mediatorReceivedAt: instantInput.nullable(),
  mediatorNotifiedAt: instantInput.nullable(),
});
export type UpdateCaseInput = Partial<z.infer<typeof updateCaseSchema>>;

export async function updateCase(ctx: Ctx, rawId: string, input: UpdateCaseInput): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    const status = before.status as CaseStatus;
    const changes: Row = {};
    if (input.category !== undefined && input.category !== before.category) {
      changes.category = input.category;
      changes.insuranceClaim = input.category === 'damage' && before.orderId !== null && before.orderId !== undefined;
    }
    if (input.description !== undefined && (input.description ?? null) !== (before.description ?? null)) changes.description = input.description;
    if (input.assignedTo !== undefined && (input.assignedTo ?? null) !== numOrNull(before.assignedTo)) {
      if (input.assignedTo !== null) await assertAssignable(tx, input.assignedTo);
      changes.assignedTo = input.assignedTo;
    }
    if (input.writtenComplaintAt !== undefined && !sameInstant(before.writtenComplaintAt, input.writtenComplaintAt)) {
      if (status !== 'open' && status !== 'amicable') {
        throw AppError.invalidState('La date de la réclamation écrite ne se modifie plus après la saisine ou la clôture. / The written complaint date is fixed once the case is referred, resolved or closed.', { status, field: 'writtenComplaintAt' });
      }
      assertNotFuture(tx, 'writtenComplaintAt', input.writtenComplaintAt);
      changes.writtenComplaintAt = input.writtenComplaintAt ? new Date(input.writtenComplaintAt).toISOString() : null;
      // MED-7: a case already in amicable settlement has answered the complaint — the
      // platform engaged the parties before the complaint's date was recorded.
      if (changes.writtenComplaintAt && status === 'amicable' && (before.answeredAt === null || before.answeredAt === undefined)) changes.answeredAt = iso(tx.now);
    }
    for (const field of ['mediatorReceivedAt', 'mediatorNotifiedAt'] as const) {
      const value = input[field];
      if (value === undefined || sameInstant(before[field], value)) continue;
      if (status !== 'referred') {
        throw AppError.invalidState(`« ${field} » ne se renseigne que pour un dossier transmis au médiateur (statut : ${STATUS_FR[status]}). / Only a referred case has mediator dates.`, { status, field });
      }
      assertNotFuture(tx, field, value);
      changes[field] = value ? new Date(value).toISOString() : null;
    }
    checkMediatorDates(before, changes);
    if (Object.keys(changes).length && status === 'closed') {
      throw await refusal(tx, id, status, OPEN_STATUSES, 'Ce dossier est clos : il ne se modifie plus. / A closed case is final.');
    }
    if (!Object.keys(changes).length) return caseRecord(tx, id);
    return writeCase(tx, before, changes, 'cases.update');
  });
}
