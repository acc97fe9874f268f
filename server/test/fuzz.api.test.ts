/**
 * Schema-driven fuzzing of the whole API: every operation the router declares, called as
 * every role, as an app and signed out, with inputs drawn from the operation's own schemas
 * (path, query, body — the same declarations the OpenAPI document is generated from) mixed
 * with hostile values (NUL, lone surrogates, 1 MB strings, prototype keys, SQL and path
 * metacharacters, deep nesting, huge numbers, ids beyond 2^31). Each answer must be:
 * - never a 5xx;
 * - on 4xx, the contract's error shape, and the database untouched (row counts of every table,
 *   the audit trail's last entry).
 * Bounded: FUZZ_RUNS inputs per operation and caller allowed through its access rule (default
 * 2, a few seconds on SQLite; `npm run fuzz` runs 100), FUZZ_SEED replays a run (fixed by default, drawn afresh by `npm run fuzz`) — the seed is
 * printed, and fast-check's failure message names the seed and path of the counterexample.
 */
import fc from 'fast-check';
import request from 'supertest';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can, type Role } from '../../shared/permissions';
import type { RouteMeta } from '../http/apiRouter';
import { errorAnswer } from '../http/answers';
import { ALL_SPECS } from '../app';
import { isPostgres } from '../db';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seeds/demo';
import { createTestApp, type TestApp } from './harness';
import { BEARER } from './engineFixture';
import type { JsonObject, JsonValue } from '../../shared/json';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 2));
// A fixed seed by default, so a test run gives the same verdict on every machine and CI run;
// `npm run fuzz` draws a new seed each time to explore further.
const SEED = Number(process.env.FUZZ_SEED || 20_261_205);
console.log(`fuzz: FUZZ_RUNS=${RUNS} FUZZ_SEED=${SEED} (replay with FUZZ_SEED=${SEED})`);

type Caller = Role | 'app' | 'anonymous';
const CALLERS: readonly Caller[] = [...ROLES, 'app', 'anonymous'];

// --- hostile values ---------------------------------------------------------------------

const MEGABYTE = 'x'.repeat(1_048_576);
const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  MEGABYTE,
  "' OR '1'='1",
  "'; DROP TABLE partners; --",
  '%',
  '_',
  '%_\\',
  '../../etc/passwd',
  '..\\..\\windows',
  '/dev/null',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '${7*7}',
  '2147483648',
  '99999999999999999999999',
  '-1',
  '0',
  '1e309',
  'NaN',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  'ＡＢＣ',
  '\u202Eevil',
];
const HOSTILE_NUMBERS = [-1, 0, 0.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
/**
 * In a URL: no 1 MB string — Node's HTTP parser answers 431 to a request line that long before
 * any route runs (and that is Node's, not the API's, answer) — but a long one that fits.
 */
const urlHostileString = fc.constantFrom(...HOSTILE_STRINGS.filter((v) => v !== MEGABYTE), 'y'.repeat(4_000));
const hostileScalar = fc.oneof(hostileString, fc.constantFrom<unknown>(...HOSTILE_NUMBERS, true, false, null));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(deep(40), deep(400), [], {}, JSON.parse('{"__proto__":{"polluted":1}}'), JSON.parse('{"constructor":{"prototype":{"polluted":1}}}')) },
);

// --- arbitraries from JSON Schema ----------------------------------------------------------

type Schema = JsonObject & { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[] };

function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const exact = exactFromSchema(schema ?? {}, depth);
  return fc.oneof({ weight: 5, arbitrary: exact }, { weight: 1, arbitrary: hostileValue });
}

function exactFromSchema(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => fromSchema(a, depth + 1)));
  const types = [s.type ?? 'string'].flat();
  return fc.oneof(...types.map((type) => typed(type, s, depth)));
}

