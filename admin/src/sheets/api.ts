/** The signed coupon's upload (CONTRACT.md `POST /api/orders/{id}/signed-sheet`, multipart `file`), through the console's one HTTP client. */
import type { Identifier } from 'react-admin';
import type { Order } from '../types';
import { httpClient } from '../httpClient';
import { signedSheetUrl } from './stages';

export async function uploadSignedSheet(id: Identifier, file: File): Promise<Order> {
  const body = new FormData();
  body.append('file', file, file.name);
  // No Content-Type: the browser writes the multipart boundary itself.
  const { json } = await httpClient(signedSheetUrl(id), { method: 'POST', body });
  return json as Order;
}
