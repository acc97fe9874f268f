/**
 * A partner's details as support and admin give them, shared by creating an applicant and
 * editing a partner. Rule REF-1 (what a partner gives) and REF-2 (a valid SIREN): a SIREN or
 * IBAN with a bad checksum is a 422, a wrong type or an unknown field a 400.
 */
import { z } from 'zod';
import { VERTICALS } from '../../shared/domain';
import { validate } from '../../shared/validators';
import { AppError } from '../http/errors';
import type { Knex } from 'knex';
import { isIsoDate } from '../../shared/calendar/paris';
import { PAYOUT_FREQUENCIES } from '../engine/money';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure HH:MM attendue / HH:MM time expected');
const weeklySlot = z
  .strictObject({ day: z.number().int().min(1).max(7), from: hhmm, to: hhmm })
  .refine((s) => s.from < s.to, 'le début doit précéder la fin / the start must come before the end');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue')
  .refine(isIsoDate, 'date inexistante / no such date');

export const partnerFields = {
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

export const updatePartnerSchema = z.object({
  ...partnerFields,
  // PAY-7: support or admin move a partner between weekly and monthly payouts (from the next boundary).
  payoutFrequency: z.enum(PAYOUT_FREQUENCIES),
});

export type PartnerInput = Partial<z.infer<typeof updatePartnerSchema>>;

/** Checksums and references that are well-formed but wrong are 422 (CONTRACT.md). */
export async function checkPartnerFacts(db: Knex, input: PartnerInput, vertical: string | undefined): Promise<PartnerInput> {
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

export async function writeServices(trx: Knex.Transaction, partnerId: number, services: string[]) {
  await trx('partnerServices').where('partnerId', partnerId).delete();
  if (services.length) await trx('partnerServices').insert(services.map((serviceCode) => ({ partnerId, serviceCode })));
}
