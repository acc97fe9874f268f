/**
 * Records as the API sends them (CONTRACT.md "Key fields"). Masked fields arrive as
 * strings like any other, so they need no special type. Type aliases, not interfaces,
 * so that they fit react-admin's `RaRecord` (an index signature).
 */
import type {
  CaseCategory,
  CaseOutcome,
  CaseStatus,
  DocumentStatus,
  DocumentType,
  LimitationKind,
  LimitationModality,
  LimitationReason,
  LimitationStatus,
  OrderStatus,
  PartnerStatus,
  PaymentKind,
  ProposalAnswer,
  SignalReason,
  SignalStatus,
  Vertical,
  WeeklySlot,
} from '../../shared/domain';
import type { Role } from '../../shared/roles';

type Id = string | number;

export type Partner = {
  id: Id;
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  birthDate: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  siren: string | null;
  iban: string | null;
  vertical: Vertical;
  services: string[];
  radiusKm: number | null;
  weeklyHours: WeeklySlot[];
  status: PartnerStatus;
  assignedTo: Id | null;
  limitation: LimitationModality | null;
  score: number | null;
  createdAt: string;
};

export type Client = {
  id: Id;
  reference: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  createdAt: string;
  deletedAt: string | null;
};

export type Service = {
  id: string;
  vertical: Vertical;
  name: string;
  durationMin: number;
  priceCents: number;
  partnerPayCents: number;
  regulated: boolean;
};

export type Order = {
  id: Id;
  reference: string;
  clientId: Id;
  partnerId: Id | null;
  serviceCode: string;
  startsAt: string;
  endsAt: string;
  status: OrderStatus;
  priceCents: number;
  partnerPayCents: number;
  createdAt: string;
  sheetSignedAt: string | null;
};

export type Proposal = {
  id: Id;
  orderId: Id;
  partnerId: Id;
  rank: number;
  sentAt: string;
  deadlineAt: string;
  answer: ProposalAnswer | null;
  answeredAt: string | null;
  proposedStartsAt: string | null;
};

export type Review = {
  id: Id;
  orderId: Id;
  partnerId: Id;
  clientId: Id;
  rating: number;
  recommended: boolean | null;
  comment: string | null;
  createdAt: string;
  publishedAt: string | null;
};

export type PartnerDocument = {
  id: Id;
  partnerId: Id;
  type: DocumentType;
  status: DocumentStatus;
  fileName: string;
  expiresAt: string | null;
  // The verification workspace's facts; optional so that older fixtures still fit.
  mimeType?: string;
  issuedAt?: string | null;
  validUntil?: string | null;
  qualification?: string | null;
  holderName?: string | null;
  worksInFranceAuthorised?: boolean | null;
  rejectionReason?: string | null;
};

export type Limitation = {
  id: Id;
  partnerId: Id;
  kind: LimitationKind;
  reason: LimitationReason;
  modality: LimitationModality;
  startsAt: string;
  endsAt: string | null;
  status: LimitationStatus;
};

export type Payment = {
  id: Id;
  orderId: Id;
  kind: PaymentKind;
  amountCents: number;
  dueAt: string | null;
  doneAt: string | null;
};

export type Payout = {
  id: Id;
  partnerId: Id;
  payoutRunId: Id | null;
  periodStart: string;
  periodEnd: string;
  amountCents: number;
  lineCount: number;
  paidAt: string | null;
  arrivesAt: string | null;
};

/** PAY-7: one period of one frequency, paid once. */
export type PayoutRun = {
  id: Id;
  periodKind: 'weekly' | 'monthly';
  periodStart: string;
  periodEnd: string;
  payoutDate: string;
  expectedArrivalAt: string;
  payoutCount: number;
  totalCents: number;
  createdAt: string;
};

/** A session a payout pays (GET /api/payouts/{id}/lines). */
export type PayoutLine = {
  id: Id;
  orderId: Id;
  orderReference: string;
  serviceCode: string;
  sessionEndsAt: string;
  partnerPayCents: number;
};

export type Signal = {
  id: Id;
  partnerId: Id;
  reason: SignalReason;
  status: SignalStatus;
  note: string | null;
  createdAt: string;
};

export type MediationCase = {
  id: Id;
  reference: string;
  orderId: Id | null;
  clientId: Id | null;
  partnerId: Id | null;
  category: CaseCategory;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  refundCents: number | null;
  answerDueAt: string | null;
  outcomeDueAt: string | null;
  createdAt: string;
};

export type AuditEntry = {
  id: Id;
  at: string;
  actorId: Id | null;
  /** `staff`, `system`, or `app:<token id>`. */
  actorKind?: string;
  /** The staff member's or app token's name (the server resolves it: `users` is admin only). */
  actorName?: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
};

export type StaffAccount = {
  id: Id;
  email: string;
  fullName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  /** Sign-ins refused until then (the server's throttle); null or past when not locked. */
  lockedUntil?: string | null;
  /** When the account turned two-step sign-in on; null: the password alone. */
  totpEnrolledAt?: string | null;
};

export type AppToken = {
  id: Id;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Only in the answer to the creation, once. */
  token?: string;
};
