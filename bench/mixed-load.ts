/**
 * Target (issue: production): mixed load on the demo data — 80 % list/show reads, 20 %
 * actions — at 200 requests/s for 60 s from a second process on loopback: 0 errors (a 5xx
 * or a failed connection; a 409/422 the state explains is an answer), p99 < 100 ms, and no
 * memory growth beyond 20 % after warm-up.
 *
 * Open loop: requests start on a fixed schedule whatever the answers, so a slow server
 * shows as latency instead of as fewer requests. The server runs in its own process
 * (`npm start`'s entry point); its resident memory is read from /proc.
 *
 * With `--backup`, a backup (`npm run backup`, issue 8 target: < 30 s) is taken 5 s after the
 * warm-up while the load goes on, then restored into an empty database and uploads folder
 * (restore checks every table's row count and every file's checksum against the manifest).
 *
 *   npm run bench:mixed [-- --rate 200 --seconds 60 --warmup 15 --database demo.sqlite --uploads dir --backup]
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runOpsCli } from '../server/ops/cliProcess';
import { databaseFromArgs, login, percentile, round, rssMiB, startServer } from './lib';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RATE = arg('rate', 200);
const SECONDS = arg('seconds', 60);
const WARMUP = arg('warmup', 15);

const WITH_BACKUP = args.includes('--backup');
const env = databaseFromArgs(args);
// `--uploads dir`: the seeded database's files (copied), so that the backup has them to copy.
const uploadsIndex = args.indexOf('--uploads');
if (env && uploadsIndex >= 0) {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'console-bench-uploads-')), 'uploads');
  cpSync(path.resolve(args[uploadsIndex + 1]), copy, { recursive: true });
  env.UPLOADS_DIR = copy;
}

const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const DAY = 86_400_000;

const server = await startServer({ port: 3921, env });
try {
  const [admin, ops, support] = await Promise.all([login(server.url, 'admin@demo.test'), login(server.url, 'ops@demo.test'), login(server.url, 'support@demo.test')]);
  const get = async (p: string, cookie = admin) => {
    const res = await fetch(server.url + p, { headers: { cookie } });
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

  const times: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let firstError: string | null = null;
  const rss: Array<{ t: number; mib: number }> = [];
  const total = RATE * SECONDS;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  const sampler = setInterval(() => rss.push({ t: (performance.now() - t0) / 1000, mib: rssMiB(server.child.pid!) }), 1000);
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
      if ((started - t0) / 1000 >= WARMUP) times.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || status === 0) errors++;
    };
    const job = (async () => {
      try {
        if (isAction) {
          const a = ACTIONS[actionCount++ % ACTIONS.length](k);
          const res = await fetch(server.url + a.path, {
            method: 'POST',
            headers: { cookie: a.cookie, 'content-type': 'application/json', origin: server.url },
            body: JSON.stringify(a.body),
          });
          const body = await res.json().catch(() => null);
          if (res.ok) a.after?.(body);
          else if (res.status !== 409 && res.status !== 422 && !firstError) firstError = `${a.path} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
          record(res.status);
        } else {
          const res = await fetch(server.url + READS[k % READS.length](k), { headers: { cookie: admin } });
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

  times.sort((a, b) => a - b);
  const afterWarmup = rss.filter((s) => s.t >= WARMUP);
  const base = afterWarmup[0]?.mib ?? NaN;
  const peak = Math.max(...afterWarmup.map((s) => s.mib));
  const end = afterWarmup.at(-1)?.mib ?? NaN;
  const p99 = percentile(times, 99);
  const growth = (end - base) / base;
  console.log(
    JSON.stringify({
      bench: 'mixed-load',
      rate: RATE,
      seconds: SECONDS,
      achievedRps: Math.round(total / elapsed),
      requests: total,
      statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
      errors,
      firstUnexpected: firstError,
      p50ms: round(percentile(times, 50)),
      p95ms: round(percentile(times, 95)),
      p99ms: round(p99),
      rssMiB: { afterWarmup: round(base), peak: round(peak), end: round(end), growthPct: round(growth * 100) },
      target: '0 errors, p99 < 100 ms, memory growth < 20 % after warm-up',
      ok: errors === 0 && p99 < 100 && growth < 0.2,
      backup: backupResult,
    }),
  );
} finally {
  await server.stop();
}
