/**
 * Target (issue: production): mixed load on the demo data — 80 % list/show reads, 20 %
 * actions — at 200 requests/s for 60 s from a second process on loopback: 0 errors (a 5xx
 * or a failed connection; a 409/422 the state explains is an answer), p99 < 100 ms, and no
 * memory growth beyond 20 % after warm-up.
 *
 * Open loop: requests start on a fixed schedule whatever the answers, so a slow server
 * shows as latency instead of as fewer requests. The server runs in its own process
 * (`npm start`'s entry point); its resident memory is read from /proc.
 * `noise` in the output tells a noisy machine from a slow server (bench/lib/latencyLog.ts).
 *
 * With `--backup`, a backup (`npm run backup`, target < 30 s) is taken 5 s after the
 * warm-up while the load goes on, then restored into an empty database and uploads folder
 * (restore checks every table's row count and every file's checksum against the manifest).
 *
 *   npm run bench:mixed [-- --rate 200 --seconds 60 --warmup 15 --database demo.sqlite --uploads dir --backup]
 *   npm run bench:mixed -- --instances 2 --database postgres://user@host:5432/name [--schema bench_mixed] [--reuse] [--jobs-every 30]
 *
 * On PostgreSQL the servers run in the schema `--schema` of that database (bench/lib/postgres.ts),
 * recreated empty (the instances, started together, load the default demo once) unless `--reuse`.
 * With `--instances N` (PostgreSQL only) N server processes share it behind a round-robin
 * proxy on loopback, in its own process (bench/lib/proxyProcess.ts), and the load goes through it. Every
 * `--jobs-every` seconds the bench brings every periodic job's next run forward to now
 * (requestJobRun: what "run now" does), so that the instances' workers race for due runs;
 * by default at the start and 30 s in, so that each job (the daily score recompute, the
 * hourly verification sweep, … the most frequent runs every 15 minutes) runs once inside
 * the measured window, under the load — more than any real minute holds. `--jobs-every 10`
 * is a harsher stress: six full score recomputes a minute. At the end it counts, in the
 * database, what the timers and jobs did during the run — claims marked done, by kind and by instance — and the duplicates: a (kind, ref, due
 * time) done twice, an effect audited twice for the same row (a document expired twice, a
 * payment captured twice…), a recompute audited more often than its runs. All must be 0.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runOpsCli } from '../server/ops/cliProcess';
import type { Knex } from 'knex';
import { dailyRecomputeJob } from '../server/engine/live/dailyRecompute';
import { requestJobRun } from '../server/engine/live/periodicJobs';
import { serverJobs } from '../server/jobs';
import { databaseFromArgs, login, round, rssMiB, startServer, type ServerProcess } from './lib';
import { LatencyLog } from './lib/latencyLog';
import { postgresFromArgs } from './lib/postgres';
import { startProxyProcess, type ProxyProcess } from './lib/proxyProcess';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RATE = arg('rate', 200);
const SECONDS = arg('seconds', 60);
const WARMUP = arg('warmup', 15);

const INSTANCES = arg('instances', 1);
const JOBS_EVERY = arg('jobs-every', 30);

const WITH_BACKUP = args.includes('--backup');
const pg = await postgresFromArgs(args, 'bench_mixed');
if (INSTANCES > 1 && !pg) throw new Error('--instances needs --database postgres://… (several processes on one database)');
if (pg && WITH_BACKUP) throw new Error('--backup restores into SQLite: run it without --database postgres://…');
// Several instances share one uploads folder, as they would in production (README "Deployment").
const env = pg ? { DATABASE_URL: pg.url, UPLOADS_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'console-bench-uploads-')), 'uploads') } : databaseFromArgs(args);
// `--uploads dir`: the seeded database's files (copied), so that the backup has them to copy.
const uploadsIndex = args.indexOf('--uploads');
if (env && uploadsIndex >= 0) {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'console-bench-uploads-')), 'uploads');
  cpSync(path.resolve(args[uploadsIndex + 1]), copy, { recursive: true });
  env.UPLOADS_DIR = copy;
}

const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const DAY = 86_400_000;

/** What the timers and periodic jobs did during the run, counted in the database (PostgreSQL). */
const JOB_EFFECTS = ['documents.expire', 'partners.file_incomplete', 'proposals.timeout', 'proposals.slot_timeout', 'orders.expire', 'reviews.publish', 'payments.done', 'limitations.awaiting_review'];
async function jobsMark(db: Knex): Promise<{ auditId: number; at: string }> {
  const a = (await db('auditLog').max({ id: 'id' }).first()) as { id: number | null };
  const { rows } = (await db.raw('SELECT now() AS "at"')) as { rows: { at: Date }[] };
  return { auditId: Number(a.id ?? 0), at: rows[0].at.toISOString() };
}
async function jobsReport(db: Knex, since: { auditId: number; at: string }, jobNames: readonly string[]) {
  type Row = Record<string, unknown>;
  const done = (await db('engineDeadlines').where('status', 'done').where('doneAt', '>=', since.at).select('kind', 'leasedBy').count({ n: '*' }).groupBy('kind', 'leasedBy')) as Row[];
  const byKind: Record<string, number> = {};
  const byInstance: Record<string, number> = {};
  for (const r of done) {
    byKind[String(r.kind)] = (byKind[String(r.kind)] ?? 0) + Number(r.n);
    // The worker id is w-<pid>-<random>: one per server process.
    const instance = String(r.leasedBy ?? 'unleased');
    byInstance[instance] = (byInstance[instance] ?? 0) + Number(r.n);
  }
  const claimedTwice = (await db('engineDeadlines')
    .where('status', 'done')
    .where('doneAt', '>=', since.at)
    .select('kind', 'refId', 'dueAt')
    .count({ n: '*' })
    .groupBy('kind', 'refId', 'dueAt')
    .havingRaw('COUNT(*) > 1')) as Row[];
  const effects = (await db('auditLog').where('id', '>', since.auditId).whereIn('action', JOB_EFFECTS).select('action').count({ n: '*' }).groupBy('action')) as Row[];
  const effectsTwice = (await db('auditLog')
    .where('id', '>', since.auditId)
    .whereIn('action', JOB_EFFECTS)
    .select('action', 'resourceId')
    .count({ n: '*' })
    .groupBy('action', 'resourceId')
    .havingRaw('COUNT(*) > 1')) as Row[];
  const recomputes = Number(((await db('auditLog').where('id', '>', since.auditId).where('action', 'partners.recompute_scores').count({ n: '*' }).first()) as Row).n);
  const recomputeRuns = byKind[dailyRecomputeJob.name] ?? 0;
  const jobRuns = jobNames.reduce((n, k) => n + (byKind[k] ?? 0), 0);
  const handled = Object.values(byKind).reduce((a, b) => a + b, 0);
  const duplicates = claimedTwice.length + effectsTwice.length + Math.max(0, recomputes - recomputeRuns);
  return {
    handled,
    periodicRuns: jobRuns,
    byKind,
    byInstance,
    effects: Object.fromEntries(effects.map((r) => [String(r.action), Number(r.n)])),
    recomputeAudits: recomputes,
    duplicates,
    duplicateExamples: [...claimedTwice, ...effectsTwice].slice(0, 5),
    target: 'every due job handled exactly once: duplicates = 0',
    ok: duplicates === 0 && handled > 0,
  };
}

