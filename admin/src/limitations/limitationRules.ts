/** The limitation decisions the console offers (LIM-3, LIM-6); the server decides anyway: 409 with its sentence. */
export const LIMITATION_ACTIONS = ['lift', 'terminate', 'approve-termination', 'decline-termination'] as const;
export type LimitationAction = (typeof LIMITATION_ACTIONS)[number];

/** Which decisions the status allows. */
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

/** Every decision but the approval needs a note. */
export const needsNote = (action: LimitationAction) => action !== 'approve-termination';
