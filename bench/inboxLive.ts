/**
 * Target (issue: home = inbox per role): a colleague's action reaches an open inbox in under
 * 2 s. Starts the server on a fresh demo database (or `--database file.sqlite`, copied; or
 * `--database postgres://…`, a schema of its own), then per role: the role keeps a
 * `GET /api/events` stream open and, as the console does (admin/src/live/), reads
 * `GET /api/inbox` again on each colleague's change — one read at a time, one more if a change
 * came during it. A colleague acts over HTTP with their own session, sending `Origin` as a
 * browser does (the server's cross-site guard); the time measured runs from the colleague's
 * answer to the role's first inbox read showing the new count. `--runs` actions per role
 * (default 20, after 2 not counted), each moving the count by one, alternately up and down
 * where the action has an undo (support: take / release a file; ops: file / dismiss a signal;
 * mediator: open an overdue case / close it); the coordinator's sheets go down only (orders
 * cancelled), as far as tomorrow has accepted orders. Before each action, a pause drawn
 * between 0 and 1 s (seeded), so that actions fall anywhere in SQLite's polling period.
 *
 *   npm run bench:inbox-live [-- --runs 20 --database demo.sqlite]
 *   npm run bench:inbox-live -- --database postgres://user@host:5432/name [--schema bench_inbox_live] [--reuse]
 */
import type { Inbox } from '../shared/inbox';
import type { LiveChange } from '../shared/liveChange';
import { databaseFromArgs, login, option, percentile, round, startServer } from './lib';
import { postgresFromArgs } from './lib/postgres';
import { mulberry32 } from '../server/engine/random';

const args = process.argv.slice(2);
const RUNS = Number(option(args, 'runs') ?? 20);
const WARM_UP = 2;
/** An action not seen within this time counts as lost (reported, and the target failed). */
const LOST_AFTER_MS = 10_000;
const TARGET_MS = 2_000;
/** The pause before each action is drawn between 0 and this (a fixed seed: runs compare). */
const PAUSE_MAX_MS = 1_000;
const random = mulberry32(20_261_205);

type Row = Record<string, any>;

const pg = await postgresFromArgs(args, 'bench_inbox_live');
const server = await startServer({ port: 3923, env: pg ? { DATABASE_URL: pg.url } : databaseFromArgs(args) });

/** A signed-in person talking to the API as the console does. */
class Session {
  private constructor(
    readonly email: string,
    readonly cookie: string,
    readonly id: number,
  ) {}

