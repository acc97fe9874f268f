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
