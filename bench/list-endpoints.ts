/**
 * Target (issue: foundation): list endpoints on the demo data, p95 < 25 ms with 8
 * concurrent clients. Starts the server as a separate process on a fresh demo
 * database, signs in, then 8 clients loop over typical list queries of the console
 * (filters, sorts, search, pagination) for a fixed number of requests.
 *
 *   npm run bench:lists [-- --requests 4000 --clients 8 --database demo.sqlite]
 *   npm run bench:lists -- --database postgres://user@host:5432/name [--schema bench_lists] [--reuse]
 *
 * On PostgreSQL the server runs in the schema `--schema` of that database (bench/lib/postgres.ts):
 * recreated empty, so that the server loads the default demo into it at start, or with
 * `--reuse` taken as it is (`--schema bench_large --reuse`: the large scale bench:large loaded).
 */
import { databaseFromArgs, login, percentile, round, startServer } from './lib';
import { postgresFromArgs } from './lib/postgres';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 4000);
const CLIENTS = arg('clients', 8);

const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const QUERIES = [
  `/api/partners?sort=${enc(['score', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'active' })}`,
  `/api/partners?sort=${enc(['createdAt', 'DESC'])}&range=${enc([25, 49])}&filter=${enc({ q: 'mar' })}`,
  `/api/partners?range=${enc([0, 24])}&filter=${enc({ vertical: 'care', city: 'Lyon' })}`,
  `/api/orders?sort=${enc(['startsAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'completed' })}`,
  `/api/orders?sort=${enc(['startsAt', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ status: 'accepted', startsAt_gte: new Date().toISOString() })}`,
  `/api/clients?sort=${enc(['lastName', 'ASC'])}&range=${enc([0, 24])}&filter=${enc({ q: 'dupont' })}`,
  `/api/proposals?sort=${enc(['sentAt', 'DESC'])}&range=${enc([0, 24])}&filter=${enc({ partnerId: 12 })}`,
  `/api/reviews?sort=${enc(['createdAt', 'DESC'])}&range=${enc([0, 24])}`,
  `/api/services?sort=${enc(['name', 'ASC'])}&range=${enc([0, 24])}`,
  `/api/audit-log?sort=${enc(['at', 'DESC'])}&range=${enc([0, 24])}`,
];

const pg = await postgresFromArgs(args, 'bench_lists');
const server = await startServer({ port: 3918, env: pg ? { DATABASE_URL: pg.url } : databaseFromArgs(args) });
try {
  const cookie = await login(server.url, 'admin@demo.test');
  const run = async (n: number, record: number[] | null) => {
    let i = 0;
    const worker = async (w: number) => {
      for (;;) {
        const k = i++;
        if (k >= n) return;
        const path = QUERIES[(k + w) % QUERIES.length];
        const t0 = performance.now();
        const res = await fetch(server.url + path, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
        record?.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));
  };
  await run(400, null); // warm-up
  const times: number[] = [];
  const t0 = performance.now();
  await run(REQUESTS, times);
  const elapsed = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'list-endpoints',
      database: pg ? `postgres (schema ${pg.schema})` : 'sqlite',
      requests: REQUESTS,
      clients: CLIENTS,
      p50ms: round(percentile(times, 50)),
      p95ms: round(percentile(times, 95)),
      p99ms: round(percentile(times, 99)),
      rps: Math.round(REQUESTS / elapsed),
      target: 'p95 < 25 ms',
      ok: percentile(times, 95) < 25,
    }),
  );
} finally {
  await server.stop();
}
