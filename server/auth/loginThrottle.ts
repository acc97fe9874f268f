/**
 * Failed sign-ins, counted in the database so that every server instance on it shares one
 * count (an in-process count gives an attacker N instances × the attempts). Three counters,
 * each over a window of LOGIN_WINDOW_MS starting at its first failure:
 * - per account and address (LOGIN_MAX_FAILURES): the usual password guessing;
 * - per account from every address (LOGIN_ACCOUNT_MAX_FAILURES): guessing spread over many
 *   addresses locks the account for everyone until the window ends or an admin unlocks it;
 * - per address over every account (10 × LOGIN_MAX_FAILURES): one password sprayed over
 *   many emails.
 *
 * rate-limiter-flexible's own stores keep the counters, through the app's knex handle:
 * RateLimiterSQLite and RateLimiterPostgres both take `storeType: 'knex'`, share the table
 * layout that migration 012 creates, and count with one atomic upsert per attempt; the
 * class is the only thing that depends on the database.
 *
 * An attempt is counted before its password is checked (an atomic increment), so parallel
 * attempts cannot all slip under the limit; a refused attempt is taken back from the other
 * counters (a locked address must not also use up the account's allowance for everyone), and
 * a successful one resets its account's counters and is taken back from its address's.
 *
 * Accounts are keyed by a hash of the normalised email, known or not, so that locks behave
 * the same for unknown emails (they tell nothing about which accounts exist) and the table
 * holds no email. The throttle works on the wall clock, as the library does.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import { isPostgres } from '../db';

export const THROTTLE_TABLE = 'loginThrottle';
/** Spraying allowance of one address over every account, as a multiple of LOGIN_MAX_FAILURES. */
const ADDRESS_FACTOR = 10;
/** Expired counters are deleted at most this often per process, an hour after they ended. */
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_AFTER_MS = 3600_000;

export interface LoginThrottleSettings {
  /** Failures per account and address (LOGIN_MAX_FAILURES). */
  maxFailures: number;
  /** Failures per account from every address (LOGIN_ACCOUNT_MAX_FAILURES). */
  accountMaxFailures: number;
  windowMs: number;
}

type Counter = 'pair' | 'account' | 'address';
const COUNTERS: readonly Counter[] = ['pair', 'account', 'address'];

export interface Attempt {
  keys: Record<Counter, string>;
  counts: Record<Counter, RateLimiterRes>;
}

export type AttemptStart = { allowed: true; attempt: Attempt } | { allowed: false; retryAt: Date };

/** The account part of the keys: a hash of the email as sign-in normalises it. */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

type Limiter = RateLimiterSQLite | RateLimiterPostgres;

function limiter(db: Knex, keyPrefix: Counter, points: number, windowMs: number): Limiter {
  const options = {
    storeClient: db,
    storeType: 'knex',
    tableName: THROTTLE_TABLE,
    tableCreated: true,
    // Pruned by this module (prune below) rather than by the library's per-store timers.
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration: windowMs / 1000,
  };
  return isPostgres(db) ? new RateLimiterPostgres(options) : new RateLimiterSQLite(options);
}

const refusal = (outcome: PromiseSettledResult<RateLimiterRes>) =>
  outcome.status === 'rejected' && outcome.reason instanceof RateLimiterRes ? outcome.reason : null;

export function createLoginThrottle(db: Knex, settings: LoginThrottleSettings) {
  const limiters: Record<Counter, Limiter> = {
    pair: limiter(db, 'pair', settings.maxFailures, settings.windowMs),
    account: limiter(db, 'account', settings.accountMaxFailures, settings.windowMs),
    address: limiter(db, 'address', settings.maxFailures * ADDRESS_FACTOR, settings.windowMs),
  };
  let lastPrune = 0;

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    await db(THROTTLE_TABLE).where('expire', '<', Date.now() - PRUNE_AFTER_MS).del();
  }

  return {
    /** Counts an attempt before its password is checked; refused when any counter is over its limit. */
    async begin(address: string, email: string): Promise<AttemptStart> {
      const account = accountKeyOf(email);
      const keys: Record<Counter, string> = { pair: `${account}|${address}`, account, address };
      const outcomes = await Promise.allSettled(COUNTERS.map((c) => limiters[c].consume(keys[c])));
      const failed = outcomes.find((o) => o.status === 'rejected' && !(o.reason instanceof RateLimiterRes));
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const refused = outcomes.map(refusal).filter((r): r is RateLimiterRes => r !== null);
      if (refused.length > 0) {
        await Promise.all(COUNTERS.filter((_c, i) => outcomes[i].status === 'fulfilled').map((c) => limiters[c].reward(keys[c])));
        return { allowed: false, retryAt: new Date(Date.now() + Math.max(...refused.map((r) => r.msBeforeNext))) };
      }
      const counts = Object.fromEntries(COUNTERS.map((c, i) => [c, (outcomes[i] as PromiseFulfilledResult<RateLimiterRes>).value]));
      return { allowed: true, attempt: { keys, counts: counts as Record<Counter, RateLimiterRes> } };
    },

    /**
     * The attempt's password was wrong: it stays counted. Returns when the account's sign-ins
     * are locked until, if this failure reached the account's limit or its address's.
     */
    async failed(attempt: Attempt): Promise<Date | null> {
      await prune();
      const { pair, account } = attempt.counts;
      const ends = [
        pair.consumedPoints >= settings.maxFailures ? pair.msBeforeNext : -1,
        account.consumedPoints >= settings.accountMaxFailures ? account.msBeforeNext : -1,
      ];
      const longest = Math.max(...ends);
      return longest >= 0 ? new Date(Date.now() + longest) : null;
    },

    /** The password was right: the account starts again from zero here, and the attempt does not count against its address. */
    async succeeded(attempt: Attempt): Promise<void> {
      await Promise.all([
        limiters.pair.delete(attempt.keys.pair),
        limiters.account.delete(attempt.keys.account),
        limiters.address.reward(attempt.keys.address),
      ]);
    },

    /**
     * The password was right but a second factor must follow: the attempt is taken back from
     * every counter, and the counters are not reset — only a right code resets them — so that
     * knowing the password does not buy fresh tries at the code.
     */
    async passed(attempt: Attempt): Promise<void> {
      await Promise.all(COUNTERS.map((c) => limiters[c].reward(attempt.keys[c])));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/**
 * Deletes every counter of an account (from every address): an admin's unlock. Through knex,
 * in the caller's transaction, on the table the library's stores read.
 */
export async function clearAccountCounters(db: Knex | Knex.Transaction, email: string): Promise<number> {
  const account = accountKeyOf(email);
  return db(THROTTLE_TABLE)
    .where('key', `account:${account}`)
    .orWhere('key', 'like', `pair:${account}|%`)
    .del();
}
