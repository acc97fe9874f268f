/**
 * Creating an applicant and editing a partner's details (support, admin). Rule REF-1
 * (what a partner gives) and REF-2 (a valid SIREN): a SIREN or IBAN with a bad
 * checksum is a 422, a wrong type or an unknown field a 400.
 */
import { z } from 'zod';
import { VERTICALS } from '../../shared/domain';
import { validate } from '../../shared/validators';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { insertRecord, updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { getOne, parseId } from '../data/getOne';
import type { Registry } from '../registry/types';
import { refreshFileStatus } from './fileStatus';
import { registryStateFor } from './registryCheck';
import { partnersSpec } from '../marketplace/specs';
import type { Knex } from 'knex';
import { isIsoDate } from '../../shared/calendar/paris';
import { PAYOUT_FREQUENCIES } from '../engine/money';
import { changePayoutFrequency } from '../payouts/changePayoutFrequency';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure HH:MM attendue / HH:MM time expected');
const weeklySlot = z
  .strictObject({ day: z.number().int().min(1).max(7), from: hhmm, to: hhmm })
  .refine((s) => s.from < s.to, 'le début doit précéder la fin / the start must come before the end');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue')
  .refine(isIsoDate, 'date inexistante / no such date');

const partnerFields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  phone: z.string().trim().regex(/^\+?[0-9 .()-]{6,30}$/, 'numéro de téléphone attendu / phone number expected').nullable(),
  birthDate: isoDate.nullable(),
  address: z.string().trim().max(300).nullable(),
  postcode: z.string().trim().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu / 5-digit postcode expected').nullable(),
  city: z.string().trim().max(100).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lng: z.number().min(-180).max(180).nullable(),
  siren: z.string().max(20).nullable(),
  iban: z.string().max(50).nullable(),
  vertical: z.enum(VERTICALS),
  services: z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/)).max(30),
  radiusKm: z.number().min(1).max(100),
  weeklyHours: z.array(weeklySlot).max(50),
};

export const createPartnerSchema = z.strictObject({
  ...partnerFields,
  phone: partnerFields.phone.optional(),
  birthDate: partnerFields.birthDate.optional(),
  address: partnerFields.address.optional(),
  postcode: partnerFields.postcode.optional(),
  city: partnerFields.city.optional(),
  lat: partnerFields.lat.optional(),
  lng: partnerFields.lng.optional(),
  siren: partnerFields.siren.optional(),
  iban: partnerFields.iban.optional(),
  services: partnerFields.services.default([]),
  radiusKm: partnerFields.radiusKm.default(15),
  weeklyHours: partnerFields.weeklyHours.default([]),
});

export const updatePartnerSchema = z.object({
  ...partnerFields,
  // PAY-7: support or admin move a partner between weekly and monthly payouts (from the next boundary).
  payoutFrequency: z.enum(PAYOUT_FREQUENCIES),
});

type PartnerInput = Partial<z.infer<typeof updatePartnerSchema>>;

/** Checksums and references that are well-formed but wrong are 422 (CONTRACT.md). */
async function checkPartnerFacts(db: Knex, input: PartnerInput, vertical: string | undefined): Promise<PartnerInput> {
  const out: PartnerInput = { ...input };
  const fields: Record<string, string> = {};
  if (input.siren) {
    const r = validate('siren', input.siren); // rule REF-2
    if (r.valid) out.siren = r.normalized;
    else fields.siren = r.reason;
  }
  if (input.iban) {
    const r = validate('iban', input.iban); // rule REF-1: an IBAN for payouts
    if (r.valid) out.iban = r.normalized;
    else fields.iban = r.reason;
  }
  if (input.services?.length) {
    const known = await db('services').select('id', 'vertical').whereIn('id', input.services);
    const byId = new Map(known.map((s) => [s.id as string, s.vertical as string]));
    const unknown = input.services.filter((s) => !byId.has(s));
    const otherVertical = input.services.filter((s) => byId.has(s) && vertical && byId.get(s) !== vertical);
    if (unknown.length) fields.services = `service(s) inconnu(s) : ${unknown.join(', ')}`;
    else if (otherVertical.length) fields.services = `service(s) d’une autre verticale : ${otherVertical.join(', ')}`;
  }
  if (Object.keys(fields).length) {
    const first = Object.entries(fields)[0];
    throw AppError.validation(`${first[0]} : ${first[1]}`, { fields });
  }
  if (out.services) out.services = [...new Set(out.services)];
  return out;
}

async function writeServices(trx: Knex.Transaction, partnerId: number, services: string[]) {
  await trx('partnerServices').where('partnerId', partnerId).delete();
  if (services.length) await trx('partnerServices').insert(services.map((serviceCode) => ({ partnerId, serviceCode })));
}

export async function createApplicant(ctx: Ctx, input: z.infer<typeof createPartnerSchema>) {
  const checked = await checkPartnerFacts(ctx.db, input, input.vertical);
  return inTransaction(ctx, async (tx) => {
    // The reference is derived from the id, known only after the insert: start with a unique placeholder.
    const placeholder = `TMP-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // REF-9: the file enters the verification queue now.
    const created = await insertRecord(
      tx,
      partnersSpec,
      { ...checked, status: 'applicant', reference: placeholder, reviewRequestedAt: tx.now.toISOString() },
      { action: 'partners.create' },
    );
    const id = Number(created.id);
    await writeServices(tx.trx, id, checked.services ?? []);
    return updateRecord(tx, partnersSpec, String(id), { reference: partnerReference(id) }, { action: 'partners.reference' });
  });
}

export function partnerReference(id: number): string {
  return `P${String(id).padStart(6, '0')}`;
}

/** Fields an active partner's checklist depends on (REF-8: a change re-evaluates the file). */
const FILE_FIELDS = ['siren', 'iban', 'services', 'vertical', 'firstName', 'lastName'] as const;

export async function updatePartner(ctx: Ctx, id: string, changes: PartnerInput, options: { registry?: Registry } = {}) {
  const current = await ctx.db('partners').select('vertical', 'status').where('id', parseId(partnersSpec, id)).first();
  if (!current) throw AppError.notFound('partners', id);
  const checked = await checkPartnerFacts(ctx.db, changes, changes.vertical ?? current.vertical);
  const active = current.status === 'active';
  // REF-2: a new SIREN of an active partner is looked up before the transaction (never a network call inside it).
  if (active && options.registry && checked.siren) await registryStateFor(ctx.db, options.registry, checked.siren, ctx.clock.now());
  const { payoutFrequency, ...details } = checked;
  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    if (payoutFrequency) await changePayoutFrequency(ctx, trx, Number(id), payoutFrequency);
    if (payoutFrequency && Object.keys(details).length === 0) return getOne(trx, partnersSpec, id);
    const after = await updateRecord(tx, partnersSpec, id, details, {
      action: 'partners.update',
      afterWrite: async (t) => {
        if (details.services) await writeServices(t, Number(id), details.services);
      },
    });
    if (!active || !FILE_FIELDS.some((f) => f in details)) return after;
    await refreshFileStatus(tx, Number(id));
    return getOne(trx, partnersSpec, id);
  });
}
