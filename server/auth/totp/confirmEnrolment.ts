/**
 * A staff member confirms their enrolment with a first code from their authenticator app:
 * from then on, signing in takes the password and a code. The answer carries ten recovery
 * codes, shown this once — only their hashes are kept. Audited as `users.totp_enrol`.
 */
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import type { Ctx } from '../../context';
import { AppError } from '../../http/errors';
import type { StaffActor } from '../actor';
import { acceptedTimeStep, hashRecoveryCode, newRecoveryCodes } from './oneTimeCodes';
import type { SecretBox } from './secretBox';
import { alreadyEnrolled } from './startEnrolment';
import { isEnrolled, openSecret, totpRowOf } from './staffTotp';

export interface EnrolmentDone {
  totpEnrolledAt: string;
  /** Shown once: write them down. */
  recoveryCodes: string[];
}

export async function confirmEnrolment(ctx: Ctx, actor: StaffActor, box: SecretBox, code: string): Promise<EnrolmentDone> {
  return inTransaction({ ...ctx, actor }, async (tx) => {
    const { trx, now } = tx;
    if (await isEnrolled(trx, actor.id)) throw alreadyEnrolled();
    const row = await totpRowOf(trx, actor.id);
    if (!row) {
      throw AppError.invalidState('Commencez d’abord l’activation (QR code). / Start the set-up (QR code) first.', { reason: 'totp_not_started' });
    }
    const step = await acceptedTimeStep(openSecret(box, row), code, now, null);
    if (step === null) {
      throw AppError.validation('Code incorrect : saisissez le code à 6 chiffres affiché par l’application. / Wrong code: type the 6-digit code your app shows.', {
        fields: { code: 'wrong_code' },
        field: 'code',
      });
    }
    const at = now.toISOString();
    const recoveryCodes = newRecoveryCodes();
    await trx('staffTotp').where('userId', actor.id).update({ lastTimeStep: step, lastUsedAt: at });
    await trx('staffRecoveryCodes').where('userId', actor.id).del();
    await trx('staffRecoveryCodes').insert(recoveryCodes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c), usedAt: null })));
    await trx('users').where('id', actor.id).update({ totpEnrolledAt: at });
    await audit(tx, 'users.totp_enrol', 'users', actor.id, { totpEnrolledAt: null }, { totpEnrolledAt: at, recoveryCodesLeft: recoveryCodes.length });
    return { totpEnrolledAt: at, recoveryCodes };
  });
}
