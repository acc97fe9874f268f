/** The staff's order actions (CONTRACT "Orders (support, admin)"), through the console's one HTTP client. */
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';
import type { Order } from '../types';

export type CancelledBy = 'client' | 'partner';

/** `POST /api/orders/{id}/cancel` `{by, reason}` → the order as it now is; a refusal (409) rejects with the server's sentence. */
export async function cancelOrder(id: Order['id'], by: CancelledBy, reason: string): Promise<Order> {
  const res = await httpClient(`${API_URL}/orders/${encodeURIComponent(String(id))}/cancel`, {
    method: 'POST',
    body: JSON.stringify({ by, reason: reason.trim() }),
  });
  return res.json as Order;
}

/**
 * Who may still cancel the order, as the engine decides (CLI-3, ENG-4): the client a request
 * still dispatching or an accepted appointment not yet started; the partner only the latter.
 * The server decides anyway (409 with its sentence); this only hides what cannot work.
 */
export function cancellableBy(order: Pick<Order, 'status' | 'startsAt'>, now: Date = new Date()): CancelledBy[] {
  const upcoming = now.getTime() < new Date(order.startsAt).getTime();
  if (order.status === 'dispatching') return ['client'];
  if (order.status === 'accepted' && upcoming) return ['client', 'partner'];
  return [];
}
