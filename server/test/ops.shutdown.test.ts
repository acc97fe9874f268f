/**
 * Graceful shutdown of the real server process (`tsx server/main.ts`): SIGTERM in
 * the middle of an upload; the upload completes (row and file), new connections are refused,
 * the process exits 0 within 10 s and says so in its JSON log.
 */
import { Agent, createServer, get as httpGet, request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { storedPath } from '../uploads/fileStore';
import { createLogger } from '../ops/logging';
import { gracefulShutdown, startPeriodic } from '../ops/shutdown';
import { demoPdf } from '../../db/seeds/demoFiles';
import { loginCookie, serverProcessPerSuite } from './ops.processes';

const APPLICANT = 7; // an applicant of the demo data: uploads are allowed before the file is taken

describe('graceful shutdown of the server process', () => {
  const suite = serverProcessPerSuite('ops-shutdown');

  it('when SIGTERM arrives during an upload, then the upload completes, new connections are refused, and the process exits 0 within 10 s', async () => {
    const { server, dir, databaseUrl } = suite;
    const cookie = await loginCookie(server.url, 'support@demo.test');
    const pdf = demoPdf(['Arrêt propre', 'pendant un envoi']);
    const boundary = '----ops-shutdown-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nidentity\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="arret.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, pdf, tail]);
    const half = Math.floor(body.length / 2);

    const { port } = new URL(server.url);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/partners/${APPLICANT}/documents`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, half));
    await new Promise((r) => setTimeout(r, 300));

    const sentAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    // No new connection once the server has stopped listening.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    expect(server.child.exitCode).toBeNull();

    req.end(body.subarray(half));
    const res = await answered;
    expect(res.status, res.body).toBe(201);
    const doc = JSON.parse(res.body);

    const exit = await server.exited;
    expect(exit.code, server.output()).toBe(0);
    expect(exit.at - sentAt).toBeLessThan(10_000);

    // What the upload wrote is there: its row and its file.
    const db = createDb(databaseUrl, { poolMax: 1 });
    try {
      const row = await db('documents').where('id', doc.id).first();
      expect(row).toBeTruthy();
      expect(existsSync(storedPath(path.join(dir, 'uploads'), row.storedName))).toBe(true);
    } finally {
      await db.destroy();
    }
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'shutdown complete')).toMatchObject({ signal: 'SIGTERM', exitCode: 0 });
    expect(lines.find((l) => l.req?.url === `/api/partners/${APPLICANT}/documents`)).toMatchObject({ res: { statusCode: 201 }, role: 'support' });
  }, 60_000);
});

describe('gracefulShutdown (in process)', () => {
  async function listen(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }
  const quiet = createLogger({ level: 'silent' });

  it('when a request is in flight, then it completes, a running job is awaited, and only then the resources are released, in order, and the exit code is 0', async () => {
    const events: string[] = [];
    const { server, url } = await listen((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('done'), 600);
      else res.end('ok');
    });
    // A keep-alive connection left idle must not hold the shutdown.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((r) => httpGet(`${url}/fast`, { agent }, (res) => res.resume().on('end', () => r())));
    const job = startPeriodic('job', () => new Promise((r) => setTimeout(r, 300)).then(() => events.push('job run finished')), 60_000, () => {});
    const slow = fetch(`${url}/slow`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    let exitCode: number | null = null;
    const t0 = Date.now();
    await gracefulShutdown({
      server,
      logger: quiet,
      stopJobs: [() => job.stop().then(() => void events.push('job stopped'))],
      release: [() => void events.push('sessions closed'), () => void events.push('database closed')],
      exit: (code) => {
        exitCode = code;
      },
    })('SIGTERM');
    expect(await slow).toBe('done');
    expect(exitCode).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(events).toEqual(['job run finished', 'job stopped', 'sessions closed', 'database closed']);
    agent.destroy();
  });

  it('when a request hangs past the grace period, then its connection is cut and the process still exits cleanly', async () => {
    const { server, url } = await listen(() => {
      // never answers
    });
    const hung = fetch(`${url}/hang`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    let exitCode: number | null = null;
    const t0 = Date.now();
    await gracefulShutdown({ server, logger: quiet, stopJobs: [], release: [], graceMs: 300, hardLimitMs: 5_000, exit: (code) => (exitCode = code) })('SIGTERM');
    expect(await hung).toBe('cut');
    expect(exitCode).toBe(0);
    expect(Date.now() - t0).toBeLessThan(1_500);
  });
});