// The instances start together: on an empty schema one loads the demo while the others wait (db/prepare.ts).
const servers: ServerProcess[] = await Promise.all(Array.from({ length: INSTANCES }, (_, i) => startServer({ port: 3921 + i, env })));
const server = servers[0];
// In a process of its own (bench/lib/proxyProcess.ts), as a load balancer is: not on the load generator's event loop.
const proxy: ProxyProcess | null = INSTANCES > 1 ? await startProxyProcess(servers.map((s) => s.url), 3920) : null;
const baseUrl = proxy?.url ?? server.url;
const jobsDb = pg?.open(2) ?? null;
const jobNames = [dailyRecomputeJob.name, ...serverJobs({ uploadsDir: '' }).names()];
try {
  const [admin, ops, support] = await Promise.all([login(baseUrl, 'admin@demo.test'), login(baseUrl, 'ops@demo.test'), login(baseUrl, 'support@demo.test')]);
  const get = async (p: string, cookie = admin) => {
    const res = await fetch(baseUrl + p, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${p} → ${res.status}`);
    return res.json();
  };
  // Ids to read and act on, from the API itself.
  const partners = (await get(`/api/partners?range=${enc([0, 399])}&filter=${enc({ status: 'active' })}`)) as Array<{ id: number; limitation: string }>;
  const orders = (await get(`/api/orders?range=${enc([0, 399])}&sort=${enc(['startsAt', 'DESC'])}`)) as Array<{ id: number }>;
  const actionable = partners.filter((p) => !p.limitation || p.limitation === 'none').map((p) => p.id);
  if (actionable.length < 50) throw new Error(`only ${actionable.length} partners without a limitation to act on`);

  const pick = <T>(xs: readonly T[], k: number) => xs[k % xs.length];
  const READS: Array<(k: number) => string> = [
    () => `/api/partners?sort=${enc(['score', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'active' })}`,
    () => `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'completed' })}`,
    () => `/api/clients?sort=${enc(['lastName', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ q: 'martin' })}`,
    () => `/api/reviews?sort=${enc(['createdAt', 'DESC'])}&range=${enc([0, 24])}`,
    () => `/api/limitations?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}`,
    (k) => `/api/partners/${pick(partners, k).id}`,
    (k) => `/api/orders/${pick(orders, k).id}`,
    (k) => `/api/proposals?range=${enc([0, 24])}&filter=${enc({ partnerId: pick(partners, k).id })}`,
  ];
  // Each partner slot alternates apply → lift; two slots never share a partner.
  const openLimitation = new Map<number, number>();
  type Action = (k: number) => { path: string; body: unknown; cookie: string; after?: (body: any) => void };
  const ACTIONS: Action[] = [
    (k) => {
      const partnerId = pick(actionable, k);
      const open = openLimitation.get(partnerId);
      if (open !== undefined) {
        return { path: `/api/limitations/${open}/lift`, body: { note: 'Levée après échange avec le partenaire (bench).' }, cookie: ops, after: () => openLimitation.delete(partnerId) };
      }
      return {
        path: '/api/limitations',
        body: { partnerId, reason: 'no_show', modality: 'reduced', endsAt: new Date(Date.now() + 30 * DAY).toISOString(), note: 'Absence signalée (bench).' },
        cookie: ops,
        after: (lim) => openLimitation.set(partnerId, lim.id),
      };
    },
    (k) => ({ path: '/api/signals', body: { partnerId: pick(partners, k).id, reason: 'other', note: 'Signalement de test de charge.' }, cookie: support }),
  ];

  const latencies = new LatencyLog();
  const statuses = new Map<number, number>();
  let errors = 0;
  let firstError: string | null = null;
  const rss: Array<{ t: number; mib: number }> = [];
  const total = RATE * SECONDS;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  const sampler = setInterval(() => rss.push({ t: (performance.now() - t0) / 1000, mib: servers.reduce((n, s) => n + rssMiB(s.child.pid!), 0) }), 1000);
  // Identity documents of active partners past their end of validity: the sweep's effects to count (REF-8).
  if (jobsDb) {
    const planted = (await jobsDb('documents as d').join('partners as p', 'p.id', 'd.partnerId').where({ 'd.type': 'identity', 'd.status': 'approved', 'p.status': 'active' }).orderBy('d.id').limit(50).select('d.id')) as { id: number }[];
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await jobsDb('documents').whereIn('id', planted.map((r) => r.id)).update({ expiresAt: yesterday, validUntil: yesterday });
  }
  const since = jobsDb ? await jobsMark(jobsDb) : null;
  const bringJobsForward = async () => {
    if (!jobsDb) return;
    const at = new Date();
    for (const name of jobNames) await requestJobRun(jobsDb, name, at);
  };
  await bringJobsForward();
  const jobsTimer = jobsDb ? setInterval(() => void bringJobsForward().catch((err) => process.stderr.write(`[bench] ${err.message}\n`)), JOBS_EVERY * 1000) : null;
  let actionCount = 0;
  const scratch = mkdtempSync(path.join(tmpdir(), 'console-bench-backup-'));
  const backupRun = WITH_BACKUP
    ? new Promise((r) => setTimeout(r, (WARMUP + 5) * 1000)).then(() => runOpsCli(['backup', path.join(scratch, 'backup')], server.env))
    : null;

  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const isAction = k % 5 === 4; // 20 %
    const started = performance.now();
    const record = (status: number) => {
      const ms = performance.now() - started;
      if ((started - t0) / 1000 >= WARMUP) latencies.record((started - t0) / 1000, ms, started - due);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || status === 0) errors++;
    };
    const job = (async () => {
      try {
        if (isAction) {
          const a = ACTIONS[actionCount++ % ACTIONS.length](k);
          const res = await fetch(baseUrl + a.path, {
            method: 'POST',
            headers: { cookie: a.cookie, 'content-type': 'application/json', origin: baseUrl },
            body: JSON.stringify(a.body),
          });
          const body = await res.json().catch(() => null);
          if (res.ok) a.after?.(body);
          else if (res.status !== 409 && res.status !== 422 && !firstError) firstError = `${a.path} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
          record(res.status);
        } else {
          const res = await fetch(baseUrl + READS[k % READS.length](k), { headers: { cookie: admin } });
          await res.arrayBuffer();
          if (res.status !== 200 && !firstError) firstError = `read → ${res.status}`;
          record(res.status);
        }
      } catch (err) {
        if (!firstError) firstError = (err as Error).message;
        record(0);
      }
    })();
    pending.push(job);
  }
  await Promise.all(pending);
  clearInterval(sampler);
  if (jobsTimer) clearInterval(jobsTimer);
  // The runs requested last are due now: one worker step (every 5 s) later they are handled.
  let jobs: Awaited<ReturnType<typeof jobsReport>> | null = null;
  if (jobsDb && since) {
    const pendingDue = async () => Number(((await jobsDb('engineDeadlines').where('status', 'pending').whereIn('kind', jobNames).where('dueAt', '<=', new Date().toISOString()).count({ n: '*' }).first()) as { n: number }).n);
    for (const until = Date.now() + 30_000; (await pendingDue()) > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 500));
    jobs = await jobsReport(jobsDb, since, jobNames);
  }
  let backupResult: Record<string, unknown> | null = null;
  if (backupRun) {
    const b = await backupRun;
    const restored = await runOpsCli(['restore', path.join(scratch, 'backup')], {
      DATABASE_URL: path.join(scratch, 'restored.sqlite'),
      UPLOADS_DIR: path.join(scratch, 'restored-uploads'),
    });
    backupResult = {
      backupSeconds: Number(b.seconds.toFixed(1)),
      backupOk: b.code === 0,
      restoreSeconds: Number(restored.seconds.toFixed(1)),
      restoredIdentical: restored.code === 0,
      log: [b.out, restored.out].join('').trim().split('\n').filter((l) => /done|failed/.test(l)),
      target: 'backup < 30 s under load, restore identical',
    };
  }
  const elapsed = (performance.now() - t0) / 1000;

  const latency = latencies.summary();
  const afterWarmup = rss.filter((s) => s.t >= WARMUP);
  const base = afterWarmup[0]?.mib ?? NaN;
  const peak = Math.max(...afterWarmup.map((s) => s.mib));
  const end = afterWarmup.at(-1)?.mib ?? NaN;
  const p99 = latency.p99ms;
  const growth = (end - base) / base;
  console.log(
    JSON.stringify({
      bench: 'mixed-load',
      database: pg ? `postgres (schema ${pg.schema})` : 'sqlite',
      instances: INSTANCES,
      perInstance: (await proxy?.counts()) ?? null,
      rate: RATE,
      seconds: SECONDS,
      achievedRps: Math.round(total / elapsed),
      requests: total,
      statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
      errors,
      firstUnexpected: firstError,
      ...latency,
      rssMiB: { afterWarmup: round(base), peak: round(peak), end: round(end), growthPct: round(growth * 100) },
      target: '0 errors, p99 < 100 ms, memory growth < 20 % after warm-up',
      ok: errors === 0 && p99 < 100 && growth < 0.2 && (jobs?.ok ?? true),
      jobs,
      backup: backupResult,
    }),
  );
} finally {
  await proxy?.stop();
  await jobsDb?.destroy();
  await Promise.all(servers.map((s) => s.stop()));
}
