/**
 * The TOTP shared secrets at rest: encrypted with AES-256-GCM, so that a copy of the database
 * (a backup, a read-only replica, an SQL injection) does not give anyone the codes of every
 * staff member. The key is derived (HKDF-SHA256) from TOTP_ENCRYPTION_KEY, or from the session
 * secret when that is unset — every server instance already shares it. Changing the key makes
 * existing enrolments unreadable: those staff members then need an admin's 2FA reset.
 * Stored as `v1:<iv>:<tag>:<ciphertext>` (base64), the version naming the scheme.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_LEN = 12;

export interface SecretBox {
  seal(secret: string): string;
  /** The secret, or null when the stored text is damaged or sealed under another key. */
  open(stored: string): string | null;
}

export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'staff-totp', 'totp secret encryption v1', 32));
  return {
    seal(secret) {
      const iv = randomBytes(IV_LEN);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    open(stored) {
      const [version, iv, tag, body] = stored.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
