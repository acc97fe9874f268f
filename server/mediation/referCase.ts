/**
 * A mediator refers the case to the consumer mediator (open | amicable → referred), when the
 * law allows it (MED-5) and only once the amicable attempt failed (MED-8); the mediator's
 * reception and notification dates may come with it (MED-6).
 */
import { z } from 'zod';
import { referralVerdict } from '../../shared/mediation/deadlines';
import type { CaseStatus } from '../../shared/domain';
import type { Ctx } from '../context';
import { iso, toDate } from '../data/rows';
import type { ApiRecord } from '../http/resource';
import { AppError } from '../http/errors';
import { assertNotFuture, checkMediatorDates } from './caseChecks';
import { changeCaseStatus } from './changeCaseStatus';

const instantInput = z.string().datetime({ offset: true, message: 'instant ISO 8601 attendu / ISO 8601 instant expected' });
export const referBodySchema = z
  .object({ mediatorReceivedAt: instantInput.optional(), mediatorNotifiedAt: instantInput.optional(), note: z.string().trim().max(4000).optional() })
  .strict();

export function referCase(ctx: Ctx, rawId: string, body: z.infer<typeof referBodySchema>): Promise<ApiRecord> {
  return changeCaseStatus(ctx, rawId, body.note, {
    action: 'refer',
    prepare: async (tx, before, changes) => {
      assertNotFuture(tx, 'mediatorReceivedAt', body.mediatorReceivedAt);
      assertNotFuture(tx, 'mediatorNotifiedAt', body.mediatorNotifiedAt);
      // The referral happened at the latest when the mediator received the file: a referral
      // recorded after the fact is judged (MED-5) and dated by that reception.
      const referredAt = body.mediatorReceivedAt && Date.parse(body.mediatorReceivedAt) < tx.now.getTime() ? new Date(body.mediatorReceivedAt) : tx.now;
      // MED-5 (the law's admissibility), then MED-8 (only once the amicable attempt failed).
      const verdict = referralVerdict(
        {
          status: before.status as CaseStatus,
          writtenComplaintAt: (before.writtenComplaintAt as string | Date | null) ?? null,
          answeredAt: (before.answeredAt as string | Date | null) ?? null,
        },
        referredAt,
      );
      if (!verdict.admissible) {
        const writtenComplaintAt = before.writtenComplaintAt ? toDate(before.writtenComplaintAt).toISOString() : null;
        throw AppError.validation(
          verdict.message,
          verdict.rule === 'MED-8'
            ? { rule: 'MED-8', reason: verdict.reason, answerDueAt: before.answerDueAt ? toDate(before.answerDueAt).toISOString() : null, answerLastDate: verdict.answerLastDate, writtenComplaintAt }
            : { rule: 'MED-5', reason: verdict.reason, referralLastDate: verdict.lastDate, writtenComplaintAt },
        );
      }
      changes.referredAt = iso(referredAt);
      if (body.mediatorReceivedAt) changes.mediatorReceivedAt = new Date(body.mediatorReceivedAt).toISOString();
      if (body.mediatorNotifiedAt) changes.mediatorNotifiedAt = new Date(body.mediatorNotifiedAt).toISOString();
      checkMediatorDates(before, changes);
    },
  });
}
