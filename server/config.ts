/**
 * Configuration from environment variables, each with a working default
 * (../shared/CONTRACT.md "Set-up"). Read once at start-up; tests build their own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../shared/roles';
import { totpRequiredRolesFromEnv } from './auth/totp/requiredRoles';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppConfig {
  port: number;
  /** `postgres://…` selects PostgreSQL; anything else is an SQLite file path (or `:memory:`). */
  databaseUrl: string;
  uploadsDir: string;
  sessionSecret: string;
  maxUploadMb: number;
  nodeEnv: string;
  /** Set when the app runs behind a TLS-terminating proxy: cookies become `Secure`. */
  trustProxy: boolean;
  /** Extra origins allowed to send state-changing requests (comma-separated), besides the app's own. */
  allowedOrigins: string[];
  /** Failed sign-ins allowed per email+IP in `loginWindowMs` before 429 (and 10× that per IP over all emails). */
  loginMaxFailures: number;
  /** Failed sign-ins allowed per email from all addresses in `loginWindowMs`: then the account is locked for everyone until the window ends or an admin unlocks it. */
  loginAccountMaxFailures: number;
  /** The window the sign-in failures are counted over, from the first failure; a lock ends with it. */
  loginWindowMs: number;
  sessionTtlMs: number;
  /** TOTP_REQUIRED_ROLES: roles whose accounts must enrol a second factor before reaching anything but the enrolment (unset: none). */
  totpRequiredRoles?: readonly Role[];
  /** TOTP_ENCRYPTION_KEY: the key the TOTP secrets are encrypted with at rest (unset: derived from the session secret). */
  totpEncryptionKey?: string;
  /** INSEE API Sirene 3.11 integration key; when set, the registry is the real INSEE client (REF-2). */
  inseeApiKey?: string;
  /** INSEE API base URL (default https://api.insee.fr/api-sirene/3.11). */
  inseeBaseUrl?: string;
  /** `insee` with a key, `offline` (fixture companies) without one. */
  registryMode: 'insee' | 'offline';
  /** DATABASE_POOL_MAX: connections per server process (PostgreSQL; SQLite always has one). */
  databasePoolMax?: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL cancels a statement running longer (0: never). */
  databaseStatementTimeoutMs?: number;
  /** DATABASE_POOL_QUEUE_LIMIT: readiness fails while every connection is busy and more queries than this wait. */
  databasePoolQueueLimit?: number;
  /** The companies' accounts the payout runs' SEPA files debit (PAY-7); demo accounts when unset. */
  sepaDebtors?: SepaDebtorAccounts;
}

/** The account each platform company pays its partners from: SEPA_WELLNESS_IBAN / _BIC, SEPA_CARE_IBAN / _BIC. */
export interface SepaDebtorAccounts {
  wellness: { iban: string; bic: string };
  care: { iban: string; bic: string };
}

/** DEMO DATA, invented (valid check digits, no real account): replace before production. */
export const DEMO_SEPA_DEBTORS: SepaDebtorAccounts = {
  wellness: { iban: 'FR7630004000031234567890143', bic: 'BNPAFRPPXXX' },
  care: { iban: 'FR3330002005500000157841Z25', bic: 'CRLYFRPPXXX' },
};

function sepaDebtorsFromEnv(): SepaDebtorAccounts {
  const account = (name: 'WELLNESS' | 'CARE', fallback: { iban: string; bic: string }) => ({
    iban: process.env[`SEPA_${name}_IBAN`] || fallback.iban,
    bic: process.env[`SEPA_${name}_BIC`] || fallback.bic,
  });
  const accounts = { wellness: account('WELLNESS', DEMO_SEPA_DEBTORS.wellness), care: account('CARE', DEMO_SEPA_DEBTORS.care) };
  // A wrong account is a start-up error, not a bank file that fails the day it is needed.
  for (const [name, a] of Object.entries(accounts)) {
    if (!isValidIBAN(electronicFormatIBAN(a.iban) ?? '')) throw new Error(`SEPA_${name.toUpperCase()}_IBAN is not a valid IBAN`);
    if (!isValidBIC(a.bic)) throw new Error(`SEPA_${name.toUpperCase()}_BIC is not a valid BIC`);
  }
  return accounts;
}

