/**
 * Password hashing with scrypt (memory-hard, in Node's crypto: no native add-on).
 * Stored as `scrypt$N$r$p$salt$hash`: each hash carries its own cost, so hashes made
 * with older parameters still verify, and `needsRehash` tells sign-in to replace them
 * with the current ones (server/auth/login.ts).
 *
 * The cost is OWASP's minimum for scrypt (Password Storage Cheat Sheet): N = 2^17,
 * r = 8, p = 1 — 128 MiB and about half a second of one core per hash. So that a burst
 * of sign-ins cannot take more memory than that times MAX_CONCURRENT_HASHES, hashes
 * queue for a free slot instead of all running at once on libuv's threads.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const KEY_LEN = 32;
const SALT_LEN = 16;
const MAX_CONCURRENT_HASHES = 2;

let target: Readonly<ScryptParams> = OWASP_SCRYPT;

/**
 * Tests only: a lower cost, so that suites seeding and signing in many times stay fast.
 * Refused outside vitest, so no configuration can weaken production hashes; `null`
 * restores OWASP's parameters.
 */
export function setPasswordCostForTests(params: ScryptParams | null): void {
  if (!process.env.VITEST) throw new Error('setPasswordCostForTests is for the test suites only');
  target = params ? Object.freeze({ ...params }) : OWASP_SCRYPT;
  decoy = null;
}

/** The parameters new hashes are made with. */
export function currentPasswordParams(): Readonly<ScryptParams> {
  return target;
}

let running = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (running stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, keyLen: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  // Node refuses to allocate more than `maxmem`: scrypt needs 128·N·r bytes (128 MiB at
  // OWASP's cost, over Node's 32 MiB default), so allow twice that.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  return withHashSlot(
    () => new Promise((resolve, reject) => scrypt(password, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = target): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const key = await derive(password, salt, KEY_LEN, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface StoredHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/**
 * Reads a stored hash; null for anything malformed or outside sane bounds, so that a
 * damaged row can neither crash sign-in nor make scrypt allocate gigabytes, and an empty
 * key can never match every password.
 */
function parseStored(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!isPowerOfTwo(N) || N > 2 ** 20 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { params: { N, r, p }, salt, key };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash was made with other parameters than the current ones: re-hash it at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return N !== target.N || r !== target.r || p !== target.p || parsed.key.length !== KEY_LEN;
}

/** A hash of a random password: compared against when the email is unknown, so both paths take the same time. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
