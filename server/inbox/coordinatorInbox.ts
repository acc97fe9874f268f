/** The coordinator's inbox: tomorrow's intervention sheets and the coupons to scan (SHEET-1, SHEET-2). */
import { addParisDays, parisEndOfDay, parisMidnight } from '../../shared/calendar/paris';
import { ordersSpec } from '../marketplace/specs';
import type { InboxSectionDef } from './inboxSection';

/** How far back a coupon not yet scanned is still asked for. */
export const COUPON_DAYS = 7;

export const coordinatorInbox: InboxSectionDef = {
  key: 'coordinator',
  roles: ['coordinator', 'admin'],
  items: ({ today, now }) => {
    const tomorrow = addParisDays(today, 1);
    return [
      // The day's batch prints the accepted orders (DSP-6) starting that Paris day (server/sheets/repository.ts).
      {
        key: 'sheetsTomorrow',
        spec: ordersSpec,
        filter: { status: 'accepted', startsAt_gte: parisMidnight(tomorrow).toISOString(), startsAt_lte: parisEndOfDay(tomorrow).toISOString() },
        sort: ['startsAt', 'ASC'],
        due: 'startsAt',
      },
      // A signed coupon is recorded for an accepted or completed order once it has started (server/sheets/signedSheet.ts).
      {
        key: 'couponsAwaitingScan',
        spec: ordersSpec,
        filter: {
          status: ['accepted', 'completed'],
          sheetSignedAt: null,
          startsAt_gte: parisMidnight(addParisDays(today, -COUPON_DAYS)).toISOString(),
          startsAt_lte: now.toISOString(),
        },
        sort: ['startsAt', 'ASC'],
        due: 'startsAt',
      },
    ];
  },
};
