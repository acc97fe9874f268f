/**
 * The data provider's limitation methods (CONTRACT "Limitations"): the decisions on a
 * limitation (LIM-3, LIM-6: the server refuses an approval by the account that asked) and the
 * messages a partner was sent about them. A refusal rejects with the server's sentence.
 */
import type { Identifier } from 'react-admin';
import { getJson, postJson, segment } from '../httpClient';

/** A message to the partner about a limitation decision (server/limitations/messages.ts), as `GET /api/partners/{id}/outbox` sends it. */
export interface OutboxMessage {
  id: number;
  partnerId: number;
  limitationId: number | null;
  kind: string;
  channel: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
}

export interface LimitationMethods {
  /** `POST /api/limitations/{id}/lift`. */
  liftLimitation(id: Identifier, note: string): Promise<unknown>;
  /** `POST /api/limitations/{id}/terminate`: asks for the termination, which another account approves. */
  terminateLimitation(id: Identifier, note: string): Promise<unknown>;
  /** `POST /api/limitations/{id}/approve-termination` (the note is optional). */
  approveTermination(id: Identifier, note: string): Promise<unknown>;
  /** `POST /api/limitations/{id}/decline-termination`. */
  declineTermination(id: Identifier, note: string): Promise<unknown>;
  /** `GET /api/partners/{id}/outbox`, newest first. */
  getPartnerOutbox(partnerId: Identifier): Promise<OutboxMessage[]>;
}

export function limitationMethods(apiUrl: string): LimitationMethods {
  const decide = (action: string) => (id: Identifier, note: string) =>
    postJson(`${apiUrl}/limitations/${segment(id)}/${action}`, note.trim() ? { note: note.trim() } : {});
  return {
    liftLimitation: decide('lift'),
    terminateLimitation: decide('terminate'),
    approveTermination: decide('approve-termination'),
    declineTermination: decide('decline-termination'),
    getPartnerOutbox: (partnerId) => getJson(`${apiUrl}/partners/${segment(partnerId)}/outbox`),
  };
}
