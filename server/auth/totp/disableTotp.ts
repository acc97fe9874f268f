/**
 * A staff member turns two-factor sign-in off for their own account, proving it is them with a
 * current code (or a recovery code) or their password: a session left open on someone else's
 * screen is not enough. The secret and the recovery codes are deleted. Audited as
 * `users.totp_disable`. (An account of a role that must enrol is then sent back to enrolment.)
 */
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import type { Ctx } from '../../context';
import { AppError } from '../../http/errors';
import type { StaffActor } from '../actor';
import { verifyPassword } from '../passwords';
import { consumeCode } from './consumeCode';
import type { SecretBox } from './secretBox';
import { isEnrolled } from './staffTotp';
import type { Language } from '../language';

export type DisableProof = { code: string } | { password: string };

const NOT_ENROLLED = {
  fr: 'La connexion en deux étapes n’est pas activée.',
  en: 'Two-step sign-in is not on.',
} as const;

/**
 * 409 when 2FA is not on. Checked before the sign-in throttle is consulted, so that a request
 * refused for the state writes nothing (the throttle counts attempts at a proof).
 */
export async function assertTotpEnrolled(ctx: Pick<Ctx, 'db'>, actor: StaffActor, lang: Language): Promise<void> {
  if (!(await isEnrolled(ctx.db, actor.id))) throw AppError.invalidState(NOT_ENROLLED[lang], { reason: 'totp_not_enrolled' });
}

/** False when the proof is wrong (nothing changes). Call `assertTotpEnrolled` first. */
export async function disableTotp(ctx: Ctx, actor: StaffActor, box: SecretBox, proof: DisableProof): Promise<boolean> {
  // The password is checked before the transaction: scrypt takes about half a second.
  if ('password' in proof) {
    const user = (await ctx.db('users').select('passwordHash').where('id', actor.id).first()) as { passwordHash: string } | undefined;
    if (!user || !(await verifyPassword(proof.password, user.passwordHash))) return false;
  }
  return inTransaction({ ...ctx, actor }, async (tx) => {
    const { trx } = tx;
    const enrolled = (await trx('users').select('totpEnrolledAt').where('id', actor.id).first()) as { totpEnrolledAt: string | Date | null } | undefined;
    if (!enrolled?.totpEnrolledAt) return true;
    if ('code' in proof && !(await consumeCode(trx, box, ctx.clock, actor.id, proof.code))) return false;
    await trx('staffRecoveryCodes').where('userId', actor.id).del();
    await trx('staffTotp').where('userId', actor.id).del();
    await trx('users').where('id', actor.id).update({ totpEnrolledAt: null });
    await audit(tx, 'users.totp_disable', 'users', actor.id, { totpEnrolledAt: new Date(enrolled.totpEnrolledAt).toISOString() }, { totpEnrolledAt: null, proof: 'code' in proof ? 'code' : 'password' });
    return true;
  });
}
