/**
 * Targets (verification workspace):
 * - upload of a 5 MiB PDF, sniffed, hashed, stored and answered: p50 < 150 ms;
 * - the queue and the checklist endpoints on the demo data: p95 < 25 ms with 8 concurrent clients.
 * Starts the server as a separate process on a fresh demo database (with its demo files),
 * signs in as support, then measures. Every uploaded PDF differs (no dedup shortcut).
 *
 *   npm run bench:verification [-- --uploads 60 --requests 4000 --clients 8 --database demo.sqlite]
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';
import { databaseFromArgs, login, percentile, round, startServer } from './lib';
import { demoPdf } from '../db/seeds/demoFiles';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const UPLOADS = arg('uploads', 60);
const REQUESTS = arg('requests', 4000);
const CLIENTS = arg('clients', 8);
const FIVE_MIB = 5 * 1024 * 1024;

const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));

/** A valid 5 MiB PDF: a real one-page PDF padded with a comment block; `n` makes each file unique. */
function fiveMibPdf(n: number): Buffer {
  const head = demoPdf([`Benchmark upload ${n}`, 'Attestation de vigilance URSSAF']);
  const marker = Buffer.from(`\n% bench ${n} ${Date.now()}\n`, 'latin1');
  return Buffer.concat([head, marker, Buffer.alloc(FIVE_MIB - head.length - marker.length, 0x25)]);
}

// The server's own entry point, without `npm start`'s console build step (not what is measured here).
const server = await startServer({
  port: 3919,
  env: databaseFromArgs(args),
  command: [path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), '--eval', "import('./server/main.ts').then((m) => m.main())"],
});
try {
  const cookie = await login(server.url, 'support@demo.test');
  const get = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${Buffer.from(body).toString()}`);
    return JSON.parse(Buffer.from(body).toString()) as unknown;
  };

  // --- uploads: one client, sequential, as an agent would.
  const applicants = (await get(`/api/verification-queue?filter=${enc({ status: 'applicant' })}&range=${enc([0, 4])}`)) as { id: number }[];
  if (applicants.length === 0) throw new Error('no applicant in the demo data');
  const uploadOnce = async (n: number) => {
    const form = new FormData();
    form.set('type', 'urssaf_attestation');
    form.set('issuedAt', new Date().toISOString().slice(0, 10));
    form.set('file', new Blob([new Uint8Array(fiveMibPdf(n))], { type: 'application/pdf' }), `attestation-${n}.pdf`);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/partners/${applicants[Math.abs(n) % applicants.length].id}/documents`, { method: 'POST', headers: { cookie }, body: form });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 201) throw new Error(`upload → ${res.status} ${body}`);
    return ms;
  };
  for (let i = 0; i < 5; i++) await uploadOnce(-1 - i); // warm-up
  const uploadTimes: number[] = [];
  for (let i = 0; i < UPLOADS; i++) uploadTimes.push(await uploadOnce(i));
  uploadTimes.sort((a, b) => a - b);

  // --- queue and checklist: 8 concurrent clients.
  const queue = (await get(`/api/verification-queue?range=${enc([0, 99])}`)) as { id: number }[];
  const active = (await get(`/api/partners?filter=${enc({ status: 'active' })}&range=${enc([0, 19])}`)) as { id: number }[];
  const checklistIds = [...queue.map((r) => r.id), ...active.map((r) => r.id)];
  const QUERIES = [
    `/api/verification-queue?sort=${enc(['waitingSince', 'ASC'])}&range=${enc([0, 24])}`,
    `/api/verification-queue?sort=${enc(['missingCount', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'in_review' })}`,
    ...checklistIds.map((id) => `/api/partners/${id}/verification`),
  ];
  const byKind: Record<'queue' | 'checklist', number[]> = { queue: [], checklist: [] };
  const run = async (n: number, record: boolean) => {
    let i = 0;
    const worker = async (w: number) => {
      for (;;) {
        const k = i++;
        if (k >= n) return;
        // Every other request is a queue read, the others walk the checklists.
        const path = k % 2 === 0 ? QUERIES[(k / 2 + w) % 2] : QUERIES[2 + ((k + w) % (QUERIES.length - 2))];
        const t0 = performance.now();
        const res = await fetch(server.url + path, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
        if (record) byKind[path.includes('/verification-queue') ? 'queue' : 'checklist'].push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));
  };
  await run(400, false); // warm-up (also fills the registry cache of the applicants' SIRENs)
  // The floor on this machine: the cheapest signed-in request (session + user lookup), same concurrency.
  const baseline: number[] = [];
  {
    let i = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (i++ < 1000) {
          const t = performance.now();
          const res = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
          await res.arrayBuffer();
          baseline.push(performance.now() - t);
        }
      }),
    );
    baseline.sort((a, b) => a - b);
  }
  const t0 = performance.now();
  await run(REQUESTS, true);
  const elapsed = (performance.now() - t0) / 1000;
  const all = [...byKind.queue, ...byKind.checklist].sort((a, b) => a - b);
  byKind.queue.sort((a, b) => a - b);
  byKind.checklist.sort((a, b) => a - b);

  const result = {
    bench: 'verification',
    upload: {
      files: UPLOADS,
      sizeBytes: FIVE_MIB,
      p50ms: round(percentile(uploadTimes, 50)),
      p95ms: round(percentile(uploadTimes, 95)),
      target: 'p50 < 150 ms',
      ok: percentile(uploadTimes, 50) < 150,
    },
    reads: {
      requests: REQUESTS,
      clients: CLIENTS,
      queueFiles: queue.length,
      queue: { p50ms: round(percentile(byKind.queue, 50)), p95ms: round(percentile(byKind.queue, 95)) },
      checklist: { p50ms: round(percentile(byKind.checklist, 50)), p95ms: round(percentile(byKind.checklist, 95)) },
      p95ms: round(percentile(all, 95)),
      baselineAuthMe: { p50ms: round(percentile(baseline, 50)), p95ms: round(percentile(baseline, 95)) },
      rps: Math.round(REQUESTS / elapsed),
      target: 'p95 < 25 ms',
      ok: percentile(byKind.queue, 95) < 25 && percentile(byKind.checklist, 95) < 25,
    },
  };
  console.log(JSON.stringify(result));
} finally {
  await server.stop();
}
