/**
 * Spends a second-factor code of an enrolled account: a TOTP code of a time step newer than
 * the last one accepted, or one of its unused recovery codes. Each is accepted once only,
 * even by two requests at the same instant: the write that spends it is conditional (the
 * time step still newer, the recovery code still unused) and only one of them changes a row.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock';
import { acceptedTimeStep, recoveryCodeMatches, TOTP_CODE } from './oneTimeCodes';
import type { SecretBox } from './secretBox';
import { asTimeStep, openSecret, totpRowOf, unusedRecoveryCodes } from './staffTotp';

export type SpentFactor = { kind: 'totp' } | { kind: 'recovery_code'; left: number };

export async function consumeCode(db: Knex | Knex.Transaction, box: SecretBox, clock: Clock, userId: number, code: string): Promise<SpentFactor | null> {
  const now = clock.now();
  if (TOTP_CODE.test(code)) {
    const row = await totpRowOf(db, userId);
    if (!row) return null;
    const last = asTimeStep(row.lastTimeStep);
    const step = await acceptedTimeStep(openSecret(box, row), code, now, last);
    if (step === null) return null;
    const spent = await db('staffTotp')
      .where('userId', userId)
      .andWhere((q) => q.whereNull('lastTimeStep').orWhere('lastTimeStep', '<', step))
      .update({ lastTimeStep: step, lastUsedAt: now.toISOString() });
    return spent === 1 ? { kind: 'totp' } : null;
  }
  const codes = await unusedRecoveryCodes(db, userId);
  const match = codes.find((c) => recoveryCodeMatches(code, c.codeHash));
  if (!match) return null;
  const spent = await db('staffRecoveryCodes').where('id', match.id).whereNull('usedAt').update({ usedAt: now.toISOString() });
  return spent === 1 ? { kind: 'recovery_code', left: codes.length - 1 } : null;
}
