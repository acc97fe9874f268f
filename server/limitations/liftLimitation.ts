/** Ops lift a manual limitation before or at its review (LIM-3, LIM-6): active or awaiting review → lifted. */
import type { Ctx } from '../context';
import { iso, num, type Row } from '../data/rows';
import { staffId } from '../data/transaction';
import { cancelDeadlines } from '../engine/live/deadlines';
import { changeLimitation } from './changeLimitation';
import { writeOutbox } from './writeOutbox';

export function liftLimitation(ctx: Ctx, rawId: string, note: string | undefined): Promise<Row> {
  return changeLimitation(ctx, rawId, note, {
    action: 'lift',
    from: ['active', 'awaiting_review'],
    to: 'lifted',
    label: 'Levée',
    set: (tx) => ({ liftedAt: iso(tx.now), liftedBy: staffId(tx) }),
    then: async (tx, before, after) => {
      // Lifted before its end: its LIM-6 review timer will never fire.
      await cancelDeadlines(tx, 'limitation_end', [num(before.id)]);
      await writeOutbox(tx, after, 'lift');
    },
  });
}
