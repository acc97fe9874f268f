/**
 * Select choices for the enums of shared/domain.ts: the id is the stored value, the
 * name an i18n key (`enums.<enum>.<value>`) that SelectInput/SelectField translate.
 */
import {
  CASE_CATEGORIES,
  CASE_OUTCOMES,
  CASE_STATUSES,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  LIMITATION_KINDS,
  LIMITATION_MODALITIES,
  LIMITATION_REASONS,
  LIMITATION_STATUSES,
  ORDER_STATUSES,
  PARTNER_STATUSES,
  PAYMENT_KINDS,
  PAYOUT_FREQUENCIES,
  PROPOSAL_ANSWERS,
  SIGNAL_REASONS,
  SIGNAL_STATUSES,
  VERTICALS,
} from '../../../shared/domain';
import { ROLES } from '../../../shared/roles';

export interface Choice {
  id: string | number;
  name: string;
}

/** The enums the console labels, by their i18n namespace under `enums.`. */
export const ENUMS = {
  role: ROLES,
  vertical: VERTICALS,
  partnerStatus: PARTNER_STATUSES,
  limitationModality: LIMITATION_MODALITIES,
  documentType: DOCUMENT_TYPES,
  documentStatus: DOCUMENT_STATUSES,
  orderStatus: ORDER_STATUSES,
  proposalAnswer: PROPOSAL_ANSWERS,
  paymentKind: PAYMENT_KINDS,
  payoutFrequency: PAYOUT_FREQUENCIES,
  limitationKind: LIMITATION_KINDS,
  limitationReason: LIMITATION_REASONS,
  limitationStatus: LIMITATION_STATUSES,
  signalStatus: SIGNAL_STATUSES,
  signalReason: SIGNAL_REASONS,
  caseCategory: CASE_CATEGORIES,
  caseStatus: CASE_STATUSES,
  caseOutcome: CASE_OUTCOMES,
} as const;

export type EnumName = keyof typeof ENUMS;

export function enumKey(name: EnumName | 'weekday', value: string | number): string {
  return `enums.${name}.${value}`;
}

export function choicesOf(name: EnumName): Choice[] {
  return ENUMS[name].map((value) => ({ id: value, name: enumKey(name, value) }));
}

/** ISO weekdays, 1 = Monday … 7 = Sunday (WeeklySlot.day). */
export const WEEKDAY_CHOICES: Choice[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ id: day, name: enumKey('weekday', day) }));

export const choices = {
  role: choicesOf('role'),
  vertical: choicesOf('vertical'),
  partnerStatus: choicesOf('partnerStatus'),
  limitationModality: choicesOf('limitationModality'),
  documentType: choicesOf('documentType'),
  documentStatus: choicesOf('documentStatus'),
  orderStatus: choicesOf('orderStatus'),
  proposalAnswer: choicesOf('proposalAnswer'),
  paymentKind: choicesOf('paymentKind'),
  payoutFrequency: choicesOf('payoutFrequency'),
  limitationKind: choicesOf('limitationKind'),
  limitationReason: choicesOf('limitationReason'),
  limitationStatus: choicesOf('limitationStatus'),
  signalStatus: choicesOf('signalStatus'),
  signalReason: choicesOf('signalReason'),
  caseCategory: choicesOf('caseCategory'),
  caseStatus: choicesOf('caseStatus'),
  caseOutcome: choicesOf('caseOutcome'),
} satisfies Record<EnumName, Choice[]>;
