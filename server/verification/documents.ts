/**
 * Partners' documents: upload (through the one hardened upload path, server/uploads),
 * the facts an agent records on them (VER-5), approve and reject — each one transaction
 * with its audit row, and the partner's REF-8 flag refreshed in the same transaction.
 */
import type { Row } from '../data/rows';
import type { ApiRecord } from '../http/resource';
import { z } from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/domain';
import { validate } from '../../shared/validators';
import { isIsoDate, parisDate } from '../../shared/calendar/paris';
import { QUALIFICATION_CODES, requiredFacts, validUntil, type DocumentFact } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError, fromZod } from '../http/errors';
import { getOne, parseId } from '../data/getOne';
import { decidedBy } from '../audit/lastActor';
import { actedFirst } from '../data/actedFirst';
import { insertRecord } from '../data/records';
import { inTransaction, type Tx } from '../data/transaction';
import { transition } from '../data/transition';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from './specs';
import { withStoredFile } from '../uploads/fileStore';
import type { ReceivedUpload } from '../uploads/receiveUpload';
import { refreshFileStatus } from './fileStatus';
import { assertMayReview, staff } from './guards';
import { loadPartnerFile, type PartnerFile } from './repository';
import { checkRibIban, partnerIbanIn, setPartnerIbanFromRib } from './ribIban';

const isoDate = z.string().refine(isIsoDate, 'date AAAA-MM-JJ attendue / YYYY-MM-DD date expected');
const trimmed = (max: number) => z.string().trim().min(1).max(max);

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

