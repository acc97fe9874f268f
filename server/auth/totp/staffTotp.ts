/** The rows behind two-factor sign-in (migration 017) and what every TOTP operation shares. */
import type { Knex } from 'knex';
import type { AppConfig } from '../../config';
import type { StaffRecoveryCodesRow, StaffTotpRow, UsersRow } from '../../data/tables';
import { AppError } from '../../http/errors';
import { createSecretBox, type SecretBox } from './secretBox';

/** The name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Console services à domicile';

export function secretBoxFor(config: AppConfig): SecretBox {
  return createSecretBox(config.totpEncryptionKey ?? config.sessionSecret);
}

export async function totpRowOf(db: Knex | Knex.Transaction, userId: number): Promise<StaffTotpRow | undefined> {
  return db<StaffTotpRow>('staffTotp').where('userId', userId).first();
}

export async function isEnrolled(db: Knex | Knex.Transaction, userId: number): Promise<boolean> {
  const user = await db<UsersRow>('users').select('totpEnrolledAt').where('id', userId).first();
  return user?.totpEnrolledAt != null;
}

export async function unusedRecoveryCodes(db: Knex | Knex.Transaction, userId: number): Promise<StaffRecoveryCodesRow[]> {
  return db<StaffRecoveryCodesRow>('staffRecoveryCodes').where('userId', userId).whereNull('usedAt').orderBy('id');
}

export const asTimeStep = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** The secret of a row, opened; a row sealed under another key is a 409 an admin's reset resolves. */
export function openSecret(box: SecretBox, row: StaffTotpRow): string {
  const secret = box.open(row.secret);
  if (secret === null) {
    throw AppError.invalidState(
      'Le secret de la connexion en deux étapes est illisible (clé changée) : demandez à un administrateur de la réinitialiser. / The two-step secret cannot be read (key changed): ask an admin to reset it.',
      { reason: 'totp_secret_unreadable' },
    );
  }
  return secret;
}
