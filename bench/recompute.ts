/**
 * Target: the full score recompute (SCO-1..8, server/engine/live/scores.ts) of
 * every partner < 10 s on the large demo database, at the simulation's `now` (when the
 * stored scores were computed), where it must find the stored scores (`changed` = 0).
 * bench/large-scale.ts measures the same thing after generating the database; this one
 * takes an already seeded one, to measure the recompute alone, run after run.
 *
 *   npm run bench:recompute -- --database file.sqlite [--history] [--dump out.jsonl]
 *   npm run bench:recompute -- --database postgres://user@host:5432/name [--schema bench_large] [--history] [--dump out.jsonl]
 *
 * A SQLite file is copied first (never changed; the copy is removed at the end). On
 * PostgreSQL the schema `--schema` of that database (default `bench_large`, the one
 * `npm run bench:large -- --database postgres://…` loads) is used as it is: the recompute
 * writes to it, nothing else in the database is touched (bench/lib/postgres.ts). `--dump` writes what
 * the recompute stored — every partner's score, scoreDetails and completedSessions, the
 * day's scoreHistory rows and the audit row — one JSON line each, so that two versions of
 * the code can be compared with `cmp`. Timings are wall clock and CPU (process.cpuUsage, every thread).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDb, isPostgresUrl } from '../server/db';
import { fixedClock } from '../server/clock';
import { recomputeAllScores } from '../server/engine/live/scores';
import { parisDate } from '../shared/calendar/paris';
import { databaseFromArgs, option, round } from './lib';
import { benchSchema } from './lib/postgres';

const args = process.argv.slice(2);
const opt = (name: string) => option(args, name);
const given = opt('database');
if (!given) throw new Error('usage: tsx bench/recompute.ts --database file.sqlite|postgres://… [--history] [--dump out.jsonl]');
const pg = isPostgresUrl(given) ? await benchSchema(given, opt('schema') ?? 'bench_large') : null;
if (pg && !(await pg.isMigrated())) throw new Error(`schema ${pg.schema} of ${given} holds no database: load it first (npm run bench:large -- --database ${given} --no-lists)`);
const url = pg ? pg.url : databaseFromArgs(args)!.DATABASE_URL;

// PostgreSQL: without statement_timeout (the recompute's statements read every partner's orders).
const db = pg ? pg.open() : createDb(url);
// The simulation's `now`: when the stored scores were computed.
const row = (await db('partners').whereNotNull('scoreDetails').select('scoreDetails').first()) as { scoreDetails: unknown } | undefined;
const stored = typeof row?.scoreDetails === 'string' ? JSON.parse(row.scoreDetails) : row?.scoreDetails;
const now = new Date((stored as { computedAt?: string } | undefined)?.computedAt ?? Date.now());

const c0 = process.cpuUsage();
const t0 = performance.now();
const summary = await recomputeAllScores({ db, clock: fixedClock(now) }, { history: args.includes('--history') });
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);

const dump = opt('dump');
if (dump) {
  const lines: string[] = [];
  for (const p of (await db('partners').select('id', 'score', 'scoreDetails', 'completedSessions').orderBy('id')) as Record<string, unknown>[]) lines.push(JSON.stringify(p));
  for (const h of (await db('scoreHistory').where('day', parisDate(now)).orderBy('partnerId')) as Record<string, unknown>[]) lines.push(JSON.stringify(h));
  const a = (await db('auditLog').where('action', 'partners.recompute_scores').orderBy('id', 'desc').first()) as Record<string, unknown> | undefined;
  if (a) lines.push(JSON.stringify({ at: a.at instanceof Date ? a.at.toISOString() : a.at, actorId: a.actorId, actorKind: a.actorKind, resource: a.resource, resourceId: a.resourceId, before: a.before, after: a.after }));
  writeFileSync(dump, lines.join('\n') + '\n');
}
await db.destroy();
// The copy is 1+ GB at the large scale: not left behind in the temporary directory.
if (!isPostgresUrl(url)) rmSync(path.dirname(url), { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'recompute', database: pg ? `postgres (schema ${pg.schema})` : 'sqlite', now: now.toISOString(), ...summary, wallSeconds: round(wall), cpuSeconds: round((cpu.user + cpu.system) / 1e6), target: '< 10 s, changed = 0', ok: wall < 10 && summary.changed === 0 }));