/** Semantic checks of facts (422): dates in order and not in the future, a valid IBAN (normalised). */
function checkFacts(ctx: Ctx, facts: DocumentFacts): DocumentFacts {
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

async function partnerOr404(ctx: Ctx, partnerId: number): Promise<PartnerFile> {
  const partner = await loadPartnerFile(ctx.db, partnerId);
  if (!partner) throw AppError.notFound('partners', partnerId);
  return partner;
}

export async function assertPartnerAcceptsUploads(ctx: Ctx, rawId: string): Promise<PartnerFile> {
  const partner = await partnerOr404(ctx, Number(parseId(partnersSpec, rawId)));
  if (partner.status === 'refused' || partner.status === 'terminated') {
    throw AppError.invalidState(`Le dossier ${partner.reference} est clos (${partner.status}) : aucun document ne peut y être ajouté. / This file is closed.`, {
      status: partner.status,
    });
  }
  return partner;
}

/**
 * POST /api/partners/{id}/documents: the upload has already been received and sniffed
 * (PDF/JPEG/PNG by content, size limit); the fields are checked before the file is stored,
 * and the file is removed again if the row cannot be written (no orphan file, no row).
 */
export async function uploadDocument(ctx: Ctx, uploadsDir: string, partner: PartnerFile, upload: ReceivedUpload): Promise<Row> {
  const actor = staff(ctx);
  const fields = parseUploadFields(upload.fields);
  const { type, ...rawFacts } = fields;
  const facts = checkFacts(ctx, rawFacts);
  return withStoredFile(uploadsDir, upload, (file) =>
    inTransaction(ctx, async (tx) => {
      const values: Row = {
        partnerId: partner.id,
        type,
        status: 'pending',
        fileName: upload.fileName,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        issuedAt: facts.issuedAt ?? null,
        expiresAt: facts.expiresAt ?? null,
        qualification: facts.qualification ?? null,
        holderName: facts.holderName ?? null,
        iban: facts.iban ?? null,
        worksInFranceAuthorised: facts.worksInFranceAuthorised ?? null,
        validUntil: validUntil({ type, issuedAt: facts.issuedAt ?? null, expiresAt: facts.expiresAt ?? null }),
        uploadedBy: actor.id,
      };
      const doc = await insertRecord(tx, documentsSpec, values, { action: 'documents.create', extraColumns: { storedName: file.storedName } });
      await refreshFileStatus(tx, partner.id);
      return doc;
    }),
  );
}

async function documentAndPartner(ctx: Ctx, rawId: string): Promise<{ doc: ApiRecord; partner: PartnerFile; id: number }> {
  const id = Number(parseId(documentsSpec, rawId));
  const doc = await getOne(ctx.db, documentsSpec, String(id));
  const partner = await partnerOr404(ctx, Number(doc.partnerId));
  return { doc, partner, id };
}

/** The facts a document carries after applying `changes`, and its derived last valid day. */
function merged(doc: ApiRecord, changes: DocumentFacts) {
  const next = { ...doc, ...changes } as ApiRecord & { type: DocumentType; issuedAt: string | null; expiresAt: string | null };
  return { next, validUntil: validUntil(next) };
}

const lost = (id: number) => (tx: Tx) => actedFirst(tx.trx, 'documents', id, { outcome: ` : le document ${id} vient d’être traité` });

/** PUT /api/documents/{id}: record facts (VER-5) on a document, whatever its status. */
export async function updateDocumentFacts(ctx: Ctx, rawId: string, changes: DocumentFacts): Promise<Row> {
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  const facts = checkFacts(ctx, changes);
  const { next, validUntil: until } = merged(doc, facts);
  if (next.issuedAt && next.expiresAt && String(next.expiresAt) < String(next.issuedAt)) {
    throw AppError.validation('expiresAt : l’expiration précède la délivrance', { fields: { expiresAt: 'l’expiration précède la délivrance' } });
  }
  return inTransaction(ctx, async (tx) => {
    const after = await transition(tx, documentsSpec, id, { from: [String(doc.status)], set: { ...facts, validUntil: until }, action: 'documents.update', lost: lost(id) });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}

/**
 * POST /api/documents/{id}/approve: a pending document becomes approved, once the facts the
 * requirements table needs for it are recorded (VER-5, 422 naming the missing ones) and it
 * is not already past its last valid day (REF-8).
 */
export async function approveDocument(ctx: Ctx, rawId: string, input: DocumentFacts & { updatePartnerIban?: boolean }): Promise<Row> {
  const { updatePartnerIban = false, ...changes } = input;
  const actor = staff(ctx);
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  if (doc.status !== 'pending') {
    const by = await decidedBy(ctx.db, 'documents', id);
    throw AppError.invalidState(`Ce document est déjà ${doc.status === 'approved' ? 'approuvé' : doc.status === 'rejected' ? 'refusé' : 'expiré'}${by}. / Only a pending document can be approved.`, {
      status: doc.status,
    });
  }
  const facts = checkFacts(ctx, changes);
  const { next, validUntil: until } = merged(doc, facts);
  const needed = requiredFacts(partner, next.type);
  const missingFacts = needed.filter((f: DocumentFact) => next[f] === null || next[f] === undefined || next[f] === '');
  if (missingFacts.length) {
    throw AppError.validation(`Renseignez d’abord : ${missingFacts.join(', ')}. / Record these facts before approving.`, { missingFacts });
  }
  if (next.type === 'diploma' && next.qualification === null) throw AppError.validation('qualification requise', { missingFacts: ['qualification'] });
  const today = parisDate(ctx.clock.now());
  if (until !== null && until < today) {
    throw AppError.validation(`Ce document n’est plus valide depuis le ${until} : demandez-en un plus récent. / This document has already expired.`, { validUntil: until });
  }
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    // REF-5, REF-6: a RIB proves the payout IBAN only if it is the partner's (422 naming both,
    // masked); the partner's IBAN is read in this transaction so an edit meanwhile is not missed.
    if (next.type === 'rib') {
      const rib = checkRibIban(next.iban as string | null, await partnerIbanIn(trx, partner.id), updatePartnerIban);
      if (rib.newPartnerIban !== null) await setPartnerIbanFromRib(tx, partner.id, rib.newPartnerIban);
    }
    const after = await transition(tx, documentsSpec, id, {
      from: ['pending'],
      to: 'approved',
      set: { ...facts, validUntil: until, rejectionReason: null, reviewedBy: actor.id, reviewedAt: tx.now.toISOString() },
      action: 'documents.approve',
      lost: lost(id),
    });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}

export const rejectSchema = z.strictObject({
  reason: z.string().trim().min(3, 'motif requis (3 caractères au moins) / reason required (at least 3 characters)').max(2000),
  /** The status the agent saw when deciding (the console sends it): a colleague's decision since then is a 409, not overwritten. */
  expectedStatus: z.enum(['pending', 'approved']).optional(),
});

/** POST /api/documents/{id}/reject {reason}: a pending (or approved, found wrong later) document is rejected. */
export async function rejectDocument(ctx: Ctx, rawId: string, input: z.infer<typeof rejectSchema>): Promise<Row> {
  const actor = staff(ctx);
  const { doc, partner, id } = await documentAndPartner(ctx, rawId);
  await assertMayReview(ctx, partner);
  if (doc.status !== 'pending' && doc.status !== 'approved') {
    const by = await decidedBy(ctx.db, 'documents', id);
    throw AppError.invalidState(`Ce document est déjà ${doc.status === 'rejected' ? 'refusé' : 'expiré'}${by}. / This document cannot be rejected.`, { status: doc.status });
  }
  const seen = input.expectedStatus ?? String(doc.status);
  if (seen !== doc.status) throw await actedFirst(ctx.db, 'documents', id, { outcome: ` : le document est désormais « ${String(doc.status)} »` });
  return inTransaction(ctx, async (tx) => {
    const after = await transition(tx, documentsSpec, id, {
      // The status the agent decided on: had a colleague approved it meanwhile, this rejection
      // would silently reverse their decision — it gets 409 naming them instead.
      from: [seen],
      to: 'rejected',
      set: { rejectionReason: input.reason, reviewedBy: actor.id, reviewedAt: tx.now.toISOString() },
      action: 'documents.reject',
      lost: lost(id),
    });
    await refreshFileStatus(tx, partner.id);
    return after;
  });
}

/** GET /api/documents/{id}/file: the row the upload module needs to stream the file. */
export async function storedDocument(ctx: Ctx, rawId: string): Promise<{ storedName: string; mimeType: string; fileName: string; sizeBytes: number }> {
  const id = Number(parseId(documentsSpec, rawId));
  const row = await ctx.db('documents').select('storedName', 'mimeType', 'fileName', 'sizeBytes').where('id', id).first();
  if (!row) throw AppError.notFound('documents', id);
  return { storedName: String(row.storedName), mimeType: String(row.mimeType), fileName: String(row.fileName), sizeBytes: Number(row.sizeBytes) };
}
