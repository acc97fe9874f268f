/**
 * Support or an admin creates an applicant (REF-1, REF-2: checked details, 422 on a bad
 * SIREN or IBAN); the file enters the verification queue at once (REF-9). One transaction
 * with its audit rows.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { insertRecord, updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';
import { checkPartnerFacts, partnerFields, writeServices } from './partnerFields';
import { partnerReference } from './partnerReference';

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
