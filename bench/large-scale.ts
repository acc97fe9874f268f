/**
 * Targets at DEMO_SCALE=large on SQLite (~20,000 partners, ~320,000 clients, ~1 M orders):
 *  1. generated and loaded in < 5 min, peak memory < 2 GiB — the seed of `npm start`
 *     (db/seeds/marketplace.ts) into a fresh file, in a child process whose wall and CPU
 *     time (all threads) and peak RSS (VmHWM) are reported, with the rows per table;
 *  2. a full score recompute of every partner from the database < 10 s — the live
 *     engine's bulk recompute (server/engine/live/scores.ts), at the simulation's `now`:
 *     it must find the scores the simulator stored (`changed` = 0);
 *  3. list endpoints through the real HTTP server on a copy of that database, p95 < 50 ms:
 *     orders by date with a status filter, partners by score, proposals of a partner, and
 *     `q` search (clients, orders, partners, reviews).
 *
 *   npm run bench:large [-- --database file.sqlite] [--keep file.sqlite] [--requests 2000 --clients 8]
 *   npm run bench:large -- --database postgres://user@host:5432/name [--schema bench_large] [--loader copy|insert] [--reuse] [--no-lists]
 *
 * SQLite: `--database` skips the generation and uses an already seeded file (copied, never
 * changed); `--keep` writes the generated database there instead of a temporary directory.
 * PostgreSQL: the demo is generated into the schema `--schema` of that database, dropped
 * and created again first (bench/lib/postgres.ts; nothing else in the database is touched),
 * with the loader `--loader` (db/seeds/bulkLoad.ts; default: the demo's default), and the
 * schema is kept for bench:recompute and bench:lists. `--reuse` skips the generation and
 * measures the schema as it is. There is no copy: the engine's catch-up and the server run
 * on the loaded schema (so a later bench:recompute finds the scores the live engine moved).
 * The peak RSS is the generating Node process's; PostgreSQL's own memory is its server's.
 * `--no-lists` stops after the recompute (no engine catch-up, no server). `--scale test` tries
 * the bench's steps on the small test population (the targets are for `large`).
 * Timings are wall clock and CPU (process.cpuUsage, every thread of the process).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';
import type { Knex } from 'knex';
import { createDb, isPostgres, isPostgresUrl } from '../server/db';
import { fixedClock, systemClock } from '../server/clock';
import { recomputeAllScores } from '../server/engine/live/scores';
import { startEngineWorker } from '../server/engine/live/worker';
import { migrateLatest } from '../db/migrate';
import { seedMarketplace } from '../db/seeds/marketplace';
import { DEFAULT_PG_LOADER, PG_LOADERS, type PgLoader } from '../db/seeds/bulkLoad';
import { login, option, percentile, round, startServer } from './lib';
import { benchSchema } from './lib/postgres';
import type { ScaleName } from '../server/engine/sim/population';

const args = process.argv.slice(2);
const opt = (name: string) => option(args, name);
const vmHwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

/** A handle on the SQLite file or the PostgreSQL schema's URL; PostgreSQL without statement_timeout (bulk work). */
const openDb = (target: string): Knex => (isPostgresUrl(target) ? createDb(target, { statementTimeoutMs: 0, poolMax: 4 }) : createDb(target));
/** SQLite: fold the WAL into the file (before it is copied). */
const checkpoint = async (db: Knex) => {
  if (!isPostgres(db)) await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
};

