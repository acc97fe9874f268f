/** A partner's public reference, derived from its id (the applicant's creation and the demo seed write it). */
export function partnerReference(id: number): string {
  return `P${String(id).padStart(6, '0')}`;
}
