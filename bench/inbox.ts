/**
 * Target (issue: home = inbox per role): first paint under 1 s after sign-in on the default
 * demo. Starts the server on a fresh demo database (or `--database file.sqlite`, copied), then
 * for each role, `--runs` times: sign in, then GET /api/inbox — the one request the home page
 * waits for after the identity — and reports the sign-in → inbox answered time (p50/p95), the
 * sign-in alone (scrypt at OWASP's cost: ~0.5 s of CPU by design) and the inbox after it, which
 * is what the target is about: the home paints once the inbox has answered.
 *
 *   npm run bench:inbox [-- --runs 30 --database demo.sqlite]
 *   npm run bench:inbox -- --database postgres://user@host:5432/name [--schema bench_inbox] [--reuse]
 */
import { databaseFromArgs, login, percentile, round, startServer } from './lib';
import { postgresFromArgs } from './lib/postgres';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 30;
const ROLES = ['support', 'ops', 'mediator', 'coordinator', 'admin'] as const;

const pg = await postgresFromArgs(args, 'bench_inbox');
const server = await startServer({ port: 3921, env: pg ? { DATABASE_URL: pg.url } : databaseFromArgs(args) });
try {
  const results: Record<string, unknown>[] = [];
  for (const role of ROLES) {
    const total: number[] = [];
    const signIn: number[] = [];
    const inboxOnly: number[] = [];
    let counts = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const cookie = await login(server.url, `${role}@demo.test`);
      const t1 = performance.now();
      const res = await fetch(`${server.url}/api/inbox`, { headers: { cookie } });
      const body = (await res.json()) as { sections: { items: { count: number }[] }[] };
      const t2 = performance.now();
      if (res.status !== 200) throw new Error(`${role}: /api/inbox → ${res.status}`);
      counts = body.sections.reduce((n, s) => n + s.items.length, 0);
      // The first two runs warm the caches and the JIT.
      if (i < 2) continue;
      total.push(t2 - t0);
      signIn.push(t1 - t0);
      inboxOnly.push(t2 - t1);
    }
    for (const times of [total, signIn, inboxOnly]) times.sort((a, b) => a - b);
    results.push({
      role,
      counts,
      signInToInboxP50ms: round(percentile(total, 50)),
      signInToInboxP95ms: round(percentile(total, 95)),
      signInP50ms: round(percentile(signIn, 50)),
      inboxP50ms: round(percentile(inboxOnly, 50)),
      inboxP95ms: round(percentile(inboxOnly, 95)),
    });
  }
  const worst = Math.max(...results.map((r) => r.inboxP95ms as number));
  console.log(
    JSON.stringify({
      bench: 'inbox',
      database: pg ? `postgres (schema ${pg.schema})` : 'sqlite',
      runs: RUNS,
      roles: results,
      target: 'after sign-in, inbox answered p95 < 1,000 ms (the SPA paints on that answer)',
      ok: worst < 1000,
    }),
  );
} finally {
  await server.stop();
}
