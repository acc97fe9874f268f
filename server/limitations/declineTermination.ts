/** Another ops or admin account declines a requested termination: back to awaiting review (LIM-6). */
import type { Ctx } from '../context';
import type { Row } from '../data/rows';
import { changeLimitation } from './changeLimitation';

export function declineTermination(ctx: Ctx, rawId: string, note: string | undefined): Promise<Row> {
  return changeLimitation(ctx, rawId, note, {
    action: 'decline-termination',
    from: ['termination_pending'],
    to: 'awaiting_review',
    label: 'Résiliation refusée',
    set: () => ({ terminationRequestedBy: null }),
  });
}
