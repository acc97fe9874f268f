/** Ops' inbox: limitations to decide (LIM-4..6) and the signals nobody has handled. */
import { limitationsSpec, signalsSpec } from '../limitations/specs';
import type { InboxSectionDef } from './inboxSection';

export const opsInbox: InboxSectionDef = {
  key: 'ops',
  roles: ['ops', 'admin'],
  items: () => [
    // LIM-6: a manual limitation whose period ended, waiting for ops' review.
    { key: 'limitationsToReview', spec: limitationsSpec, filter: { status: 'awaiting_review' }, sort: ['endsAt', 'ASC'], due: 'endsAt' },
    // LIM-6: a termination asked by one account waits for a second one to approve it.
    { key: 'terminationsAwaitingApprover', spec: limitationsSpec, filter: { status: 'termination_pending' }, sort: ['createdAt', 'ASC'] },
    { key: 'openSignals', spec: signalsSpec, filter: { status: 'open' }, sort: ['createdAt', 'ASC'] },
  ],
};
