/**
 * The mediation deadlines, computed in ONE place for the server (stored columns, the
 * `refer` check, the queue) and the console (the deadline panel). Pure: no clock, no I/O.
 *
 * - MED-7 *(assumed)*: the platform answers a written complaint within 2 months.
 * - MED-5 (Code de la consommation L.612-2): a referral needs a prior written complaint
 *   (1°) and must come within one calendar year of it (4°): on the anniversary date it is
 *   still admissible, the day after it is not; the mediator's refusal is due within
 *   3 weeks of receiving the complete file.
 * - MED-6 (R.612-2 / R.612-5): the outcome is due 90 days after the mediator notified
 *   the parties, extendable (complex dispute) with a recorded reason.
 *
 * How days are counted (Code de procédure civile art. 640–642, which the consumer code's
 * deadlines follow): dates are Europe/Paris calendar dates; the day of the event does not
 * count; a deadline in days or weeks ends on the date N days later; in months or years,
 * on the same day number N months later — or, when that month has no such day, on its
 * last day (so a complaint of 29 February 2024 may be referred until 28 February 2025
 * inclusive, and 1 March 2025 is too late; from 28 February 2027 the anniversary is
 * 28 February 2028, not the 29th). A deadline runs until the END of its last day: the
 * stored instant is 23:59:59.999 Paris time on that date, and a case is overdue when
 * now > that instant.
 */
import type { CaseStatus } from '../domain';
import { addParisDays, addParisMonths, daysBetween, parisDate, parisEndOfDay, type ParisDate } from '../calendar/paris';

export const MEDIATION_DEADLINES = {
  /** MED-7 *(assumed)*: answer to a written complaint, calendar months. */
  answerMonths: 2,
  /** MED-5 4°: referral window after the written complaint, calendar months (one year). */
  referralMonths: 12,
  /** MED-5: the mediator's refusal, days after receiving the file (3 weeks). */
  refusalDays: 21,
  /** MED-6: the outcome, days after the notification. */
  outcomeDays: 90,
  /** MED-6 extension: at most this many days per recorded extension *(assumed)*. */
  maxExtensionDays: 90,
} as const;

export type DeadlineKind = 'answer' | 'refusal' | 'outcome';

export interface Due {
  /** The last Paris date on which the deadline is met. */
  lastDate: ParisDate;
  /** The end of that day (23:59:59.999 Paris), as an instant. */
  dueAt: Date;
}

function due(lastDate: ParisDate): Due {
  return { lastDate, dueAt: parisEndOfDay(lastDate) };
}

/** MED-7: the platform's answer, 2 calendar months after the written complaint. */
export function answerDue(writtenComplaintAt: Date | string): Due {
  return due(addParisMonths(parisDate(writtenComplaintAt), MEDIATION_DEADLINES.answerMonths));
}

/** MED-5 4°: the last Paris date on which a referral is admissible (the complaint's anniversary). */
export function referralLastDate(writtenComplaintAt: Date | string): ParisDate {
  return addParisMonths(parisDate(writtenComplaintAt), MEDIATION_DEADLINES.referralMonths);
}

/** MED-5: the mediator's refusal, 3 weeks after receiving the complete file. */
export function refusalDue(mediatorReceivedAt: Date | string): Due {
  return due(addParisDays(parisDate(mediatorReceivedAt), MEDIATION_DEADLINES.refusalDays));
}

/** MED-6: the outcome, 90 days after the notification, plus the recorded extensions. */
export function outcomeDue(mediatorNotifiedAt: Date | string, extensionDays = 0): Due {
  if (!Number.isInteger(extensionDays) || extensionDays < 0) throw new RangeError('extensionDays is a whole number of days ≥ 0');
  return due(addParisDays(parisDate(mediatorNotifiedAt), MEDIATION_DEADLINES.outcomeDays + extensionDays));
}

export type Admissibility =
  | { admissible: true; lastDate: ParisDate }
  | { admissible: false; reason: 'no_written_complaint'; message: string; lastDate: null }
  | { admissible: false; reason: 'too_late'; message: string; lastDate: ParisDate };

