/** Who may still cancel an order, as the engine decides (CLI-3, ENG-4). */
import type { Order } from '../types';

export type CancelledBy = 'client' | 'partner';

/**
 * The client may cancel a request still dispatching or an accepted appointment not yet
 * started; the partner only the latter. The server decides anyway (409 with its sentence);
 * this only hides what cannot work.
 */
export function cancellableBy(order: Pick<Order, 'status' | 'startsAt'>, now: Date = new Date()): CancelledBy[] {
  const upcoming = now.getTime() < new Date(order.startsAt).getTime();
  if (order.status === 'dispatching') return ['client'];
  if (order.status === 'accepted' && upcoming) return ['client', 'partner'];
  return [];
}
