/**
 * The mediation deadlines at their boundaries (shared/mediation/deadlines.ts): MED-5's
 * one-year referral window (the day before, on and after the anniversary, 29 February),
 * MED-5's 3 weeks, MED-6's 90 days across a month end and a DST change, MED-7's 2 months.
 * Instants are chosen on both sides of Paris midnight: the Paris date is what counts.
 */
import { describe, expect, it } from 'vitest';
import {
  amicableAttemptFailed,
  answerDue,
  caseDeadlineColumns,
  deadlinePanel,
  outcomeDue,
  referralAdmissibility,
  referralLastDate,
  referralVerdict,
  refusalDue,
} from '../../shared/mediation/deadlines';
import { parisEndOfDay, parisMidnight } from '../../shared/calendar/paris';
import { inReferralFile, REFERRAL_EVENT_TYPES } from '../../shared/mediation/referralFile';

describe('MED-5 referral admissibility: one calendar year after the written complaint (Paris dates)', () => {
  const complaint = '2025-03-10T09:00:00.000Z'; // 10:00 Paris, 10 March 2025
  it.each([
    ['the day before the anniversary', '2026-03-09T12:00:00.000Z', true],
    ['the anniversary, morning', '2026-03-10T07:00:00.000Z', true],
    ['the anniversary, 23:59 Paris (22:59 UTC)', '2026-03-10T22:59:00.000Z', true],
    ['the day after, 00:10 Paris (still 10 March in UTC)', '2026-03-10T23:10:00.000Z', false],
    ['the day after, noon', '2026-03-11T11:00:00.000Z', false],
    ['the same day as the complaint', '2025-03-10T15:00:00.000Z', true],
  ])('MED-5: a referral on %s is admissible = %s', (_label, referredAt, admissible) => {
    const v = referralAdmissibility(complaint, referredAt);
    expect(v.admissible).toBe(admissible);
    expect(v.lastDate).toBe('2026-03-10');
    if (!v.admissible) {
      expect(v.reason).toBe('too_late');
      expect(v.message).toContain('10/03/2026');
    }
  });

  it.each([
    // 29 February: the anniversary month has no 29th → its last day, 28 February (CPC art. 641).
    ['2024-02-29T10:00:00.000Z', '2025-02-28', '2025-02-28T22:59:59.000Z', '2025-02-28T23:00:00.000Z'],
    // A complaint of 28 February before a leap year: 28 February is the anniversary, the 29th is too late.
    ['2027-02-28T10:00:00.000Z', '2028-02-28', '2028-02-28T22:30:00.000Z', '2028-02-29T08:00:00.000Z'],
    // A complaint at 00:30 Paris on 1 July (22:30 UTC on 30 June) counts from 1 July.
    ['2025-06-30T22:30:00.000Z', '2026-07-01', '2026-07-01T21:59:00.000Z', '2026-07-01T22:00:00.000Z'],
  ])('MED-5: complaint %s → last admissible day %s (on it: admissible; just after: not)', (complaintAt, last, onLastDay, dayAfter) => {
    expect(referralLastDate(complaintAt)).toBe(last);
    expect(referralAdmissibility(complaintAt, onLastDay).admissible).toBe(true);
    const late = referralAdmissibility(complaintAt, dayAfter);
    expect(late.admissible).toBe(false);
    expect(late.admissible === false && late.reason).toBe('too_late');
  });

  it('MED-5 1°: without a written complaint the referral is inadmissible, whatever the date', () => {
    for (const none of [null, undefined, '']) {
      const v = referralAdmissibility(none, '2026-01-01T10:00:00Z');
      expect(v).toMatchObject({ admissible: false, reason: 'no_written_complaint', lastDate: null });
      expect(v.admissible === false && v.message).toMatch(/réclamation écrite/);
    }
  });
});

describe('deadline instants: the end of the last Paris day', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T22:59:59.999Z'],
    ['2026-07-15', '2026-07-14T22:00:00.000Z', '2026-07-15T21:59:59.999Z'],
    // The 23-hour day (spring forward) and the 25-hour day (fall back).
    ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'],
  ])('%s starts at %s and ends at %s', (date, start, end) => {
    expect(parisMidnight(date).toISOString()).toBe(start);
    expect(parisEndOfDay(date).toISOString()).toBe(end);
  });
});

