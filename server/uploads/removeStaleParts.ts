/**
 * Temp files a killed process left in the uploads folder: a stored file is written as
 * `<name>.<random>.part` then renamed (fileStore.ts), and the readiness probe writes a
 * `.ready-<random>` file; a process killed in between leaves them for good. They are
 * removed at start-up and by an hourly job — only once older than any request could be,
 * because the folder is shared by every server process and a younger one may be another
 * process's upload in progress.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { every, type OutsideJob } from '../engine/live/periodicJobs';

/**
 * The longest a request may take to arrive: the server sets it (server/main.ts; it is also
 * Node's default `server.requestTimeout`). An upload is written while its request is served.
 */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;

/** Twice the longest request: a temp file this old belongs to no request still running, in any process. */
export const STALE_TEMP_FILE_MS = 2 * REQUEST_TIMEOUT_MS;

function isTempFile(name: string): boolean {
  return name.endsWith('.part') || name.startsWith('.ready-');
}

/** Removes the temp files under `uploadsDir` last modified before `now - olderThanMs`; returns their paths, relative. */
export async function removeStaleParts(uploadsDir: string, options: { now: Date; olderThanMs?: number }): Promise<string[]> {
  const cutoff = options.now.getTime() - (options.olderThanMs ?? STALE_TEMP_FILE_MS);
  const removed: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(uploadsDir, rel), { withFileTypes: true });
    } catch (err) {
      // The folder (or a sub-folder another process just emptied) is not there: nothing to clean.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && isTempFile(e.name)) {
        const file = path.join(uploadsDir, child);
        const info = await stat(file).catch(() => null); // renamed or removed meanwhile: not debris
        if (!info || info.mtimeMs >= cutoff) continue;
        await rm(file, { force: true });
        removed.push(child.split(path.sep).join('/'));
      }
    }
  };
  await walk('');
  return removed;
}

/** The hourly clean-up, a periodic job claimed by one process (the folder is shared). */
export function uploadsCleanupJob(uploadsDir: string): OutsideJob {
  return {
    name: 'uploads_cleanup',
    next: every(3600_000),
    // File ages are on the file system's clock, not the (injectable) business clock.
    runAfterClaim: () => removeStaleParts(uploadsDir, { now: new Date() }),
  };
}
