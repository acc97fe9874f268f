/**
 * The one hardened upload path (partner documents, case evidence, signed sheets):
 * multipart parsed by multer into memory with a size limit, the type recognised
 * from the bytes (file-type), PDF/JPEG/PNG only — the client's declared type and
 * file name are never trusted (CONTRACT.md "Actions").
 */
import type { Request, Response } from 'express';
import multer from 'multer';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors';
import { assertSafeInput } from '../http/textInput';
import { sanitizeFileName } from './fileName';

export const ACCEPTED_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;

export type AcceptedMime = keyof typeof ACCEPTED_TYPES;

export interface ReceivedUpload {
  buffer: Buffer;
  mimeType: AcceptedMime;
  ext: 'pdf' | 'jpg' | 'png';
  /** The client's name, sanitised: data to show, never a path. */
  fileName: string;
  /** The other multipart fields, as strings. */
  fields: Record<string, string>;
}

function runMulter(req: Request, res: Response, maxBytes: number): Promise<void> {
  const parser = multer({
    storage: multer.memoryStorage(),
    // Browsers send the file name as raw UTF-8 in `filename="…"`: busboy's latin1 default turns "é" into "Ã©".
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  }).single('file');
  return new Promise((resolve, reject) => parser(req, res, (err: unknown) => (err ? reject(err) : resolve())));
}

function translateMulterError(err: unknown, maxMb: number): AppError {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      return new AppError('file_too_large', `Fichier trop volumineux : ${maxMb} Mo au maximum. / File too large (max ${maxMb} MiB).`, 413, { maxMb });
    }
    if (err.code === 'LIMIT_UNEXPECTED_FILE') {
      return AppError.badRequest('Un seul fichier est attendu, dans le champ « file ». / Exactly one file is expected, in field "file".', { field: err.field });
    }
    return AppError.badRequest(`Envoi multipart refusé (${err.code}). / Malformed multipart upload.`, { code: err.code });
  }
  if (err instanceof AppError) return err;
  return AppError.badRequest('Envoi multipart illisible. / Malformed multipart upload.');
}

export async function receiveUpload(req: Request, res: Response, options: { maxMb: number }): Promise<ReceivedUpload> {
  const raw = await receiveRawUpload(req, res, options);
  const sniffed = await sniffAccepted(raw.buffer);
  if (!sniffed.accepted) {
    throw new AppError(
      'unsupported_file_type',
      `Type de fichier refusé${sniffed.detected ? ` (${sniffed.detected})` : ''} : seuls PDF, JPEG et PNG sont acceptés, reconnus par leur contenu. / Only PDF, JPEG and PNG are accepted (recognised by content).`,
      415,
      { detected: sniffed.detected },
    );
  }
  return { ...raw, mimeType: sniffed.mimeType, ext: sniffed.ext };
}

function stringFields(req: Request): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.body ?? {})) if (typeof v === 'string') fields[k] = v;
  return fields;
}

/** The type recognised from the bytes (never the declared one): PDF, JPEG or PNG, or why not. */
export async function sniffAccepted(
  buffer: Buffer,
): Promise<{ accepted: true; mimeType: AcceptedMime; ext: 'pdf' | 'jpg' | 'png'; detected: string } | { accepted: false; detected: string | null }> {
  const detected = await fileTypeFromBuffer(buffer);
  const mime = detected?.mime as string | undefined;
  if (!mime || !(mime in ACCEPTED_TYPES)) return { accepted: false, detected: detected?.mime ?? null };
  return { accepted: true, mimeType: mime as AcceptedMime, ext: ACCEPTED_TYPES[mime as AcceptedMime], detected: mime };
}

/**
 * A multipart upload whose content is checked by the caller rather than sniffed as a
 * document (an `.eml` message for the mediation intake): same multer limits and errors,
 * same sanitised name; the attachments the caller extracts go through `sniffAccepted`.
 */
export async function receiveRawUpload(req: Request, res: Response, options: { maxMb: number }): Promise<{ buffer: Buffer; fileName: string; fields: Record<string, string> }> {
  if (!req.is('multipart/form-data')) {
    throw AppError.badRequest('Envoyez le fichier en multipart/form-data (champ « file »). / Send the file as multipart/form-data.');
  }
  try {
    await runMulter(req, res, options.maxMb * 1024 * 1024);
  } catch (err) {
    throw translateMulterError(err, options.maxMb);
  }
  // The text fields are client text like a JSON body's: checked before anything reads them.
  assertSafeInput(req.body, 'multipart');
  const file = req.file;
  if (!file) throw AppError.badRequest('Aucun fichier reçu dans le champ « file ». / No file in field "file".');
  if (file.size === 0) throw AppError.badRequest('Le fichier est vide. / The file is empty.');
  return { buffer: file.buffer, fileName: sanitizeFileName(file.originalname), fields: stringFields(req) };
}
