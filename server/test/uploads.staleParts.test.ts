/**
 * Upload debris: a process killed while it receives or writes an upload leaves temp files
 * (`<sha>.<ext>.<random>.part`) in the shared uploads folder. Once older than any request
 * could be (STALE_TEMP_FILE_MS), they are removed at start-up and by the hourly job; a
 * younger one may be another process's upload in progress and stays.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createDb } from '../db';
import { JobRegistry, processDueDeadlines, requestJobRun } from '../engine/live';
import { removeStaleParts, STALE_TEMP_FILE_MS, uploadsCleanupJob } from '../uploads/removeStaleParts';
import { createTestDb, TEST_NOW, type TestDb } from './harness';
import { killServer, loginCookie, processDatabase, serverPid, spawnServer, type ServerChild } from './ops.processes';

const MIN = 60_000;

/** Every file under `dir`, relative, with `/` separators. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A temp file named as the file store names them, `bytes` long, last modified `ageMs` before `now`. */
function tempFile(uploadsDir: string, now: number, ageMs: number, bytes = 1024): string {
  const sha = randomBytes(32).toString('hex');
  const rel = `${sha.slice(0, 2)}/${sha}.png.${randomBytes(6).toString('hex')}.part`;
  mkdirSync(path.join(uploadsDir, sha.slice(0, 2)), { recursive: true });
  writeFileSync(path.join(uploadsDir, rel), randomBytes(bytes));
  backdate(uploadsDir, rel, now, ageMs);
  return rel;
}

function backdate(uploadsDir: string, rel: string, now: number, ageMs: number): void {
  const at = new Date(now - ageMs);
  utimesSync(path.join(uploadsDir, rel), at, at);
}

describe('stale upload temp files', () => {
  it('when temp files are older than the longest request, then they are removed; younger ones, stored files and other names stay', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stale-parts-'));
    try {
      const now = Date.now();
      const old = tempFile(dir, now, STALE_TEMP_FILE_MS + MIN);
      const fresh = tempFile(dir, now, STALE_TEMP_FILE_MS - MIN);
      writeFileSync(path.join(dir, '.ready-0a1b2c'), 'ok');
      backdate(dir, '.ready-0a1b2c', now, STALE_TEMP_FILE_MS + MIN);
      const stored = `${old.slice(0, 2)}/${'ab'.repeat(32)}.pdf`;
      writeFileSync(path.join(dir, stored), 'pdf');
      backdate(dir, stored, now, 30 * 24 * 60 * MIN);
      writeFileSync(path.join(dir, '.gitkeep'), '');
      backdate(dir, '.gitkeep', now, 30 * 24 * 60 * MIN);

      expect((await removeStaleParts(dir, { now: new Date(now) })).sort()).toEqual([old, '.ready-0a1b2c'].sort());
      expect(filesUnder(dir)).toEqual([fresh, stored, '.gitkeep'].sort());
      expect(await removeStaleParts(path.join(dir, 'missing'), { now: new Date(now) })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the hourly clean-up job', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('when the uploads clean-up is due, then the worker that claims it removes the stale temp files', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'stale-job-'));
      try {
        const now = Date.now();
        const old = tempFile(dir, now, STALE_TEMP_FILE_MS + MIN);
        const fresh = tempFile(dir, now, 0);
        const job = uploadsCleanupJob(dir);
        await requestJobRun(t.db, job.name, TEST_NOW);
        const summary = await processDueDeadlines({ db: t.db, clock: fixedClock(TEST_NOW) }, { workerId: 'instance-a', jobs: new JobRegistry([job]) });
        expect(summary.byKind[job.name]).toBe(1);
        expect(existsSync(path.join(dir, old))).toBe(false);
        expect(filesUnder(dir)).toEqual([fresh]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('a server killed during an upload, then restarted', () => {
  let dir: string;
  let uploads: string;
  let database: { url: string; drop(): Promise<void> };
  let server: ServerChild;
  let restarted: ServerChild | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stale-kill-'));
    uploads = path.join(dir, 'uploads');
    database = await processDatabase(dir, uploads);
    server = await spawnServer({ DATABASE_URL: database.url, UPLOADS_DIR: uploads });
  }, 90_000);
  afterAll(async () => {
    for (const s of [server, restarted]) if (s) await killServer(s);
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when the server is killed (SIGKILL) while a large upload streams in, then the next start removes the temp files older than the longest request and keeps a younger one', async () => {
    const cookie = await loginCookie(server.url, 'support@demo.test');
    const db = createDb(database.url, { poolMax: 1 });
    const documentsBefore = Number((await db('documents').count({ n: '*' }).first())?.n);
    await db.destroy();
    const stored = filesUnder(uploads);

    // A 6 MB PNG-looking file, streamed: the server is killed when half of it has been sent.
    const boundary = '----stale-parts-boundary';
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(6 * 1024 * 1024)]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nidentity\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="piece.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { port } = new URL(server.url);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/partners/7/documents',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
    });
    const failed = new Promise<string>((resolve) => {
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (err) => resolve(`cut: ${(err as NodeJS.ErrnoException).code}`));
    });
    const half = Math.floor(body.length / 2);
    await new Promise<void>((resolve) => req.write(body.subarray(0, half), () => resolve()));
    const pid = serverPid(server);
    await killServer(server, 'SIGKILL');
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    req.end(body.subarray(half));
    expect(await failed).toMatch(/^cut/);

    // What the kill left (backdated), plus what a kill during a file's write leaves — an upload
    // is received in memory and written once complete, a moment no test can hit, so its
    // 256 KiB `.part` is made here — and another process's upload in progress (a fresh `.part`).
    const now = Date.now();
    const leftByKill = filesUnder(uploads).filter((f) => f.endsWith('.part'));
    for (const rel of leftByKill) backdate(uploads, rel, now, STALE_TEMP_FILE_MS + MIN);
    const interrupted = tempFile(uploads, now, STALE_TEMP_FILE_MS + MIN, 256 * 1024);
    const inProgress = tempFile(uploads, now, 0);

    restarted = await spawnServer({ DATABASE_URL: database.url, UPLOADS_DIR: uploads });
    const after = filesUnder(uploads);
    expect(after.filter((f) => f.endsWith('.part'))).toEqual([inProgress]);
    expect(after).not.toContain(interrupted);
    expect(after.filter((f) => !f.endsWith('.part'))).toEqual(stored);
    expect(restarted.output()).toMatch(/\d+ temp file\(s\) left by an interrupted upload removed/);
    // The killed upload left no row either.
    const check = createDb(database.url, { poolMax: 1 });
    try {
      expect(Number((await check('documents').count({ n: '*' }).first())?.n)).toBe(documentsBefore);
    } finally {
      await check.destroy();
    }
  }, 90_000);
});
