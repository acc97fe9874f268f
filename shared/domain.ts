/**
 * Domain vocabulary shared by the server and the console: every enum the contract
 * names (../shared/CONTRACT.md "Key fields"), in one place, as const tuples so that
 * zod schemas, TypeScript types and the SPA's choices all come from the same list.
 */

export const VERTICALS = ['wellness', 'care'] as const;
export type Vertical = (typeof VERTICALS)[number];

/** rule REF-9: applicant → in_review → active | refused; active → terminated (LIM-6). */
export const PARTNER_STATUSES = ['applicant', 'in_review', 'active', 'refused', 'terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** rule LIM-5 / LIM-2: the effective restriction on a partner's dispatch. */
export const LIMITATION_MODALITIES = ['reduced', 'existing_clients_only'] as const;
export type LimitationModality = (typeof LIMITATION_MODALITIES)[number];

export const DOCUMENT_TYPES = [
  'identity',
  'siren_proof',
  'diploma',
  'training_certificate',
  'experience_proof',
  'criminal_record',
  'sap_declaration',
  'urssaf_attestation',
  'fiscal_attestation',
  'nova_attestation',
  'rib',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const ORDER_STATUSES = [
  'dispatching',
  'accepted',
  'expired',
  'completed',
  'cancelled_by_client',
  'cancelled_by_partner',
  'no_show',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PROPOSAL_ANSWERS = ['accepted', 'declined', 'other_slot', 'timeout'] as const;
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];

export const PAYMENT_KINDS = ['preauth', 'capture', 'refund', 'urssaf_debit'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** PAY-4 / PAY-7: how often a partner is paid, and the kind of period a payout run pays. */
export const PAYOUT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type PayoutFrequency = (typeof PAYOUT_FREQUENCIES)[number];

export const LIMITATION_KINDS = ['automatic', 'manual'] as const;
export type LimitationKind = (typeof LIMITATION_KINDS)[number];

/** rule LIM-1 (automatic) and LIM-4 (a)–(e) (manual). */
export const LIMITATION_REASONS = [
  'no_acceptance_in_last_50',
  'aggressive_to_staff',
  'aggressive_to_clients',
  'repeated_negative_reviews',
  'no_show',
  'repeated_cancellations',
] as const;
export type LimitationReason = (typeof LIMITATION_REASONS)[number];

export const LIMITATION_STATUSES = [
  'active',
  'lifted',
  'awaiting_review',
  'termination_pending',
  'terminated',
] as const;
export type LimitationStatus = (typeof LIMITATION_STATUSES)[number];

export const SIGNAL_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const SIGNAL_REASONS = [
  'repeated_cancellations',
  'no_show',
  'repeated_negative_reviews',
  'recent_case',
  'contact_sharing',
  'aggressive_to_staff',
  'aggressive_to_clients',
  'other',
] as const;
export type SignalReason = (typeof SIGNAL_REASONS)[number];

export const CASE_CATEGORIES = ['quality', 'damage', 'no_show', 'cancellation', 'billing', 'behaviour', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_STATUSES = ['open', 'amicable', 'resolved', 'referred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = ['agreement', 'no_agreement', 'withdrawn'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_EVENT_TYPES = [
  'note',
  'message_in',
  'message_out',
  'evidence',
  'proposal',
  'decision',
  'deadline_extended',
  'status_change',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** A weekly availability slot (CONTRACT.md partners.weeklyHours): day 1 = Monday … 7 = Sunday. */
export interface WeeklySlot {
  day: number;
  from: string;
  to: string;
}
