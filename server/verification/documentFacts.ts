/**
 * The facts an agent records on a document (VER-5), shared by the upload, the facts edit and
 * the approval: one schema, one set of semantic checks (422), one way to derive the
 * document's last valid day after a change.
 */
import type { ApiRecord } from '../http/resource';
import { z } from 'zod';
import type { DocumentType } from '../../shared/domain';
import { validate } from '../../shared/validators';
import { isIsoDate, parisDate } from '../../shared/calendar/paris';
import { QUALIFICATION_CODES, validUntil } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';

export const isoDate = z.string().refine(isIsoDate, 'date AAAA-MM-JJ attendue / YYYY-MM-DD date expected');
export const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** The facts an agent records on a document (VER-5); every one optional, null clears it. */
export const documentFactsSchema = z.object({
  issuedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  qualification: z.enum(QUALIFICATION_CODES as [string, ...string[]]).nullable(),
  holderName: trimmed(200).nullable(),
  iban: z.string().max(50).nullable(),
  worksInFranceAuthorised: z.boolean().nullable(),
});
export type DocumentFacts = Partial<z.infer<typeof documentFactsSchema>>;

/** Semantic checks of facts (422): dates in order and not in the future, a valid IBAN (normalised). */
export function checkFacts(ctx: Ctx, facts: DocumentFacts): DocumentFacts {
  const today = parisDate(ctx.clock.now());
  const fields: Record<string, string> = {};
  const out = { ...facts };
  if (facts.issuedAt && facts.issuedAt > today) fields.issuedAt = 'la date de délivrance est dans le futur';
  if (facts.issuedAt && facts.expiresAt && facts.expiresAt < facts.issuedAt) fields.expiresAt = 'l’expiration précède la délivrance';
  if (facts.iban) {
    const r = validate('iban', facts.iban);
    if (r.valid) out.iban = r.normalized;
    else fields.iban = r.reason;
  }
  if (Object.keys(fields).length) {
    const [k, v] = Object.entries(fields)[0];
    throw AppError.validation(`${k} : ${v}`, { fields });
  }
  return out;
}

/** The facts a document carries after applying `changes`, and its derived last valid day. */
export function merged(doc: ApiRecord, changes: DocumentFacts) {
  const next = { ...doc, ...changes } as ApiRecord & { type: DocumentType; issuedAt: string | null; expiresAt: string | null };
  return { next, validUntil: validUntil(next) };
}
