/**
 * MED-8: what the referral file sent to the outside consumer mediator holds — the parties'
 * exchanges (messages both ways, proposals made to them), the evidence and the deadlines
 * (MED-6's extensions, told to the parties) — never the staff's internal notes. Internal
 * notes, the staff's decisions and the status changes (which carry the staff's remarks)
 * stay in the console. One list for the server's PDF and the console's timeline badge.
 */
import type { CaseEventType } from '../domain';

export const REFERRAL_EVENT_TYPES = ['message_in', 'message_out', 'proposal', 'evidence', 'deadline_extended'] as const satisfies readonly CaseEventType[];

/** MED-8: does an event of this type go to the mediator in the referral file? */
export function inReferralFile(type: string): boolean {
  return (REFERRAL_EVENT_TYPES as readonly string[]).includes(type);
}