// ---- child: the generation alone, so that its peak memory is its own ----------------------
if (args[0] === '--generate') {
  const file = args[1];
  const now = new Date(args[2]);
  const pgLoader = args[3] as PgLoader;
  const scale = args[4] as ScaleName;
  const db = openDb(file);
  await migrateLatest(db);
  let peakSampled = 0;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage.rss())), 250);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let lastLine = 0;
  const stats = await seedMarketplace(db, {
    now,
    scale,
    pgLoader,
    onProgress: (phase, done) => {
      if (performance.now() - lastLine < 10_000 && done < 1) return;
      lastLine = performance.now();
      process.stderr.write(`  generate: ${phase} ${Math.round(done * 100)} % (${((performance.now() - t0) / 1000).toFixed(0)} s, rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB)\n`);
    },
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(c0);
  clearInterval(sampler);
  // Written while the rows went in: fold the WAL into the file before it is copied.
  await checkpoint(db);
  await db.destroy();
  console.log(JSON.stringify({ wallSeconds: round(wallSeconds, 1), cpuSeconds: round(cpu, 1), peakRssMb: Math.round(vmHwmMb()), peakRssSampledMb: Math.round(peakSampled / 2 ** 20), stats }));
  process.exit(0);
}

// ---- parent ---------------------------------------------------------------------------
const REQUESTS = Number(opt('requests') ?? 2000);
const CLIENTS = Number(opt('clients') ?? 8);
const dir = mkdtempSync(path.join(tmpdir(), 'console-large-'));
const report: Record<string, unknown> = { bench: 'large-scale' };
const given = opt('database');
const pg = given && isPostgresUrl(given) ? await benchSchema(given, opt('schema') ?? 'bench_large') : null;
const loader = (opt('loader') ?? DEFAULT_PG_LOADER) as PgLoader;
if (!PG_LOADERS.includes(loader)) throw new Error(`--loader: one of ${PG_LOADERS.join(', ')}`);
const storedNow = async (target: string) => {
  // The simulation's `now`: when the stored scores were computed.
  const db = openDb(target);
  const row = (await db('partners').whereNotNull('scoreDetails').select('scoreDetails').first()) as { scoreDetails: unknown } | undefined;
  await db.destroy();
  const details = typeof row?.scoreDetails === 'string' ? JSON.parse(row.scoreDetails) : row?.scoreDetails;
  return new Date((details as { computedAt?: string } | undefined)?.computedAt ?? Date.now());
};
const generate = async (target: string, at: Date) => {
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['bench/large-scale.ts', '--generate', target, at.toISOString(), loader, opt('scale') ?? 'large'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`generation failed (exit ${code})`);
  const generated = JSON.parse(out.trim().split('\n').pop()!);
  report.generate = { ...generated, target: '< 300 s, peak < 2048 MB', ok: generated.wallSeconds < 300 && generated.peakRssMb < 2048 };
};

let file = given;
let now: Date;
if (pg) {
  report.database = `postgres (schema ${pg.schema})`;
  file = pg.url;
  if (args.includes('--reuse')) {
    if (!(await pg.isMigrated())) throw new Error(`--reuse: schema ${pg.schema} holds no database yet`);
    now = await storedNow(file);
  } else {
    await pg.recreate();
    now = new Date();
    report.loader = loader;
    await generate(file, now);
  }
} else if (file) {
  const copy = path.join(dir, 'large.sqlite');
  copyFileSync(file, copy);
  file = copy;
  now = await storedNow(file);
} else {
  file = opt('keep') ?? path.join(dir, 'large.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  now = new Date();
  await generate(file, now);
}

// Rows per table.
{
  const db = openDb(file);
  const tables = ['partners', 'clients', 'orders', 'proposals', 'reviews', 'payments', 'payouts', 'limitations', 'favourites', 'messages', 'cases', 'caseEvents', 'scoreHistory', 'engineDeadlines', 'documents', 'auditLog'];
  const rows: Record<string, number> = {};
  for (const t of tables) rows[t] = Number(((await db(t).count({ n: '*' }).first()) as { n: number }).n);
  report.rows = rows;
  if (pg) {
    const { rows: size } = (await db.raw(`SELECT SUM(pg_total_relation_size(c.oid)) AS "bytes" FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`)) as { rows: { bytes: number }[] };
    report.schemaMb = Math.round(Number(size[0].bytes) / 2 ** 20);
  } else {
    report.fileMb = Math.round(Number(((await db.raw('PRAGMA page_count')) as { page_count: number }[])[0].page_count) * 4096 / 2 ** 20);
  }

  // ---- full score recompute (SCO-1..8) at the simulation's `now` ----------------------
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await recomputeAllScores({ db, clock: fixedClock(now) });
  const wall = (performance.now() - t0) / 1000;
  report.recompute = { ...summary, wallSeconds: round(wall), cpuSeconds: round(cpuSeconds(c0)), target: '< 10 s, changed = 0', ok: wall < 10 && summary.changed === 0 };
  await checkpoint(db);
  await db.destroy();
}
if (args.includes('--no-lists')) {
  console.log(JSON.stringify(report, null, 1));
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

// ---- list endpoints through the HTTP server --------------------------------------------
// PostgreSQL: the schema itself (no cheap copy of a schema).
const served = pg ? pg.url : path.join(dir, 'served.sqlite');
if (!pg) copyFileSync(file, served);
// A server that has been running: the live engine's first steps on a fresh seed (adopting the
// timers of ~1 M orders' payments, the deadlines due since the simulation's `now`) are done
// here first and timed, so that the lists below measure the steady state, not that catch-up.
{
  const db = openDb(served);
  const worker = startEngineWorker({ db, clock: systemClock, autoStart: false });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let steps = 0;
  let handled = 0;
  for (let r = await worker.runOnce(); ; r = await worker.runOnce()) {
    steps++;
    handled += r.claimed;
    if (r.claimed === 0 || performance.now() - t0 > 600_000) break;
  }
  await worker.stop();
  await checkpoint(db);
  await db.destroy();
  report.engineCatchUp = { steps, deadlinesHandled: handled, wallSeconds: round((performance.now() - t0) / 1000, 1), cpuSeconds: round(cpuSeconds(c0), 1) };
}
const server = await startServer({ port: 3921, env: { DATABASE_URL: served } });
try {
  const cookie = await login(server.url, 'admin@demo.test');
  const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
  const list = async (p: string) => {
    const res = await fetch(server.url + p, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${p} → ${res.status}`);
    // Every list answers with its total (react-admin's pagination): counted, not estimated.
    if (!/\/\d+$/.test(res.headers.get('content-range') ?? '')) throw new Error(`${p}: no total in Content-Range`);
    return (await res.json()) as { id: number }[];
  };
  // The server's first minutes on a fresh copy go to the engine worker's start (reconciling
  // the timers of ~1 M orders' payments, the verification sweep): lists are measured once a
  // cheap one answers quickly again, and the wait is reported.
  const quietFrom = performance.now();
  // Quiet: 20 probes in a row (one every 250 ms, so ~5 s) each answered within 20 ms.
  for (let fast = 0; fast < 20 && performance.now() - quietFrom < 600_000; ) {
    const t0 = performance.now();
    await list(`/api/services?range=${enc([0, 9])}`);
    fast = performance.now() - t0 < 20 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 250));
  }
  report.serverBusyAtStartSeconds = round((performance.now() - quietFrom) / 1000, 1);
  const partnerIds = (await list(`/api/partners?sort=${enc(['score', 'DESC'])}&range=${enc([0, 199])}&filter=${enc({ status: 'active' })}`)).map((p) => p.id);
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString();
  const QUERIES: { name: string; path: (i: number) => string }[] = [
    { name: 'orders completed by date', path: () => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'completed' })}` },
    { name: 'orders completed by date, page 40', path: () => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([1000, 1024])}&filter=${enc({ status: 'completed' })}` },
    { name: 'orders page 200', path: () => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([4975, 4999])}` },
    { name: 'orders accepted upcoming', path: () => `/api/orders?sort=${enc(['startsAt', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'accepted', startsAt_gte: day(0) })}` },
    { name: 'orders expired in a week', path: (i) => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'expired', startsAt_gte: day(-30 - (i % 100)), startsAt_lte: day(-23 - (i % 100)) })}` },
    { name: 'partners by score', path: () => `/api/partners?sort=${enc(['score', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'active' })}` },
    { name: 'proposals of a partner', path: (i) => `/api/proposals?sort=${enc(['sentAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ partnerId: partnerIds[i % partnerIds.length] })}` },
    { name: 'clients q', path: (i) => `/api/clients?sort=${enc(['lastName', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ q: ['dupont', 'martin', 'lefebvre', 'moreau'][i % 4] })}` },
    { name: 'orders q', path: (i) => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ q: ['nantes', 'R00123', 'lille', '69003'][i % 4] })}` },
    { name: 'partners q', path: (i) => `/api/partners?sort=${enc(['createdAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ q: ['mar', 'bernard', 'P0012', 'toulouse'][i % 4] })}` },
    { name: 'reviews q', path: (i) => `/api/reviews?sort=${enc(['createdAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ q: ['retard', 'recommande', 'parfait'][i % 3] })}` },
  ];
  const times = new Map<string, number[]>(QUERIES.map((q) => [q.name, []]));
  const run = async (n: number, record: boolean) => {
    let next = 0;
    const worker = async (w: number) => {
      for (;;) {
        const k = next++;
        if (k >= n) return;
        const q = QUERIES[(k + w) % QUERIES.length];
        const t0 = performance.now();
        await list(q.path(k));
        if (record) times.get(q.name)!.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));
  };
  await run(200, false); // warm-up
  // Each query alone (one client, 30 times): what it costs, without waiting behind the others.
  const alone: Record<string, { p50ms: number; p95ms: number }> = {};
  for (const q of QUERIES) {
    const t: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await list(q.path(i));
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    alone[q.name] = { p50ms: round(percentile(t, 50)), p95ms: round(percentile(t, 95)) };
  }
  report.listsOneClient = alone;
  const t0 = performance.now();
  await run(REQUESTS, true);
  const elapsed = (performance.now() - t0) / 1000;
  const all = [...times.values()].flat().sort((a, b) => a - b);
  const perQuery: Record<string, { p50ms: number; p95ms: number }> = {};
  for (const [name, list] of times) {
    list.sort((a, b) => a - b);
    perQuery[name] = { p50ms: round(percentile(list, 50)), p95ms: round(percentile(list, 95)) };
  }
  report.lists = {
    requests: REQUESTS,
    clients: CLIENTS,
    p50ms: round(percentile(all, 50)),
    p95ms: round(percentile(all, 95)),
    p99ms: round(percentile(all, 99)),
    rps: Math.round(REQUESTS / elapsed),
    perQuery,
    target: 'p95 < 50 ms',
    ok: percentile(all, 95) < 50,
  };
} finally {
  await server.stop();
}
console.log(JSON.stringify(report, null, 1));
// The temporary directory holds copies only (the --keep file lives elsewhere).
rmSync(dir, { recursive: true, force: true });
