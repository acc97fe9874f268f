/**
 * The answer of `GET /api/verification-watch` (REF-8, VER-6): produced by
 * server/verification/workspace.ts `watchList`, read by the console's watch screen.
 */
import type { DocumentType } from '../domain';

/** An active partner's document whose last valid day falls within the horizon, or has passed. */
export interface WatchDocument {
  documentId: number;
  documentType: DocumentType;
  requirement: string;
  rule: string;
  partnerId: number;
  partnerReference: string;
  partnerName: string;
  validUntil: string;
  daysLeft: number;
  expired: boolean;
}

/** An active partner whose file is incomplete: since when, the grace period's end, whether dispatch holds them. */
export interface WatchPartner {
  partnerId: number;
  reference: string;
  name: string;
  vertical: string;
  missing: string[];
  incompleteSince: string;
  flagged: boolean;
  graceEnds: string;
  held: boolean;
}

export interface Watch {
  today: string;
  horizon: string;
  days: number;
  graceDays: number;
  documents: WatchDocument[];
  partners: WatchPartner[];
}