function typed(type: string, s: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 50 }), fc.integer(), fc.constantFrom(...HOSTILE_NUMBERS));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 100_000 }));
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4 || !s.properties) return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileString.filter((k) => k.length < 40)), hostileScalar, { maxKeys: 3 });
      const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
      const base = fc.record(props, { requiredKeys: [] });
      // Sometimes a key the schema does not have, a prototype key among them.
      return fc.tuple(base, fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString'), hostileScalar), { freq: 4 })).map(([record, extra]) => {
        if (!extra) return record;
        const out: JsonObject = { ...(record as JsonObject) };
        Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
        return out;
      });
    }
    default: {
      const format = s.format as string | undefined;
      const shaped = format === 'date' ? fc.constantFrom('2026-11-20', '2026-12-01', '2025-01-31') : format === 'date-time' ? fc.constantFrom('2026-11-20T10:00:00.000Z', '2026-12-24T08:30:00.000Z') : fc.string({ maxLength: 20 });
      return fc.oneof(shaped, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.stringMatching(/^[a-z0-9_]{1,12}$/));
    }
  }
}

function jsonSchema(schema: z.ZodType | undefined): Schema | undefined {
  if (!schema) return undefined;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

// --- URLs ------------------------------------------------------------------------------

/** A path segment or query value, percent-encoded; a lone surrogate becomes its UTF-8 bytes. */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

const HOSTILE_IDS = ['0', '-1', '1.5', '1e3', ' 1', '2147483648', '9007199254740993', '99999999999999999999', 'abc', '__proto__', 'constructor', '%00', "1' OR '1'='1", '..', '%2e%2e%2fetc', '%ED%A0%80'];

function idArbitrary(pool: readonly string[]): fc.Arbitrary<string> {
  const hostile = fc.constantFrom(...HOSTILE_IDS).map((v) => (v.includes('%') ? v : encode(v)));
  return pool.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: hostile }) : hostile;
}

function listQuery(route: RouteMeta): fc.Arbitrary<JsonObject> {
  const spec = ALL_SPECS.find((s) => s.name === route.list);
  const fields = Object.keys(spec?.fields ?? {});
  const field = fc.oneof(fc.constantFrom(...(fields.length ? fields : ['id'])), urlHostileString.filter((s) => s.length < 100));
  const hostileString = urlHostileString;
  const hostileScalar = fc.oneof(urlHostileString, fc.constantFrom<unknown>(...HOSTILE_NUMBERS, true, false, null));
  const sort = fc.oneof(fc.tuple(field, fc.constantFrom('ASC', 'DESC', 'asc', 'sideways')).map((v) => JSON.stringify(v)), hostileString);
  const range = fc.oneof(fc.tuple(fc.integer({ min: -2, max: 2000 }), fc.integer({ min: -2, max: 2000 })).map((v) => JSON.stringify(v)), fc.constant('[0,1e400]'), hostileString);
  const filterKeys = fc.oneof(field, fc.constantFrom('q', 'id', ...fields.map((f) => `${f}_gte`), ...Object.keys(spec?.customFilters ?? {})));
  const filter = fc.oneof(fc.dictionary(filterKeys, fc.oneof(hostileScalar, fc.array(hostileScalar, { maxLength: 3 })), { maxKeys: 3 }).map((v) => JSON.stringify(v)), fc.constant('{"toString":1}'), fc.constant('{"__proto__":{"x":1}}'), hostileString);
  return fc.record({ sort, range, filter, extra: hostileString }, { requiredKeys: [] });
}

function queryArbitrary(route: RouteMeta): fc.Arbitrary<JsonObject> {
  if (route.list) return listQuery(route);
  const schema = jsonSchema(route.query);
  const fits = (v: unknown) => (JSON.stringify(v) ?? '').length < 8_000;
  if (schema) return fromSchema(schema).filter(fits).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : { q: v as JsonValue }));
  return fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record({ x: urlHostileString }) });
}

