/** Service catalogue edits (admin): PAY-1, prices are set by the platform per service. */
import { z } from 'zod';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { servicesSpec } from './specs';

export const updateServiceSchema = z.object({
  name: z.string().trim().min(1).max(120),
  durationMin: z.number().int().min(15).max(12 * 60),
  priceCents: z.number().int().min(0).max(10_000_00),
  partnerPayCents: z.number().int().min(0).max(10_000_00),
});

export async function updateService(ctx: Ctx, id: string, changes: Partial<z.infer<typeof updateServiceSchema>>) {
  const current = await ctx.db('services').where('id', id).first();
  if (!current) throw AppError.notFound('services', id);
  const price = changes.priceCents ?? current.priceCents;
  const pay = changes.partnerPayCents ?? current.partnerPayCents;
  // PAY-2: the platform's fee is the price minus the partner's pay, so pay can never exceed the price.
  if (pay > price) {
    throw AppError.validation('La rémunération du partenaire ne peut pas dépasser le prix. / Partner pay cannot exceed the price.', {
      fields: { partnerPayCents: 'supérieure au prix' },
    });
  }
  return inTransaction(ctx, (tx) => updateRecord(tx, servicesSpec, id, changes, { action: 'services.update' }));
}
