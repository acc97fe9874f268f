/**
 * Ops ask for the partner's termination at the end-of-period review (LIM-6): awaiting review
 * → termination pending, until another ops or admin account approves it (four eyes).
 */
import type { Ctx } from '../context';
import type { Row } from '../data/rows';
import { staffId } from '../data/transaction';
import { AppError } from '../http/errors';
import { changeLimitation } from './changeLimitation';

export function requestTermination(ctx: Ctx, rawId: string, note: string | undefined): Promise<Row> {
  return changeLimitation(ctx, rawId, note, {
    action: 'terminate',
    from: ['awaiting_review'],
    to: 'termination_pending',
    // Approved since: the request was made, and decided, by someone else.
    done: ['termination_pending', 'terminated'],
    label: 'Résiliation demandée',
    refuse: (status) =>
      status === 'active'
        ? AppError.invalidState(
            'La limitation est encore en cours : la résiliation ne peut être demandée qu’après la revue de fin de période (LIM-6). / Review first: the limitation must be awaiting review.',
            { status },
          )
        : null,
    set: (tx) => ({ terminationRequestedBy: staffId(tx) }),
  });
}
