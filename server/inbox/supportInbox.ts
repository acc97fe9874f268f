/** Support's inbox: the verification work (REF-7..9, VER-2, VER-4). */
import { addParisDays } from '../../shared/calendar/paris';
import { DEFAULT_SETTINGS } from '../../shared/verification/requirements';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from '../verification/specs';
import type { InboxSectionDef } from './inboxSection';

export const supportInbox: InboxSectionDef = {
  key: 'support',
  roles: ['support', 'admin'],
  items: ({ userId, today }) => [
    // REF-9: registered applicants nobody has taken yet, oldest first (the queue's order).
    { key: 'applicantsWaiting', spec: partnersSpec, filter: { status: 'applicant' }, sort: ['createdAt', 'ASC'] },
    // VER-4: the files this agent took and has not decided.
    { key: 'filesIHold', spec: partnersSpec, filter: { status: 'in_review', assignedTo: userId }, sort: ['takenAt', 'ASC'] },
    { key: 'documentsToCheck', spec: documentsSpec, filter: { status: 'pending' }, sort: ['createdAt', 'ASC'] },
    // VER-2: "expiring soon" = the last valid day falls within the next 30 days (REF-8).
    {
      key: 'filesExpiring',
      spec: documentsSpec,
      filter: { status: 'approved', validUntil_gte: today, validUntil_lte: addParisDays(today, DEFAULT_SETTINGS.expiringSoonDays) },
      sort: ['validUntil', 'ASC'],
      due: 'validUntil',
    },
  ],
};