describe('MED-7: the platform answers within 2 calendar months', () => {
  it.each([
    ['2026-03-15T10:00:00.000Z', '2026-05-15', '2026-05-15T21:59:59.999Z'],
    // Month ends: 31 December + 2 months = the last day of February (28, or 29 in a leap year).
    ['2025-12-31T10:00:00.000Z', '2026-02-28', '2026-02-28T22:59:59.999Z'],
    ['2023-12-31T10:00:00.000Z', '2024-02-29', '2024-02-29T22:59:59.999Z'],
    // 23:30 Paris on 31 August (21:30 UTC): counted from 31 August.
    ['2026-08-31T21:30:00.000Z', '2026-10-31', '2026-10-31T22:59:59.999Z'],
  ])('MED-7: complaint %s → answer due on %s (%s)', (complaint, lastDate, dueAt) => {
    const d = answerDue(complaint);
    expect(d.lastDate).toBe(lastDate);
    expect(d.dueAt.toISOString()).toBe(dueAt);
  });
});

describe('MED-5: the mediator’s refusal within 3 weeks of receiving the file', () => {
  it.each([
    ['2026-11-02T10:00:00.000Z', '2026-11-23'],
    // Across the spring DST change (29 March 2026): still 21 calendar days, same weekday.
    ['2026-03-20T10:00:00.000Z', '2026-04-10'],
    // Received at 00:15 Paris on 1 February (23:15 UTC on 31 January).
    ['2026-01-31T23:15:00.000Z', '2026-02-22'],
  ])('MED-5: received %s → refusal due on %s, same weekday', (received, lastDate) => {
    const d = refusalDue(received);
    expect(d.lastDate).toBe(lastDate);
    expect(new Date(`${lastDate}T12:00:00Z`).getUTCDay()).toBe(new Date(`${d.lastDate}T12:00:00Z`).getUTCDay());
    expect(d.dueAt.toISOString()).toBe(parisEndOfDay(lastDate).toISOString());
  });
});