function queryString(query: JsonObject): string {
  const parts = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

// --- the database's state -----------------------------------------------------------------

async function tablesOf(t: TestApp): Promise<string[]> {
  if (isPostgres(t.db)) {
    const res = await t.db.raw<{ rows: Array<{ table_name: string }> }>("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1");
    return res.rows.map((r) => r.table_name);
  }
  const rows: Array<{ name: string }> = await t.db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1");
  return rows.map((r) => r.name);
}

/** Row counts of every table and the audit trail's last id, in one query. */
async function snapshot(t: TestApp, tables: readonly string[]): Promise<Record<string, string>> {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = tables.map((name) => `(select count(*) from ${q(name)}) as ${q(name)}`);
  const sql = `select ${columns.join(', ')}, (select max(id) from "auditLog") as "auditLog.lastId"`;
  const res = await t.db.raw(sql);
  const row = (isPostgres(t.db) ? res.rows[0] : res[0]) as Record<string, number | string>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
}

/**
 * Writes a 4xx may make, each for a reason:
 * - a SIREN the registry does not know is remembered (registryLookups) so that the next look-up
 *   does not ask the registry again: `GET /registry/siren/:siren` may answer 404 with that row written;
 * - a failed sign-in is counted (loginThrottle, the audit of a lock), which is the point of the throttle.
 */
function allowedWrites(route: RouteMeta): readonly string[] {
  if (route.path === '/registry/siren/:siren') return ['registryLookups'];
  if (route.path === '/auth/login') return ['loginThrottle', 'auditLog', 'auditLog.lastId', 'users'];
  return [];
}

// --- the run ---------------------------------------------------------------------------------

describe('fuzzing every operation as every caller (schema-driven, hostile inputs)', () => {
  let t: TestApp;
  let tables: string[];
  const agents = new Map<Caller, request.Agent>();
  const pools = new Map<string, string[]>();

  async function signIn(role: Role): Promise<request.Agent> {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const agent = request.agent(t.app);
    const res = await agent.post('/api/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status}`);
    agents.set(role, agent);
    return agent;
  }

  beforeAll(async () => {
    // The throttle would lock the fuzzer's own sign-ins out after a few random failures.
    t = await createTestApp({ config: { loginMaxFailures: 1_000_000, loginAccountMaxFailures: 1_000_000 } });
    tables = await tablesOf(t);
    for (const role of ROLES) await signIn(role);
    agents.set('anonymous', request.agent(t.app));
    // Ids that exist, so that some calls reach the operation; the fuzzer's own accounts and
    // token are left out of the writes (a deactivated account would end the run's coverage).
    const protectedUsers = new Set((await t.db('users').select('id')).map((r) => String(r.id)));
    for (const spec of ALL_SPECS) {
      const ids = (await t.db(spec.table).select('id').orderBy('id').limit(8)).map((r) => String(r.id));
      pools.set(spec.name, spec.name === 'users' || spec.name === 'app-tokens' ? [] : ids);
    }
    pools.set('users:read', [...protectedUsers].slice(0, 4));
  }, 120_000);
  afterAll(() => t?.close());

  function idPool(route: RouteMeta, param: string): readonly string[] {
    const resource = param === 'id' ? route.path.split('/')[1] : '';
    if (route.path.startsWith('/engine/')) return ['1', '2', '3', '5', '8'];
    if (resource === 'users' && route.method === 'get') return pools.get('users:read') ?? [];
    if (param === 'siren') return ['732829320', '552100554', '000000000'];
    return pools.get(resource) ?? [];
  }

  function callerAllowed(route: RouteMeta, caller: Caller): boolean {
    switch (route.access.kind) {
      case 'public':
        return true;
      case 'app':
        return caller === 'app';
      case 'session':
        return caller !== 'app' && caller !== 'anonymous';
      case 'permission':
        return caller !== 'app' && caller !== 'anonymous' && can(caller, route.access.resource, route.access.action);
    }
  }

  function inputArbitrary(route: RouteMeta) {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const path = fc.tuple(...params.map((p) => idArbitrary(idPool(route, p)))).map((values) => values.reduce((p, v, i) => p.replace(`:${params[i]}`, v), route.path));
    const bodySchema = jsonSchema(route.body);
    const body: fc.Arbitrary<unknown> = bodySchema
      ? fc.oneof({ weight: 6, arbitrary: fromSchema(bodySchema) }, { weight: 1, arbitrary: fc.constant(undefined) })
      : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: hostileValue });
    const multipart = fc.record({
      fields: fc.dictionary(fc.constantFrom('type', 'caseId', 'note', 'issuedAt', 'expiresAt', '__proto__', 'constructor', 'x'), hostileString.filter((s) => s.length < 1000), { maxKeys: 3 }),
      file: fc.oneof(fc.constant<Buffer | null>(null), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), fc.constant(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF')), fc.constant(Buffer.from('From: a@b.c\r\nSubject: M000001\r\n\r\nhello'))),
      fileName: fc.constantFrom('scan.pdf', '../../x.pdf', 'a\u0000.png', 'mail.eml', '.part'),
    });
    return fc.record({ path, query: queryArbitrary(route), body, multipart });
  }

  async function call(route: RouteMeta, caller: Caller, input: { path: string; query: JsonObject; body: unknown; multipart: { fields: Record<string, string>; file: Buffer | null; fileName: string } }) {
    const agent = caller === 'app' ? request(t.app) : agents.get(caller)!;
    const url = `/api${input.path}${queryString(input.query)}`;
    let req = agent[route.method](url);
    if (caller === 'app') req = req.set('Authorization', BEARER);
    if (route.multipart) {
      // Form fields can carry what a filename cannot: keep them as plain strings.
      for (const [k, v] of Object.entries(input.multipart.fields)) req = req.field(k, v);
      if (input.multipart.file) req = req.attach('file', input.multipart.file, input.multipart.fileName.replace(/\u0000/g, ''));
      return req;
    }
    if (input.body !== undefined) return req.set('Content-Type', 'application/json').send(JSON.stringify(input.body) ?? 'null');
    return req;
  }

  const routes = () => t.built.routes;

  it('when every operation is called as every caller with fuzzed inputs, then no 5xx, errors in the contract’s shape, and no write on a 4xx', async () => {
    const failures: string[] = [];
    // The state after one call is the state before the next: one count per call.
    let last: Record<string, string> | null = null;
    for (const route of routes()) {
      for (const caller of CALLERS) {
        const runs = callerAllowed(route, caller) ? RUNS : 1;
        await fc.assert(
          fc.asyncProperty(inputArbitrary(route), async (input) => {
            const before = last ?? (await snapshot(t, tables));
            const res = await call(route, caller, input);
            const after = await snapshot(t, tables);
            last = after;
            const where = `${route.method.toUpperCase()} ${input.path} as ${caller} → ${res.status}`;
            expect(res.status, `${where} ${res.text?.slice(0, 300)}`).toBeLessThan(500);
            if (res.status >= 400) {
              const parsed = errorAnswer.safeParse(res.body);
              expect(parsed.success, `${where}: not the contract's error shape: ${res.text?.slice(0, 200)}`).toBe(true);
              // One language per message (CONTRACT.md "HTTP"): never « français / English ».
              expect(res.body.error.message, `${where}: a message in two languages`).not.toContain(' / ');
              const allowed = allowedWrites(route);
              const changed = Object.keys(after).filter((k) => after[k] !== before[k] && !allowed.includes(k));
              expect(changed, `${where}: a 4xx changed the database`).toEqual([]);
            }
            // Signing out ends the fuzzer's session: sign in again for the next calls.
            if (route.path === '/auth/logout' && res.status === 204 && caller !== 'app' && caller !== 'anonymous') {
              await signIn(caller);
              last = null;
            }
          }),
          { numRuns: runs, seed: SEED, endOnFailure: true },
        ).catch((err: Error) => {
          last = null;
          const got = ((err.cause as Error | undefined)?.message ?? err.message).split('\n')[0];
          const example = /Counterexample: (.*)/.exec(err.message)?.[1]?.slice(0, 400);
          failures.push(`${route.method.toUpperCase()} ${route.path} as ${caller} (FUZZ_SEED=${SEED}): ${got.slice(0, 600)} — input ${example}`);
        });
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
