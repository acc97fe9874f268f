/**
 * The multipart fields that come with an uploaded document, checked before anything is
 * stored (the upload itself: uploadDocument.ts).
 */
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../shared/domain';
import { QUALIFICATION_CODES } from '../../shared/verification/requirements';
import { AppError, fromZod } from '../http/errors';
import { isoDate, trimmed } from './documentFacts';

const boolField = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The multipart fields besides `file` (strings on the wire). */
export const uploadFieldsSchema = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  issuedAt: isoDate.optional(),
  expiresAt: isoDate.optional(),
  qualification: z.enum(QUALIFICATION_CODES as [string, ...string[]]).optional(),
  holderName: trimmed(200).optional(),
  iban: z.string().max(50).optional(),
  worksInFranceAuthorised: boolField.optional(),
});

/**
 * Checks the multipart fields before anything is stored: an unknown document type or field
 * is a 400, a date in the future or an expiry before the issue a 422.
 */
export function parseUploadFields(fields: Record<string, string>): z.infer<typeof uploadFieldsSchema> {
  const cleaned = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  const parsed = uploadFieldsSchema.safeParse(cleaned);
  if (!parsed.success) {
    const typeIssue = parsed.error.issues.find((i) => i.path[0] === 'type');
    if (typeIssue) {
      throw AppError.badRequest(`Type de document inconnu ou absent (champ « type ») : ${DOCUMENT_TYPES.join(', ')}. / Unknown or missing document type.`, {
        fields: { type: typeIssue.message },
        allowed: DOCUMENT_TYPES,
      });
    }
    throw fromZod(parsed.error, 'l’envoi / the upload');
  }
  return parsed.data;
}
