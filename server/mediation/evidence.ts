/**
 * Case evidence (CONTRACT.md `POST /api/cases/{id}/evidence`): the file goes through the
 * one hardened upload path (server/uploads: type sniffed from the bytes, size limit,
 * content-hash name, atomic write, removed again if the database work fails), then one
 * transaction writes the `files` row (purpose `case_evidence`), the timeline's `evidence`
 * event linking it, and the audit row. The file is served to mediators and admin only
 * (the route's permission `cases:evidence`), and only through a case that links it.
 */
import { parseRowId } from '../data/parseRowId';
import type { Ctx } from '../context';
import { inTransaction, type Tx } from '../data/transaction';
import { insertId } from '../data/insertId';
import { iso, num, type Row } from '../data/rows';
import type { FilesRow } from '../data/tables';
import { AppError } from '../http/errors';
import { discardFile, saveFile, storedPath, withStoredFile, type StoredFile } from '../uploads/fileStore';
import type { ReceivedUpload } from '../uploads/receiveUpload';
import { appendEvent } from './addEvent';
import { caseIdOf, loadCase } from './loadCase';
import { existsSync } from 'node:fs';

export const EVIDENCE_PURPOSE = 'case_evidence';

/** Checked before the file is stored: the case exists (404); a closed case is refused by `appendEvent` (409), the file removed again. */
export async function assertCaseTakesEvidence(ctx: Ctx, rawId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await loadCase(tx, caseIdOf(rawId), rawId);
  });
}

export async function insertFileRow(tx: Tx, file: StoredFile, fileName: string): Promise<number> {
  return insertId(tx.trx, 'files', {
    storedName: file.storedName,
    sha256: file.sha256,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    fileName,
    purpose: EVIDENCE_PURPOSE,
    createdBy: tx.actor?.kind === 'staff' ? tx.actor.id : null,
    createdAt: iso(tx.now),
  });
}

/** Stores an uploaded evidence file and links it to the case's timeline; returns the `evidence` event. */
export async function uploadEvidence(ctx: Ctx, uploadsDir: string, rawId: string, upload: ReceivedUpload): Promise<Row> {
  const id = caseIdOf(rawId);
  const note = (upload.fields.note ?? '').trim().slice(0, 4000);
  const unknown = Object.keys(upload.fields).filter((k) => k !== 'note');
  if (unknown.length) throw AppError.badRequest(`Champ(s) inconnu(s) : ${unknown.join(', ')}. / Unknown field(s).`, { unknownFields: unknown });
  await assertCaseTakesEvidence(ctx, rawId);
  return withStoredFile(uploadsDir, upload, (file) =>
    inTransaction(ctx, async (tx) => {
      const before = await loadCase(tx, id, rawId);
      const fileId = await insertFileRow(tx, file, upload.fileName);
      return appendEvent(tx, before, { type: 'evidence', body: note || `Pièce versée au dossier : ${upload.fileName}`, fileId });
    }),
  );
}

/** Saves several files for one database operation; all created files are removed if it fails. */
export async function withStoredFiles<T>(
  uploadsDir: string,
  uploads: ReadonlyArray<{ buffer: Buffer; mimeType: string; ext: 'pdf' | 'jpg' | 'png' }>,
  work: (files: StoredFile[]) => Promise<T>,
): Promise<T> {
  const files: StoredFile[] = [];
  try {
    for (const u of uploads) files.push(await saveFile(uploadsDir, u.buffer, u.mimeType, u.ext));
    return await work(files);
  } catch (err) {
    for (const f of files) await discardFile(uploadsDir, f);
    throw err;
  }
}

export interface EvidenceFile {
  storedName: string;
  mimeType: string;
  fileName: string;
  sizeBytes: number;
}

/** An evidence file of the case (404 when the file is not linked to this case, or gone from disk). */
export async function evidenceFile(ctx: Ctx, uploadsDir: string, rawCaseId: string, rawFileId: string): Promise<EvidenceFile> {
  const caseId = caseIdOf(rawCaseId);
  const fileId = parseRowId(rawFileId, 'files');
  const row = (await ctx.db('caseEvents as e')
    .join('files as f', 'f.id', 'e.fileId')
    .select('f.storedName', 'f.mimeType', 'f.fileName', 'f.sizeBytes')
    .where({ 'e.caseId': caseId, 'e.fileId': fileId, 'f.purpose': EVIDENCE_PURPOSE })
    .first()) as Pick<FilesRow, 'storedName' | 'mimeType' | 'fileName' | 'sizeBytes'> | undefined;
  if (!row) throw new AppError('not_found', `Aucune pièce ${fileId} dans le dossier ${caseId}. / No such evidence in this case.`, 404);
  let onDisk = false;
  try {
    onDisk = existsSync(storedPath(uploadsDir, String(row.storedName)));
  } catch {
    onDisk = false;
  }
  if (!onDisk) throw new AppError('not_found', 'Fichier introuvable sur le serveur. / File not found.', 404);
  return { storedName: String(row.storedName), mimeType: String(row.mimeType), fileName: String(row.fileName), sizeBytes: num(row.sizeBytes) };
}
