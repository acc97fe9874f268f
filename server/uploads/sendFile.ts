/** Serves a stored file to a signed-in, authorised staff member, never as active content. */
import type { Response } from 'express';
import { openStoredFile } from './fileStore';

export function sendStoredFile(
  res: Response,
  uploadsDir: string,
  file: { storedName: string; mimeType: string; fileName: string; sizeBytes: number },
  disposition: 'inline' | 'attachment' = 'inline',
): void {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.set({
    'Content-Type': file.mimeType,
    'Content-Length': String(file.sizeBytes),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
  const stream = openStoredFile(uploadsDir, file.storedName);
  stream.on('error', () => {
    if (!res.headersSent) res.status(404).json({ error: { code: 'not_found', message: 'Fichier introuvable. / File not found.' } });
    else res.destroy();
  });
  stream.pipe(res);
}