export const DATABASE_DEFAULTS = { poolMax: 10, statementTimeoutMs: 15_000, poolQueueLimit: 50 } as const;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** Like intFromEnv, where 0 is a meaningful value (a timeout of 0: none). */
function nonNegativeIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

/** The database handle's settings (server/db.ts reads them for every handle it makes). */
export function databaseSettingsFromEnv(): { poolMax: number; statementTimeoutMs: number; poolQueueLimit: number } {
  return {
    poolMax: intFromEnv('DATABASE_POOL_MAX', DATABASE_DEFAULTS.poolMax),
    statementTimeoutMs: nonNegativeIntFromEnv('DATABASE_STATEMENT_TIMEOUT_MS', DATABASE_DEFAULTS.statementTimeoutMs),
    poolQueueLimit: nonNegativeIntFromEnv('DATABASE_POOL_QUEUE_LIMIT', DATABASE_DEFAULTS.poolQueueLimit),
  };
}

/**
 * LIST_EXACT_TOTAL_MAX: on PostgreSQL, list totals up to this many rows are counted exactly,
 * larger ones are the planner's estimate (server/http/listTotal.ts). Read at each list so that
 * tests and operators can change it without a restart.
 */
export function listExactTotalMaxFromEnv(): number {
  return intFromEnv('LIST_EXACT_TOTAL_MAX', 10_000);
}

/** SESSION_SECRET: when unset, generated once and kept beside the database so sessions survive restarts. */
function sessionSecretFromEnv(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(PROJECT_ROOT, 'db', '.session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** DATABASE_URL, or the default SQLite file (also read by the backup and restore commands). */
export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL || path.join(PROJECT_ROOT, 'db', 'console.sqlite');
}

/** UPLOADS_DIR, absolute, or the default uploads/ folder. */
export function uploadsDirFromEnv(): string {
  return path.resolve(process.env.UPLOADS_DIR || path.join(PROJECT_ROOT, 'uploads'));
}

export function loadConfig(): AppConfig {
  const database = databaseSettingsFromEnv();
  listExactTotalMaxFromEnv(); // a wrong value stops the start, not every list later
  return {
    port: intFromEnv('PORT', 3000),
    databaseUrl: databaseUrlFromEnv(),
    uploadsDir: uploadsDirFromEnv(),
    sessionSecret: sessionSecretFromEnv(),
    maxUploadMb: intFromEnv('MAX_UPLOAD_MB', 10),
    nodeEnv: process.env.NODE_ENV || 'development',
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    allowedOrigins: (process.env.ALLOWED_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
    loginMaxFailures: intFromEnv('LOGIN_MAX_FAILURES', 5),
    loginAccountMaxFailures: intFromEnv('LOGIN_ACCOUNT_MAX_FAILURES', 10),
    loginWindowMs: intFromEnv('LOGIN_WINDOW_MS', 15 * 60_000),
    sessionTtlMs: intFromEnv('SESSION_TTL_MS', 12 * 3600_000),
    totpRequiredRoles: totpRequiredRolesFromEnv(process.env.TOTP_REQUIRED_ROLES, process.env.NODE_ENV || 'development'),
    totpEncryptionKey: process.env.TOTP_ENCRYPTION_KEY || undefined,
    inseeApiKey: process.env.INSEE_API_KEY || undefined,
    inseeBaseUrl: process.env.INSEE_API_URL || undefined,
    registryMode: process.env.INSEE_API_KEY ? 'insee' : 'offline',
    databasePoolMax: database.poolMax,
    databaseStatementTimeoutMs: database.statementTimeoutMs,
    databasePoolQueueLimit: database.poolQueueLimit,
    sepaDebtors: sepaDebtorsFromEnv(),
  };
}
