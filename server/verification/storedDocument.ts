/**
 * The stored file's row behind a document, which the upload module needs to stream it back
 * (server/uploads/sendFile.ts); the file itself never passes through here.
 */
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { parseId } from '../data/getOne';
import { documentsSpec } from './specs';

/** GET /api/documents/{id}/file: the row the upload module needs to stream the file. */
export async function storedDocument(ctx: Ctx, rawId: string): Promise<{ storedName: string; mimeType: string; fileName: string; sizeBytes: number }> {
  const id = Number(parseId(documentsSpec, rawId));
  const row = await ctx.db('documents').select('storedName', 'mimeType', 'fileName', 'sizeBytes').where('id', id).first();
  if (!row) throw AppError.notFound('documents', id);
  return { storedName: String(row.storedName), mimeType: String(row.mimeType), fileName: String(row.fileName), sizeBytes: Number(row.sizeBytes) };
}
