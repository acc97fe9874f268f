/** REF-5: the server's refusal to approve a RIB whose IBAN is not the partner's, read from its 422. */
import { HttpError } from 'react-admin';

/** The two masked IBANs the refusal names. */
export interface IbanMismatch {
  documentIban: string;
  partnerIban: string;
}

/** The IBAN mismatch a 422 from `POST /documents/{id}/approve` names, or null for any other error. */
export function ibanMismatchOf(error: unknown): IbanMismatch | null {
  if (!(error instanceof HttpError) || error.status !== 422) return null;
  const details = (error.body as { error?: { details?: Partial<IbanMismatch> & { reason?: string } } } | undefined)?.error?.details;
  if (details?.reason !== 'iban_mismatch' || typeof details.documentIban !== 'string' || typeof details.partnerIban !== 'string') return null;
  return { documentIban: details.documentIban, partnerIban: details.partnerIban };
}