function frenchDate(date: ParisDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * MED-5 (L.612-2 1° and 4°): is a referral made at `referredAt` admissible? Compared as
 * Paris calendar dates: the anniversary of the written complaint is the last admissible day.
 */
export function referralAdmissibility(writtenComplaintAt: Date | string | null | undefined, referredAt: Date | string): Admissibility {
  if (writtenComplaintAt === null || writtenComplaintAt === undefined || writtenComplaintAt === '') {
    return {
      admissible: false,
      reason: 'no_written_complaint',
      lastDate: null,
      message:
        'Saisine irrecevable (MED-5, art. L.612-2 1° du code de la consommation) : le consommateur ne justifie d’aucune réclamation écrite préalable auprès du professionnel. Enregistrez la date de la réclamation écrite. / Inadmissible referral: no prior written complaint.',
    };
  }
  const lastDate = referralLastDate(writtenComplaintAt);
  const on = parisDate(referredAt);
  if (on > lastDate) {
    return {
      admissible: false,
      reason: 'too_late',
      lastDate,
      message: `Saisine irrecevable (MED-5, art. L.612-2 4° du code de la consommation) : plus d’un an après la réclamation écrite du ${frenchDate(
        parisDate(writtenComplaintAt),
      )} — la saisine était possible jusqu’au ${frenchDate(lastDate)} inclus. / Inadmissible referral: more than one year after the written complaint (last day ${lastDate}).`,
    };
  }
  return { admissible: true, lastDate };
}

export type AmicableAttempt =
  | { failed: true }
  | {
      failed: false;
      rule: 'MED-8';
      /** `answer_pending`: MED-7's answer deadline still runs; `answered_in_time`: the platform answered within it (go amicable first); `no_written_complaint`: no answer deadline ever ran. */
      reason: 'answer_pending' | 'answered_in_time' | 'no_written_complaint';
      /** The last Paris day of MED-7's answer deadline (null without a written complaint). */
      answerLastDate: ParisDate | null;
      message: string;
    };

/**
 * MED-8 *(assumed)*: a case goes to the mediator only after the amicable attempt failed
 * (MED-3) — from `amicable` (the platform answered and the client still disagrees), or from
 * `open` once MED-7's answer deadline has passed with no answer within it. Judged at the
 * referral's date (`at`). Other statuses are the state machine's business (409), not this rule's.
 */
export function amicableAttemptFailed(
  c: { status: CaseStatus | string; writtenComplaintAt?: Date | string | null; answeredAt?: Date | string | null },
  at: Date | string,
): AmicableAttempt {
  if (c.status !== 'open') return { failed: true };
  const refused = (reason: 'answer_pending' | 'answered_in_time' | 'no_written_complaint', answerLastDate: ParisDate | null, message: string): AmicableAttempt => ({
    failed: false,
    rule: 'MED-8',
    reason,
    answerLastDate,
    message: `Transmission au médiateur refusée (MED-8) : ${message}`,
  });
  if (!present(c.writtenComplaintAt)) {
    return refused('no_written_complaint', null, 'un dossier ouvert ne se transmet qu’une fois passée l’échéance de réponse à la réclamation écrite (MED-7), et aucune réclamation écrite n’est enregistrée. Passez d’abord le dossier en résolution amiable.');
  }
  const answer = answerDue(c.writtenComplaintAt);
  const answeredInTime = present(c.answeredAt) && new Date(c.answeredAt).getTime() <= answer.dueAt.getTime();
  if (answeredInTime) {
    return refused(
      'answered_in_time',
      answer.lastDate,
      `la plateforme a répondu à la réclamation écrite le ${frenchDate(parisDate(c.answeredAt!))}. Passez le dossier en résolution amiable : il se transmet au médiateur si le client reste en désaccord.`,
    );
  }
  if (new Date(at).getTime() <= answer.dueAt.getTime()) {
    return refused(
      'answer_pending',
      answer.lastDate,
      `la plateforme a jusqu’au ${frenchDate(answer.lastDate)} inclus pour répondre à la réclamation écrite (MED-7). Passez le dossier en résolution amiable, ou transmettez-le après cette date s’il reste sans réponse.`,
    );
  }
  return { failed: true };
}

/**
 * Whether a referral made at `at` may go ahead: MED-5's admissibility first (the law's
 * conditions), then MED-8's (the amicable attempt failed). The server's `refer` and the
 * console's referral button ask the same question.
 */
export function referralVerdict(
  c: { status: CaseStatus | string; writtenComplaintAt?: Date | string | null; answeredAt?: Date | string | null },
  at: Date | string,
): { admissible: true; lastDate: ParisDate } | (Exclude<Admissibility, { admissible: true }> & { rule: 'MED-5' }) | (Extract<AmicableAttempt, { failed: false }> & { admissible: false }) {
  const law = referralAdmissibility(c.writtenComplaintAt, at);
  if (!law.admissible) return { ...law, rule: 'MED-5' };
  const attempt = amicableAttemptFailed(c, at);
  if (!attempt.failed) return { ...attempt, admissible: false };
  return law;
}

/** The columns of a case that the deadlines determine (what the server stores). */
export interface CaseDeadlineInput {
  status: CaseStatus | string;
  writtenComplaintAt?: Date | string | null;
  answeredAt?: Date | string | null;
  mediatorReceivedAt?: Date | string | null;
  mediatorNotifiedAt?: Date | string | null;
  outcomeExtensionDays?: number | null;
}

export interface CaseDeadlineColumns {
  answerDueAt: string | null;
  referralLastDate: ParisDate | null;
  refusalDueAt: string | null;
  outcomeDueAt: string | null;
  /** The nearest deadline still running (the queue's order), and which one it is. */
  nextDueAt: string | null;
  nextDueKind: DeadlineKind | null;
}

const present = (v: Date | string | null | undefined): v is Date | string => v !== null && v !== undefined && v !== '';

/**
 * Which deadlines are still running for a case:
 * - `answer` (MED-7) while the case is open or amicable, has a written complaint and no answer yet;
 * - `refusal` (MED-5) once referred and received by the mediator, until the mediator notifies the opening;
 * - `outcome` (MED-6) once referred and notified.
 * Resolved and closed cases have none.
 */
export function caseDeadlineColumns(c: CaseDeadlineInput): CaseDeadlineColumns {
  const answer = present(c.writtenComplaintAt) ? answerDue(c.writtenComplaintAt) : null;
  const refusal = present(c.mediatorReceivedAt) ? refusalDue(c.mediatorReceivedAt) : null;
  const outcome = present(c.mediatorNotifiedAt) ? outcomeDue(c.mediatorNotifiedAt, c.outcomeExtensionDays ?? 0) : null;
  const running: Array<[DeadlineKind, Date]> = [];
  if ((c.status === 'open' || c.status === 'amicable') && answer && !present(c.answeredAt)) running.push(['answer', answer.dueAt]);
  if (c.status === 'referred' && refusal && !outcome) running.push(['refusal', refusal.dueAt]);
  if (c.status === 'referred' && outcome) running.push(['outcome', outcome.dueAt]);
  running.sort((a, b) => a[1].getTime() - b[1].getTime());
  const next = running[0] ?? null;
  return {
    answerDueAt: answer ? answer.dueAt.toISOString() : null,
    referralLastDate: present(c.writtenComplaintAt) ? referralLastDate(c.writtenComplaintAt) : null,
    refusalDueAt: refusal ? refusal.dueAt.toISOString() : null,
    outcomeDueAt: outcome ? outcome.dueAt.toISOString() : null,
    nextDueAt: next ? next[1].toISOString() : null,
    nextDueKind: next ? next[0] : null,
  };
}

export interface PanelLine {
  kind: DeadlineKind | 'referral';
  rule: 'MED-5' | 'MED-6' | 'MED-7';
  label: string;
  dueAt: string;
  lastDate: ParisDate;
  /** Whole Paris days from today to the last date (0: today is the last day; negative: late). */
  daysLeft: number;
  /** Still running (not met, not moot). */
  running: boolean;
  overdue: boolean;
}

/** The console's deadline panel for a case record (the API's shape) at `now`. */
export function deadlinePanel(
  c: CaseDeadlineInput & { referredAt?: Date | string | null },
  now: Date,
): PanelLine[] {
  const cols = caseDeadlineColumns(c);
  const today = parisDate(now);
  const lines: PanelLine[] = [];
  const line = (kind: PanelLine['kind'], rule: PanelLine['rule'], label: string, dueAt: string, running: boolean) => {
    const lastDate = parisDate(dueAt);
    lines.push({ kind, rule, label, dueAt, lastDate, daysLeft: daysBetween(today, lastDate), running, overdue: running && now.getTime() > Date.parse(dueAt) });
  };
  if (cols.answerDueAt) line('answer', 'MED-7', 'Réponse à la réclamation écrite (2 mois)', cols.answerDueAt, (c.status === 'open' || c.status === 'amicable') && !present(c.answeredAt));
  if (cols.referralLastDate) {
    const running = c.status === 'open' || c.status === 'amicable';
    line('referral', 'MED-5', 'Saisine du médiateur recevable jusqu’au (1 an)', parisEndOfDay(cols.referralLastDate).toISOString(), running);
  }
  if (cols.refusalDueAt) line('refusal', 'MED-5', 'Refus éventuel du médiateur (3 semaines)', cols.refusalDueAt, cols.nextDueKind === 'refusal');
  if (cols.outcomeDueAt) line('outcome', 'MED-6', 'Issue de la médiation (90 jours)', cols.outcomeDueAt, cols.nextDueKind === 'outcome');
  return lines;
}
