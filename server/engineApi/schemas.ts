/** The Engine API's request bodies (CONTRACT.md "Engine API"): strict zod schemas, so unknown fields are a 400. */
import { z } from 'zod';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** An ISO 8601 instant with its offset (`Z` or `+01:00`). */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const createOrderSchema = z
  .strictObject({
    clientId: id,
    serviceCode: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'code de service attendu / service code expected'),
    startsAt: instant,
    immediateAdvance: z.boolean().optional(),
    address: z.string().trim().min(1).max(300).optional(),
    postcode: z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres / 5-digit postcode').optional(),
    city: z.string().trim().min(1).max(100).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .refine((b) => (b.lat === undefined) === (b.lng === undefined), { message: 'lat et lng vont ensemble / lat and lng go together', path: ['lng'] });

export const answerSchema = z.strictObject({
  answer: z.enum(['accept', 'decline', 'other_slot']),
  proposedStartsAt: instant.optional(),
});

export const slotAnswerSchema = z.strictObject({ accept: z.boolean() });

export const cancelSchema = z.strictObject({ by: z.enum(['client', 'partner']) });

export const emptySchema = z.strictObject({});

const comment = z.string().trim().max(2000).nullable().optional();

export const createReviewSchema = z.strictObject({
  orderId: id,
  clientId: id,
  rating: z.number().int().min(1).max(5),
  comment,
  recommended: z.boolean().optional(),
});

export const editReviewSchema = z.strictObject({
  clientId: id,
  rating: z.number().int().min(1).max(5).optional(),
  comment,
  recommended: z.boolean().optional(),
});

export const favouriteSchema = z.strictObject({ clientId: id, partnerId: id });

export const messageSchema = z.strictObject({
  clientId: id,
  partnerId: id,
  orderId: id.optional(),
  sender: z.enum(['client', 'partner']),
  body: z.string().trim().min(1).max(2000),
});
