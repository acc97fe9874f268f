/**
 * A signed-in staff member starts enrolling in two-factor sign-in: a new secret is drawn and
 * kept (sealed) until a first code confirms that their authenticator app has it. The answer —
 * the only one that ever carries the secret — is the otpauth:// URL and the same as a QR code
 * to scan. Starting again replaces a secret that was never confirmed; an enrolled account must
 * disable 2FA first (409). Audited as `users.totp_start`, without the secret.
 */
import QRCode from 'qrcode';
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import type { Ctx } from '../../context';
import { AppError } from '../../http/errors';
import type { StaffActor } from '../actor';
import { newTotpSecret, otpauthUrl } from './oneTimeCodes';
import type { SecretBox } from './secretBox';
import { isEnrolled, TOTP_ISSUER } from './staffTotp';

export interface EnrolmentStart {
  otpauthUrl: string;
  /** A PNG data URL of the otpauth URL. */
  qrCode: string;
}

export function alreadyEnrolled(): AppError {
  return AppError.invalidState(
    'La connexion en deux étapes est déjà activée : désactivez-la d’abord. / Two-step sign-in is already on: turn it off first.',
    { reason: 'totp_already_enrolled' },
  );
}

export async function startEnrolment(ctx: Ctx, actor: StaffActor, box: SecretBox): Promise<EnrolmentStart> {
  const secret = newTotpSecret();
  await inTransaction({ ...ctx, actor }, async (tx) => {
    const { trx, now: at } = tx;
    if (await isEnrolled(trx, actor.id)) throw alreadyEnrolled();
    await trx('staffTotp').where('userId', actor.id).del();
    await trx('staffRecoveryCodes').where('userId', actor.id).del();
    await trx('staffTotp').insert({ userId: actor.id, secret: box.seal(secret), lastTimeStep: null, lastUsedAt: null, createdAt: at.toISOString() });
    await audit(tx, 'users.totp_start', 'users', actor.id, null, null);
  });
  const url = otpauthUrl(secret, actor.email, TOTP_ISSUER);
  const qrCode = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUrl: url, qrCode };
}
