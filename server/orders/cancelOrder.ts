/**
 * Support or admin cancels an order for the client or the partner who asked (on the phone, by
 * e-mail): `POST /api/orders/{id}/cancel` `{by: "client"|"partner", reason}`. The live engine's
 * own cancellation does the work — who may cancel what and when (CLI-3, ENG-4), the payments not
 * yet made dropped and nothing charged (ENG-6, PAY-3/PAY-5), the partner's score recomputed at
 * once (SCO-4, SCO-8) — in one transaction with its audit row, which records the staff member
 * as the actor and the reason they gave (`orders.cancel_on_behalf`).
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { cancelOrder, EngineError } from '../engine/live';
import { AppError } from '../http/errors';
import { shapeOrder } from '../engineApi/shape';

export const cancelOrderBodySchema = z.strictObject({
  by: z.enum(['client', 'partner']),
  reason: z.string().trim().min(1).max(1000),
});

export type CancelOrderBody = z.infer<typeof cancelOrderBodySchema>;

/** The order as the `orders` resource shows it (CONTRACT.md "Key fields"). */
export type OrderRecord = ReturnType<typeof shapeOrder>;

/** The engine's refusals become the contract's errors; the error handler picks their language (server/http/messageLanguage.ts). */
export async function cancelOrderOnBehalf(ctx: Ctx, orderId: number, body: CancelOrderBody): Promise<OrderRecord> {
  try {
    return shapeOrder(await cancelOrder(ctx, orderId, { by: body.by, reason: body.reason }));
  } catch (err) {
    if (err instanceof EngineError) throw new AppError(err.code, err.message, err.status, err.details);
    throw err;
  }
}
