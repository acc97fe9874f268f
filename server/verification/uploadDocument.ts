/**
 * A partner's document is uploaded through the one hardened upload path (server/uploads),
 * in one transaction with its audit row and the partner's REF-8 flag refreshed in it.
 */
import type { Row } from '../data/rows';
import { validUntil } from '../../shared/verification/requirements';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { parseId } from '../data/getOne';
import { insertRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from './specs';
import { withStoredFile } from '../uploads/fileStore';
import type { ReceivedUpload } from '../uploads/receiveUpload';
import { refreshFileStatus } from './fileStatus';
import { staff } from './guards';
import type { PartnerFile } from './repository';
import { checkFacts } from './documentFacts';
import { partnerOr404 } from './reviewedDocument';
import { parseUploadFields } from './uploadFields';

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
