/**
 * Which staff roles must sign in with a second factor (TOTP_REQUIRED_ROLES). Staff see ID
 * cards, criminal-record extracts and IBANs, so in production the roles that handle them —
 * admin and support — must enrol by default; elsewhere (the demo, development, tests) none
 * must, so that the demo accounts sign in with their password alone.
 */
import { isRole, ROLES, type Role } from '../../../shared/roles';

export const PRODUCTION_TOTP_ROLES: readonly Role[] = ['admin', 'support'];

/** `admin,support`, `none` (or empty) for no role, `all` for every role; unset → the default above. */
export function totpRequiredRolesFromEnv(raw: string | undefined, nodeEnv: string): readonly Role[] {
  if (raw === undefined) return nodeEnv === 'production' ? PRODUCTION_TOTP_ROLES : [];
  const words = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0] === 'none')) return [];
  if (words.length === 1 && words[0] === 'all') return ROLES;
  const unknown = words.filter((w) => !isRole(w));
  if (unknown.length > 0) throw new Error(`TOTP_REQUIRED_ROLES: unknown role(s) ${unknown.join(', ')} (roles: ${ROLES.join(', ')}, or none, or all)`);
  return [...new Set(words)] as Role[];
}
