/**
 * Files on disk under UPLOADS_DIR, stored under their content hash (never the
 * client's name), written atomically (temp file + rename), so that a crash or a
 * refused request never leaves a partial file with a real name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  storedName: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  /** True when this call wrote the file (false: the same content was already stored). */
  created: boolean;
}

const STORED_NAME = /^[0-9a-f]{64}\.(pdf|jpg|png)$/;

export function storedPath(uploadsDir: string, storedName: string): string {
  // Stored names are generated here; anything else is refused rather than resolved.
  if (!STORED_NAME.test(storedName)) throw new Error(`invalid stored file name: ${storedName}`);
  return path.join(uploadsDir, storedName.slice(0, 2), storedName);
}

export async function saveFile(uploadsDir: string, buffer: Buffer, mimeType: string, ext: 'pdf' | 'jpg' | 'png'): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const storedName = `${sha256}.${ext}`;
  const target = storedPath(uploadsDir, storedName);
  if (existsSync(target)) return { storedName, sha256, sizeBytes: buffer.length, mimeType, created: false };
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
  await writeFile(temp, buffer, { flag: 'wx' });
  await rename(temp, target);
  return { storedName, sha256, sizeBytes: buffer.length, mimeType, created: true };
}

/** Removes a file this request created, when the database work that should reference it failed. */
export async function discardFile(uploadsDir: string, file: StoredFile): Promise<void> {
  if (file.created) await rm(storedPath(uploadsDir, file.storedName), { force: true });
}

/**
 * Saves the file, runs the database work, and removes the file again if that work
 * throws: a refused request leaves neither a row nor an orphan file.
 */
export async function withStoredFile<T>(
  uploadsDir: string,
  upload: { buffer: Buffer; mimeType: string; ext: 'pdf' | 'jpg' | 'png' },
  work: (file: StoredFile) => Promise<T>,
): Promise<T> {
  const file = await saveFile(uploadsDir, upload.buffer, upload.mimeType, upload.ext);
  try {
    return await work(file);
  } catch (err) {
    await discardFile(uploadsDir, file);
    throw err;
  }
}

export function openStoredFile(uploadsDir: string, storedName: string) {
  return createReadStream(storedPath(uploadsDir, storedName));
}
