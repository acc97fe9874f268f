/** The limitation actions (CONTRACT "Limitations"), through the console's one HTTP client. */
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';

export const LIMITATION_ACTIONS = ['lift', 'terminate', 'approve-termination', 'decline-termination'] as const;
export type LimitationAction = (typeof LIMITATION_ACTIONS)[number];

/** Which actions the status allows (the server decides anyway: 409 with its sentence). */
export function actionsFor(status: string): LimitationAction[] {
  switch (status) {
    case 'active':
      return ['lift'];
    case 'awaiting_review':
      return ['lift', 'terminate'];
    case 'termination_pending':
      return ['approve-termination', 'decline-termination'];
    default:
      return [];
  }
}

/** Every action but the approval needs a note. */
export const needsNote = (action: LimitationAction) => action !== 'approve-termination';

export async function limitationAction(id: number | string, action: LimitationAction, note: string): Promise<unknown> {
  const body = note.trim() ? { note: note.trim() } : {};
  const res = await httpClient(`${API_URL}/limitations/${encodeURIComponent(String(id))}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json;
}

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

export async function fetchPartnerOutbox(partnerId: number | string): Promise<OutboxMessage[]> {
  const res = await httpClient(`${API_URL}/partners/${encodeURIComponent(String(partnerId))}/outbox`);
  return res.json as OutboxMessage[];
}

/** An evidence item of a limitation (CONTRACT `POST /api/limitations` `evidence`); automatic ones cite proposals (LIM-1). */
export type EvidenceType = 'order' | 'review' | 'case' | 'proposal';
export interface EvidenceItem {
  type: EvidenceType;
  id: number;
}

/** The console's resource behind each kind of evidence. */
export const EVIDENCE_RESOURCE: Record<EvidenceType, string> = {
  order: 'orders',
  review: 'reviews',
  case: 'cases',
  proposal: 'proposals',
};

export const sameEvidence = (a: EvidenceItem, b: EvidenceItem) => a.type === b.type && a.id === b.id;

/** Adds the item, or removes it when it is already there. */
export function toggleEvidence(list: readonly EvidenceItem[], item: EvidenceItem): EvidenceItem[] {
  return list.some((e) => sameEvidence(e, item)) ? list.filter((e) => !sameEvidence(e, item)) : [...list, item];
}
