/** Serves a stored file to a signed-in, authorised staff member, never as active content. */
import { stat } from 'node:fs/promises';
import type { Response } from 'express';
import { AppError } from '../http/errors';
import { openStoredFile, storedPath } from './fileStore';

/**
 * Checks the file is on disk before any header is set, so that a missing file is a clean
 * 404 in the contract's shape (not a PDF content type with a JSON body).
 */
export async function sendStoredFile(
  res: Response,
  uploadsDir: string,
  file: { storedName: string; mimeType: string; fileName: string; sizeBytes: number },
  disposition: 'inline' | 'attachment' = 'inline',
): Promise<void> {
  const onDisk = await stat(storedPath(uploadsDir, file.storedName)).catch(() => null);
  if (!onDisk?.isFile()) throw new AppError('not_found', 'Fichier introuvable sur le disque. / File missing from storage.', 404);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.set({
    'Content-Type': file.mimeType,
    'Content-Length': String(onDisk.size),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
  const stream = openStoredFile(uploadsDir, file.storedName);
  // Once headers are out, a read error can only cut the response short.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
