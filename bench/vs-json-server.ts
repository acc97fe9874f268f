/**
 * Target: on the default demo data, at least 10× the throughput of
 * json-server 0.17 serving the same rows for the same queries, side by side in one run.
 * Starts our server (npm start's entry point, fresh demo database), copies the same
 * rows into a json-server db.json, starts json-server, then drives both with the same
 * 8 concurrent clients and the same logical queries.
 *
 *   npm run bench:json-server [-- --requests 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';
import { createDb } from '../server/db';
import { login, percentile, startServer } from './lib';

const args = process.argv.slice(2);
const REQUESTS = Number(args[args.indexOf('--requests') + 1]) || 2000;
const CLIENTS = 8;
const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));

// The same questions, in each dialect: [ours, json-server's].
const QUERIES: [string, string][] = [
  [`/api/partners?sort=${enc(['score', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'active' })}`, `/partners?status=active&_sort=score&_order=desc&_start=0&_end=25`],
  [`/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'completed' })}`, `/orders?status=completed&_sort=startsAt&_order=desc&_start=0&_end=25`],
  [`/api/proposals?sort=${enc(['sentAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ partnerId: 12 })}`, `/proposals?partnerId=12&_sort=sentAt&_order=desc&_start=0&_end=25`],
  [`/api/clients?sort=${enc(['lastName', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ city: 'Lyon' })}`, `/clients?city=Lyon&_sort=lastName&_order=asc&_start=0&_end=25`],
  [`/api/orders?sort=${enc(['startsAt', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ partnerId: 7 })}`, `/orders?partnerId=7&_sort=startsAt&_order=asc&_start=0&_end=25`],
];

async function drive(base: string, paths: string[], headers: Record<string, string>) {
  let next = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const k = next++;
        if (k >= REQUESTS) return;
        const s = performance.now();
        const res = await fetch(base + paths[k % paths.length], { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${paths[k % paths.length]} → ${res.status}`);
        times.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { rps: Math.round(REQUESTS / seconds), p50ms: Number(percentile(times, 50).toFixed(2)), p95ms: Number(percentile(times, 95).toFixed(2)) };
}

const dir = mkdtempSync(path.join(tmpdir(), 'console-vs-json-server-'));
const dbFile = path.join(dir, 'bench.sqlite');
const ours = await startServer({ port: 3921, env: { DATABASE_URL: dbFile } });
let jsonServer: ReturnType<typeof spawn> | null = null;
try {
  // The same rows, as the API shows them.
  const db = createDb(dbFile);
  const data: Record<string, unknown[]> = {};
  for (const table of ['partners', 'orders', 'proposals', 'clients']) data[table] = await db(table).select();
  await db.destroy();
  writeFileSync(path.join(dir, 'db.json'), JSON.stringify(data));
  jsonServer = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js'), path.join(dir, 'db.json'), '--port', '3922', '--quiet'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch('http://127.0.0.1:3922/partners?_limit=1')).ok) break;
    } catch {
      // not up yet
    }
    if (i > 600) throw new Error('json-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const cookie = await login(ours.url, 'admin@demo.test');
  await drive(ours.url, QUERIES.map((q) => q[0]), { cookie }); // warm-up
  const a = await drive(ours.url, QUERIES.map((q) => q[0]), { cookie });
  await drive('http://127.0.0.1:3922', QUERIES.map((q) => q[1]), {}); // warm-up
  const b = await drive('http://127.0.0.1:3922', QUERIES.map((q) => q[1]), {});
  const rows = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length]));
  console.log(JSON.stringify({ bench: 'vs-json-server', rows, requests: REQUESTS, clients: CLIENTS, ours: a, jsonServer: b, ratio: Number((a.rps / b.rps).toFixed(1)), target: '≥ 10×', ok: a.rps / b.rps >= 10 }));
} finally {
  jsonServer?.kill('SIGTERM');
  await ours.stop();
}
