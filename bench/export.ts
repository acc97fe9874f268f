/**
 * Target (issue: staff experience): the CSV export of all ~74,000 demo orders
 * (`GET /api/orders.csv`) in < 10 s, the server's resident memory growing by < 50 MB.
 *
 * Starts the server as a separate process (`npm start`'s entry point) on a fresh demo database
 * (or the one given), signs in as admin, warms the route up with a one-row export, then
 * downloads the whole file, reading it as it arrives, while sampling the server process tree's
 * RSS from /proc every 20 ms. Growth = the peak during the download − the RSS just before it.
 *
 *   npm run bench:export [-- --database demo.sqlite | --database postgres://… ] [--runs 1]
 */
import { databaseFromArgs, login, option, round, rssMiB, startServer } from './lib';

const args = process.argv.slice(2);
const database = option(args, 'database');
const RUNS = Number(option(args, 'runs') ?? 1);
// A PostgreSQL database is used as it is (the server seeds it when empty); a SQLite file is copied.
const env = database?.startsWith('postgres') ? { DATABASE_URL: database } : databaseFromArgs(args);

const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));

const server = await startServer({ port: 3931, env });
try {
  const cookie = await login(server.url, 'admin@demo.test');
  const pid = server.child.pid!;
  const listed = await fetch(`${server.url}/api/orders?range=${enc([0, 0])}`, { headers: { cookie } });
  const total = Number(/\/(\d+)$/.exec(listed.headers.get('content-range') ?? '')?.[1]);

  const download = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`${path} → ${res.status}`);
    let bytes = 0;
    let lines = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 0x0a) lines++;
    }
    return { bytes, rows: lines - 1 };
  };

  // Warm-up: the route's modules, the catalogues, the statement cache.
  const first = (await (await fetch(`${server.url}/api/orders?range=${enc([0, 0])}`, { headers: { cookie } })).json()) as Array<{ id: number }>;
  await download(`/api/orders.csv?filter=${enc({ id: [first[0].id] })}`);
  await new Promise((r) => setTimeout(r, 1000));

  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
    const t0 = performance.now();
    const { bytes, rows } = await download('/api/orders.csv');
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
    if (rows !== total) throw new Error(`the file holds ${rows} rows, the list ${total}`);
    results.push({ rows, megabytes: round(bytes / 2 ** 20), seconds: round(seconds), rssBeforeMiB: round(before), rssPeakMiB: round(peak), rssGrowthMiB: round(peak - before) });
  }
  const worst = { seconds: Math.max(...results.map((r) => r.seconds)), growth: Math.max(...results.map((r) => r.rssGrowthMiB)) };
  console.log(
    JSON.stringify({
      bench: 'export',
      database: database?.startsWith('postgres') ? 'postgres' : 'sqlite',
      runs: results,
      target: 'all orders < 10 s, server RSS growth < 50 MB',
      ok: worst.seconds < 10 && worst.growth < 50,
    }),
  );
} finally {
  await server.stop();
}