describe('MED-6: the outcome within 90 days of the notification, extendable', () => {
  it.each([
    // Across the January and February month ends and the spring DST change: 21:59:59.999 UTC = 23:59:59.999 CEST.
    ['2026-01-15T09:00:00.000Z', 0, '2026-04-15', '2026-04-15T21:59:59.999Z'],
    // Across the autumn DST change (25 October 2026): back to UTC+1.
    ['2026-08-20T08:00:00.000Z', 0, '2026-11-18', '2026-11-18T22:59:59.999Z'],
    // Across February in a leap year.
    ['2027-12-31T10:00:00.000Z', 0, '2028-03-30', '2028-03-30T21:59:59.999Z'],
    // A recorded extension of 30 days.
    ['2026-01-15T09:00:00.000Z', 30, '2026-05-15', '2026-05-15T21:59:59.999Z'],
  ])('MED-6: notified %s, extended by %i days → outcome due on %s', (notified, ext, lastDate, dueAt) => {
    const d = outcomeDue(notified, ext);
    expect(d.lastDate).toBe(lastDate);
    expect(d.dueAt.toISOString()).toBe(dueAt);
  });

  it('MED-6: an extension is a whole, non-negative number of days', () => {
    expect(() => outcomeDue('2026-01-15T09:00:00Z', -1)).toThrow(RangeError);
    expect(() => outcomeDue('2026-01-15T09:00:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('the running deadline of a case (the queue order)', () => {
  const complaint = '2026-09-01T08:00:00.000Z';
  const base = { writtenComplaintAt: complaint, answeredAt: null, mediatorReceivedAt: null, mediatorNotifiedAt: null };
  it('MED-7: an open or amicable case not yet answered runs the answer deadline; answered, none', () => {
    for (const status of ['open', 'amicable']) {
      const cols = caseDeadlineColumns({ ...base, status });
      expect(cols).toMatchObject({ nextDueKind: 'answer', nextDueAt: cols.answerDueAt, referralLastDate: '2027-09-01' });
    }
    expect(caseDeadlineColumns({ ...base, status: 'open', answeredAt: '2026-09-03T08:00:00Z' })).toMatchObject({ nextDueKind: null, nextDueAt: null });
  });
  it('MED-5 then MED-6: a referred case runs the refusal deadline until the notification, then the outcome', () => {
    const received = { ...base, status: 'referred', mediatorReceivedAt: '2026-10-01T08:00:00.000Z' };
    expect(caseDeadlineColumns(received)).toMatchObject({ nextDueKind: 'refusal', nextDueAt: '2026-10-22T21:59:59.999Z' });
    const notified = { ...received, mediatorNotifiedAt: '2026-10-10T08:00:00.000Z', outcomeExtensionDays: 10 };
    expect(caseDeadlineColumns(notified)).toMatchObject({ nextDueKind: 'outcome', outcomeDueAt: '2027-01-18T22:59:59.999Z', nextDueAt: '2027-01-18T22:59:59.999Z' });
  });
  it('resolved and closed cases, and a case without a written complaint, have no running deadline', () => {
    expect(caseDeadlineColumns({ ...base, status: 'resolved' }).nextDueAt).toBeNull();
    expect(caseDeadlineColumns({ ...base, status: 'closed' }).nextDueAt).toBeNull();
    expect(caseDeadlineColumns({ ...base, status: 'open', writtenComplaintAt: null })).toMatchObject({ answerDueAt: null, referralLastDate: null, nextDueAt: null });
  });
  it('the panel says how many Paris days are left and what is overdue', () => {
    const now = new Date('2026-11-02T10:00:00Z'); // answer due 2026-11-01 → 1 day late
    const panel = deadlinePanel({ ...base, status: 'open' }, now);
    const answer = panel.find((l) => l.kind === 'answer')!;
    expect(answer).toMatchObject({ rule: 'MED-7', lastDate: '2026-11-01', daysLeft: -1, running: true, overdue: true });
    const referral = panel.find((l) => l.kind === 'referral')!;
    expect(referral).toMatchObject({ rule: 'MED-5', lastDate: '2027-09-01', running: true, overdue: false });
  });
});

describe('MED-8: the referral only after the amicable attempt failed', () => {
  // Complaint 10 Sept 2026 (Paris): MED-7's answer is due 10 Nov 2026, 23:59:59.999 Paris.
  const complaint = '2026-09-10T08:00:00.000Z';
  it.each([
    ['open, the deadline’s last day at 23:30 Paris', 'open', null, '2026-11-10T22:30:00.000Z', false, 'answer_pending'],
    ['open, the day after at 00:30 Paris, unanswered', 'open', null, '2026-11-10T23:30:00.000Z', true, null],
    ['open, answered on the last day', 'open', '2026-11-10T20:00:00.000Z', '2026-12-01T10:00:00.000Z', false, 'answered_in_time'],
    ['open, answered only after the deadline', 'open', '2026-11-12T10:00:00.000Z', '2026-12-01T10:00:00.000Z', true, null],
    ['amicable, the day after the complaint', 'amicable', '2026-09-11T10:00:00.000Z', '2026-09-11T12:00:00.000Z', true, null],
  ])('MED-8: %s → failed = %s', (_label, status, answeredAt, at, failed, reason) => {
    const v = amicableAttemptFailed({ status, writtenComplaintAt: complaint, answeredAt }, at);
    expect(v.failed).toBe(failed);
    if (!v.failed) {
      expect(v).toMatchObject({ rule: 'MED-8', reason, answerLastDate: '2026-11-10' });
      expect(v.message).toMatch(/^Transmission au médiateur refusée \(MED-8\)/);
      expect(v.message).not.toContain(' / ');
    }
  });

  it('MED-8: an open case without a written complaint never ran the answer deadline', () => {
    expect(amicableAttemptFailed({ status: 'open', writtenComplaintAt: null }, '2027-06-01T10:00:00.000Z')).toMatchObject({ failed: false, reason: 'no_written_complaint', answerLastDate: null });
  });

  it('MED-5 is judged before MED-8; both pass → admissible with MED-5’s last day', () => {
    expect(referralVerdict({ status: 'open', writtenComplaintAt: null }, '2026-12-01T10:00:00.000Z')).toMatchObject({ admissible: false, rule: 'MED-5', reason: 'no_written_complaint' });
    expect(referralVerdict({ status: 'open', writtenComplaintAt: '2025-01-10T10:00:00.000Z' }, '2026-12-01T10:00:00.000Z')).toMatchObject({ admissible: false, rule: 'MED-5', reason: 'too_late' });
    expect(referralVerdict({ status: 'open', writtenComplaintAt: complaint }, '2026-10-01T10:00:00.000Z')).toMatchObject({ admissible: false, rule: 'MED-8', reason: 'answer_pending' });
    expect(referralVerdict({ status: 'amicable', writtenComplaintAt: complaint }, '2026-10-01T10:00:00.000Z')).toEqual({ admissible: true, lastDate: '2027-09-10' });
  });

  it('MED-8: the referral file holds the exchanges, the evidence and the deadlines — never notes, decisions or status changes', () => {
    expect([...REFERRAL_EVENT_TYPES].sort()).toEqual(['deadline_extended', 'evidence', 'message_in', 'message_out', 'proposal']);
    for (const internal of ['note', 'decision', 'status_change']) expect(inReferralFile(internal)).toBe(false);
  });
});
