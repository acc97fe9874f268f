/**
 * What sign-in answers say, one language per message (CONTRACT.md "HTTP"). A lock's
 * end is given in Paris time — the staff work in France — rounded up to the minute, so
 * that trying again at the time shown always works.
 */
import { AppError } from '../http/errors';
import type { Language } from './language';
import { parisDate } from '../../shared/calendar/paris';
import { parisClock, parisStamp } from '../../shared/calendar/parisFormat';

const MINUTE_MS = 60_000;

/** "18:42" when the lock ends today in Paris, else "le 21/11 à 08:15" / "08:15 on 21/11". */
export function parisTimeOf(at: Date, now: Date, lang: Language): string {
  const shown = new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
  const time = parisClock(shown);
  if (parisDate(shown) === parisDate(now)) return time;
  const day = parisStamp(shown).slice(0, 5);
  return lang === 'en' ? `${time} on ${day}` : `le ${day} à ${time}`;
}

export const SIGN_IN_MESSAGES = {
  fr: {
    badCredentials: 'Email ou mot de passe incorrect.',
    badCode: 'Code incorrect ou déjà utilisé.',
    passwordFirst: 'Saisissez d’abord votre email et votre mot de passe.',
    badProof: 'Code ou mot de passe incorrect.',
    tooManyAttempts: (at: string) => `Trop de tentatives : réessayez après ${at}.`,
  },
  en: {
    badCredentials: 'Wrong email or password.',
    badCode: 'Wrong or already used code.',
    passwordFirst: 'Type your email and password first.',
    badProof: 'Wrong code or password.',
    tooManyAttempts: (at: string) => `Too many attempts: try again after ${at}.`,
  },
} as const;

export function badCredentials(lang: Language): AppError {
  return new AppError('not_authenticated', SIGN_IN_MESSAGES[lang].badCredentials, 401);
}

/** The second step of a sign-in: the code is wrong, reused or spent. */
export function badCode(lang: Language): AppError {
  return new AppError('not_authenticated', SIGN_IN_MESSAGES[lang].badCode, 401);
}

/** A code sent with no password step pending (or one that expired). */
export function passwordFirst(lang: Language): AppError {
  return new AppError('not_authenticated', SIGN_IN_MESSAGES[lang].passwordFirst, 401);
}

/** Turning 2FA off with a wrong code or password: 422, the caller stays signed in. */
export function badProof(lang: Language): AppError {
  return new AppError('validation_failed', SIGN_IN_MESSAGES[lang].badProof, 422, { fields: { code: 'wrong_proof' }, field: 'code' });
}

/** 429 with the lock's end in words and, for programs, as an instant (`details.retryAt`). */
export function tooManyAttempts(lang: Language, retryAt: Date, now: Date): AppError {
  return new AppError('rate_limited', SIGN_IN_MESSAGES[lang].tooManyAttempts(parisTimeOf(retryAt, now, lang)), 429, {
    retryAt: retryAt.toISOString(),
  });
}
