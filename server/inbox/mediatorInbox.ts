/** The mediator's inbox: cases by their next deadline (MED-5..7) and e-mails to attach (MED-2). */
import { addParisDays, parisEndOfDay } from '../../shared/calendar/paris';
import { CASE_STATUSES } from '../../shared/domain';
import { casesSpec } from '../mediation/specs';
import type { InboxSectionDef } from './inboxSection';

/** The days "this week" covers: today and the six Paris days after it. */
const WEEK_DAYS = 7;

export const mediatorInbox: InboxSectionDef = {
  key: 'mediator',
  roles: ['mediator', 'admin'],
  items: ({ today, now }) => [
    // A due instant is met until it has passed (overdue ⇔ now > dueAt): the same test as the list's
    // `overdue` filter, written with the inbox's clock so that both counts read one "now".
    {
      key: 'casesOverdue',
      spec: casesSpec,
      filter: { nextDueAt_lte: new Date(now.getTime() - 1).toISOString() },
      sort: ['nextDueAt', 'ASC'],
      due: 'nextDueAt',
    },
    // Due instants are the end of a Paris day (MED-5..7): the seventh day's end bounds the week.
    {
      key: 'casesThisWeek',
      spec: casesSpec,
      filter: { nextDueAt_gte: now.toISOString(), nextDueAt_lte: parisEndOfDay(addParisDays(today, WEEK_DAYS - 1)).toISOString() },
      sort: ['nextDueAt', 'ASC'],
      due: 'nextDueAt',
    },
    // MED-2: complaints arrive by e-mail; one quoting a case from an unknown sender waits to be attached.
    {
      key: 'newMail',
      spec: casesSpec,
      filter: { toAttach: true, status: CASE_STATUSES.filter((s) => s !== 'closed') },
      sort: ['createdAt', 'ASC'],
    },
  ],
};
