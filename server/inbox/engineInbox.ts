/** The engine's health, for the admin: requests still being offered (DSP-4, DSP-5) and today's unfilled ones (DSP-12). */
import { parisEndOfDay, parisMidnight } from '../../shared/calendar/paris';
import { ordersSpec } from '../marketplace/specs';
import type { InboxSectionDef } from './inboxSection';

export const engineInbox: InboxSectionDef = {
  key: 'engine',
  roles: ['admin'],
  items: ({ today }) => [
    { key: 'ordersDispatching', spec: ordersSpec, filter: { status: 'dispatching' }, sort: ['startsAt', 'ASC'], due: 'startsAt' },
    // DSP-12: nobody accepted it an hour before its start: it expired unfilled.
    {
      key: 'unfilledToday',
      spec: ordersSpec,
      filter: { status: 'expired', startsAt_gte: parisMidnight(today).toISOString(), startsAt_lte: parisEndOfDay(today).toISOString() },
      sort: ['startsAt', 'ASC'],
      due: 'startsAt',
    },
  ],
};