  static async open(email: string): Promise<Session> {
    const cookie = await login(server.url, email);
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { id: number };
    return new Session(email, cookie, me.id);
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${server.url}/api${path}`, { headers: { cookie: this.cookie, accept: 'application/json' } });
    if (res.status !== 200) throw new Error(`${this.email}: GET ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async list(resource: string, query: { filter?: Row; sort?: [string, string]; range: [number, number] }): Promise<Row[]> {
    const params = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`);
    return this.get<Row[]>(`/${resource}?${params.join('&')}`);
  }

  async post(path: string, body: unknown = {}): Promise<Row> {
    const res = await fetch(`${server.url}/api${path}`, {
      method: 'POST',
      // A browser sends Origin on every POST: the server's cross-site guard reads it.
      headers: { cookie: this.cookie, origin: server.url, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${this.email}: POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as Row;
  }
}

const countIn = (inbox: Inbox, item: string): number | undefined =>
  inbox.sections.flatMap((s) => s.items).find((i) => i.key === item)?.count;

/**
 * An open inbox: the role's event stream, and the inbox read again on each colleague's change
 * (the console's ['inbox'] invalidation: one read in flight, one more after it if needed).
 */
class OpenInbox {
  private readonly abort = new AbortController();
  private reading = false;
  private again = false;
  private waiter: { item: string; count: number; resolve(at: number): void } | null = null;

  private constructor(private readonly person: Session) {}

  static async open(person: Session): Promise<OpenInbox> {
    const inbox = new OpenInbox(person);
    const res = await fetch(`${server.url}/api/events`, { headers: { cookie: person.cookie, accept: 'text/event-stream' }, signal: inbox.abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`${person.email}: GET /api/events → ${res.status}`);
    void inbox.readStream(res.body);
    return inbox;
  }

  /** Resolves with the time of the first inbox read (from now on) whose `item` count is `count`. */
  seen(item: string, count: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`${this.person.email}: ${item} = ${count} not seen within ${LOST_AFTER_MS} ms`));
      }, LOST_AFTER_MS);
      this.waiter = {
        item,
        count,
        resolve: (at) => {
          clearTimeout(timer);
          this.waiter = null;
          resolve(at);
        },
      };
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async readStream(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, at).split('\n');
          buffer = buffer.slice(at + 2);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (!lines.includes('event: change') || !data) continue;
          const change = JSON.parse(data) as LiveChange;
          // The console skips a person's own changes: the page they acted on shows them.
          if (change.actorId !== this.person.id) this.refresh();
        }
      }
    } catch (err) {
      if (!this.abort.signal.aborted) throw err;
    }
  }

  private refresh(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.person
      .get<Inbox>('/inbox')
      .then((inbox) => {
        const at = performance.now();
        const w = this.waiter;
        if (w && countIn(inbox, w.item) === w.count) w.resolve(at);
      })
      .finally(() => {
        this.reading = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }
}

interface Scenario {
  role: 'support' | 'ops' | 'mediator' | 'coordinator' | 'admin';
  colleague: string;
  item: string;
  /** The colleague's actions, each moving the count by `delta`; fewer than asked when the data runs out. */
  actions(colleague: Session, watcher: Session, n: number): Promise<Array<{ name: string; delta: number; run(): Promise<unknown> }>>;
}

/** Take the oldest applicant's file, then give it back: the applicants' count goes down, then up. */
const takeAndRelease: Scenario['actions'] = async (colleague, _watcher, n) => {
  const [file] = await colleague.list('partners', { filter: { status: 'applicant' }, sort: ['createdAt', 'ASC'], range: [0, 0] });
  if (!file) return [];
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { name: 'take', delta: -1, run: () => colleague.post(`/partners/${file.id}/take`) }
      : { name: 'release', delta: +1, run: () => colleague.post(`/partners/${file.id}/release`) },
  );
};

const DAY_MS = 86_400_000;

const SCENARIOS: Scenario[] = [
  { role: 'support', colleague: 'admin@demo.test', item: 'applicantsWaiting', actions: takeAndRelease },
  {
    role: 'ops',
    // An admin both files (support's and the mediator's right) and dismisses (ops') a signal.
    colleague: 'admin@demo.test',
    item: 'openSignals',
    async actions(colleague, _watcher, n) {
      const [partner] = await colleague.list('partners', { filter: { status: 'active' }, sort: ['id', 'ASC'], range: [0, 0] });
      let signal: Row | undefined;
      return Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? { name: 'file a signal', delta: +1, run: async () => (signal = await colleague.post('/signals', { partnerId: partner!.id, reason: 'other', note: 'Banc d’essai : signalement.' })) }
          : { name: 'dismiss it', delta: -1, run: () => colleague.post(`/signals/${signal!.id}/dismiss`, { note: 'Banc d’essai.' }) },
      );
    },
  },
  {
    role: 'mediator',
    colleague: 'admin@demo.test',
    item: 'casesOverdue',
    async actions(colleague, _watcher, n) {
      // A written complaint of 70 days ago: the two months to answer it are over (MED-7).
      const orders = await colleague.list('orders', { filter: { status: 'completed' }, sort: ['id', 'DESC'], range: [0, Math.ceil(n / 2) - 1] });
      let kase: Row | undefined;
      return Array.from({ length: Math.min(n, orders.length * 2) }, (_, i) =>
        i % 2 === 0
          ? {
              name: 'open an overdue case',
              delta: +1,
              run: async () =>
                (kase = await colleague.post('/cases', {
                  category: 'quality',
                  orderId: orders[i / 2]!.id,
                  writtenComplaintAt: new Date(Date.now() - 70 * DAY_MS).toISOString(),
                  description: 'Banc d’essai : réclamation restée sans réponse.',
                })),
            }
          : { name: 'close it', delta: -1, run: () => colleague.post(`/cases/${kase!.id}/close`, { outcome: 'no_agreement', note: 'Banc d’essai.' }) },
      );
    },
  },
  {
    role: 'coordinator',
    colleague: 'admin@demo.test',
    item: 'sheetsTomorrow',
    async actions(colleague, watcher, n) {
      // The orders the count is made of, as its list opens them.
      const item = (await watcher.get<Inbox>('/inbox')).sections.flatMap((s) => s.items).find((i) => i.key === 'sheetsTomorrow')!;
      const orders = await colleague.list('orders', { filter: item.list.filter, sort: item.list.sort, range: [0, n - 1] });
      return orders.map((o) => ({ name: 'cancel an order', delta: -1, run: () => colleague.post(`/orders/${o.id}/cancel`, { by: 'client', reason: 'Banc d’essai : la cliente annule.' }) }));
    },
  },
  { role: 'admin', colleague: 'support@demo.test', item: 'applicantsWaiting', actions: takeAndRelease },
];

try {
  const results: Row[] = [];
  for (const scenario of SCENARIOS) {
    const watcher = await Session.open(`${scenario.role}@demo.test`);
    const colleague = await Session.open(scenario.colleague);
    const actions = await scenario.actions(colleague, watcher, RUNS + WARM_UP);
    const open = await OpenInbox.open(watcher);
    const times: number[] = [];
    let lost = 0;
    let seenBeforeAnswer = 0;
    try {
      for (const [i, action] of actions.entries()) {
        // Colleagues act at any moment: without a pause, each action would follow the last
        // one's change at once, in step with SQLite's poll, and always wait a whole period.
        await new Promise((r) => setTimeout(r, random.next() * PAUSE_MAX_MS));
        const before = countIn(await watcher.get<Inbox>('/inbox'), scenario.item);
        if (before === undefined) throw new Error(`${scenario.role}'s inbox has no ${scenario.item}`);
        const seen = open.seen(scenario.item, before + action.delta).catch(() => null);
        await action.run();
        const answered = performance.now();
        const at = await seen;
        if (at === null) {
          lost++;
          continue;
        }
        // Seen before the colleague's answer arrived (the change is announced at commit): 0.
        if (at < answered) seenBeforeAnswer++;
        if (i >= WARM_UP) times.push(Math.max(0, at - answered));
      }
    } finally {
      open.close();
    }
    times.sort((a, b) => a - b);
    results.push({
      role: scenario.role,
      colleague: scenario.colleague,
      item: scenario.item,
      actions: [...new Set(actions.map((a) => a.name))].join(' / '),
      measured: times.length,
      lost,
      seenBeforeAnswer,
      p50ms: round(percentile(times, 50)),
      p95ms: round(percentile(times, 95)),
      maxms: round(times[times.length - 1] ?? NaN),
    });
  }
  const measured = results.filter((r) => r.measured > 0);
  console.log(
    JSON.stringify({
      bench: 'inbox-live',
      database: pg ? `postgres (schema ${pg.schema})` : 'sqlite',
      runs: RUNS,
      roles: results,
      target: `a colleague's action, from its answer to the open inbox showing the new count: max < ${TARGET_MS} ms, nothing lost`,
      ok: measured.length === results.length && results.every((r) => r.lost === 0 && r.measured >= RUNS && r.maxms < TARGET_MS),
    }),
  );
} finally {
  await server.stop();
}
