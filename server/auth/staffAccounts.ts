/** Staff accounts and app tokens, managed by admins (CONTRACT.md "Demo accounts"). */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../../shared/roles';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { insertRecord, updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import type { UsersRow } from '../data/tables';
import { parseId } from '../data/getOne';
import { hashToken } from './authenticate';
import { hashPassword } from './passwords';
import { appTokensSpec, usersSpec } from './specs';

const password = z.string().min(10, 'au moins 10 caractères / at least 10 characters').max(200);

export const createUserSchema = z.strictObject({
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  active: z.boolean().optional(),
  password,
});

export const updateUserSchema = z.object({
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  active: z.boolean(),
  /** Write-only: a new password; empty or absent keeps the current one. */
  password: z.union([password, z.literal(''), z.null()]),
});

async function assertEmailFree(ctx: Ctx, email: string, exceptId?: number) {
  const existing = await ctx.db('users').where('email', email).first();
  if (existing && Number(existing.id) !== exceptId) {
    throw AppError.validation('Cette adresse email est déjà utilisée. / This email is already used.', { fields: { email: 'déjà utilisée' } });
  }
}

export async function createUser(ctx: Ctx, input: z.infer<typeof createUserSchema>) {
  await assertEmailFree(ctx, input.email);
  const { password: plain, ...rest } = input;
  // Hashed before the transaction opens: it takes a while, and SQLite has one writer at a time.
  const passwordHash = await hashPassword(plain);
  return inTransaction(ctx, (tx) => insertRecord(tx, usersSpec, { ...rest, active: rest.active ?? true }, { action: 'users.create', extraColumns: { passwordHash } }));
}

export async function updateUser(ctx: Ctx, id: string, changes: Partial<z.infer<typeof updateUserSchema>>) {
  const { password: plain, ...rest } = changes;
  if (rest.email) await assertEmailFree(ctx, rest.email, Number(id));
  // An admin cannot lock themselves out (and so the console always keeps one admin able to act).
  if (ctx.actor?.kind === 'staff' && ctx.actor.id === Number(id) && (rest.active === false || (rest.role && rest.role !== 'admin'))) {
    throw AppError.invalidState('Vous ne pouvez pas désactiver ni rétrograder votre propre compte. / You cannot deactivate or demote your own account.');
  }
  const columns: Partial<UsersRow> = { ...rest };
  if (plain) columns.passwordHash = await hashPassword(plain);
  // No session clean-up needed on deactivation: authenticate re-reads the account on every request.
  return inTransaction(ctx, (tx) => updateRecord(tx, usersSpec, id, columns, { action: 'users.update' }));
}

export const createAppTokenSchema = z.strictObject({ name: z.string().trim().min(1).max(120) });

/** Creates an app token: the secret is returned once and only its hash is stored. */
export async function createAppToken(ctx: Ctx, input: z.infer<typeof createAppTokenSchema>, secret?: string) {
  const token = secret ?? `app_${randomBytes(24).toString('base64url')}`;
  const createdBy = ctx.actor?.kind === 'staff' ? ctx.actor.id : null;
  const record = await inTransaction(ctx, (tx) =>
    insertRecord(tx, appTokensSpec, { name: input.name, createdBy }, { action: 'app-tokens.create', extraColumns: { tokenHash: hashToken(token) } }),
  );
  return { ...record, token };
}

export async function revokeAppToken(ctx: Ctx, id: string) {
  const current = await ctx.db('appTokens').where('id', parseId(appTokensSpec, id)).first();
  if (!current) throw AppError.notFound('app-tokens', id);
  if (current.revokedAt) throw AppError.invalidState('Ce jeton est déjà révoqué. / This token is already revoked.');
  return inTransaction(ctx, (tx) => updateRecord(tx, appTokensSpec, id, { revokedAt: tx.now.toISOString() }, { action: 'app-tokens.revoke' }));
}
