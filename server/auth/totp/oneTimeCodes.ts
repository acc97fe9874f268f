/**
 * Checking the codes of the second factor: TOTP codes (RFC 6238 through otplib: SHA-1,
 * 6 digits, 30-second steps — what every authenticator app uses) and recovery codes.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_S = 30;
/** One step either side of now: a phone's clock a little off, or a code typed as it changed. */
const TOLERANCE_S = TOTP_PERIOD_S;
export const RECOVERY_CODE_COUNT = 10;
/** Unambiguous letters and digits (no 0/O, 1/I/L): 31 symbols, 12 of them ≈ 59 bits per code. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 12;

export const TOTP_CODE = /^\d{6}$/;

export function newTotpSecret(): string {
  // 20 random bytes (160 bits), RFC 4226's recommended length for SHA-1.
  return generateSecret({ length: 20 });
}

export function otpauthUrl(secret: string, email: string, issuer: string): string {
  return generateURI({ issuer, label: email, secret });
}

/**
 * The time step the code belongs to when it is right at `now` and newer than `afterTimeStep`
 * (a code accepted once — even within its 30 seconds — is never accepted again), else null.
 */
export async function acceptedTimeStep(secret: string, code: string, now: Date, afterTimeStep: number | null): Promise<number | null> {
  if (!TOTP_CODE.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_S,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  // A TOTP result carries the matched time step (a HOTP one would not).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** `abcd-efgh-jkmn`: grouped for reading aloud and typing from paper. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What was typed, as compared: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Recovery codes are hashed with salted SHA-256, not with the password hash (scrypt at
 * OWASP's cost, half a second each): they are random (≈ 59 bits, not chosen by a person), so
 * a slow hash adds nothing an offline guesser would notice, while sign-in must compare what
 * was typed with every unused code of the account (up to ten). The salt keeps equal codes of
 * two accounts from having equal hashes.
 */
export function hashRecoveryCode(code: string): string {
  const salt = randomBytes(16);
  const digest = createHash('sha256').update(salt).update(normalizeRecoveryCode(code)).digest();
  return `sha256$${salt.toString('base64')}$${digest.toString('base64')}`;
}

export function recoveryCodeMatches(typed: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const digest = createHash('sha256').update(Buffer.from(salt, 'base64')).update(normalizeRecoveryCode(typed)).digest();
  return expected.length === digest.length && timingSafeEqual(expected, digest);
}
