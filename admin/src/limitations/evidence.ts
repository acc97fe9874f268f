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
