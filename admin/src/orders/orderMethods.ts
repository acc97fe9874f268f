/**
 * The data provider's order methods (CONTRACT "Orders (support, admin)", SHEET-4): the
 * staff's cancellation and the signed coupon's upload, each resolving to the order as it now
 * is; a refusal (409) rejects with the server's sentence (httpClient).
 */
import type { Identifier } from 'react-admin';
import { postForm, postJson, segment } from '../httpClient';
import type { Order } from '../types';
import type { CancelledBy } from './cancellableBy';

export interface OrderMethods {
  /** `POST /api/orders/{id}/cancel` `{by, reason}`. */
  cancelOrder(id: Identifier, by: CancelledBy, reason: string): Promise<Order>;
  /** `POST /api/orders/{id}/signed-sheet`, multipart `file` (PDF, JPEG, PNG). */
  uploadSignedSheet(id: Identifier, file: File): Promise<Order>;
}

export function orderMethods(apiUrl: string): OrderMethods {
  const orderUrl = (id: Identifier) => `${apiUrl}/orders/${segment(id)}`;
  return {
    cancelOrder: (id, by, reason) => postJson(`${orderUrl(id)}/cancel`, { by, reason: reason.trim() }),
    uploadSignedSheet: (id, file) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return postForm(`${orderUrl(id)}/signed-sheet`, form);
    },
  };
}
