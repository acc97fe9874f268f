/** A payout's lines (PAY-7): each paid session's order and the partner's pay for it. */
import type { Knex } from 'knex';
import { getOne } from '../data/getOne';
import { payoutsSpec } from './specs';

export interface PayoutLine {
  id: number;
  orderId: number;
  orderReference: string;
  serviceCode: string;
  sessionEndsAt: string;
  partnerPayCents: number;
}

export async function payoutLines(db: Knex, id: string): Promise<PayoutLine[]> {
  const payout = await getOne(db, payoutsSpec, id);
  const rows = (await db('payoutLines as l')
    .join('orders as o', 'o.id', 'l.orderId')
    .where('l.payoutId', payout.id as number)
    .orderBy([{ column: 'l.sessionEndsAt' }, { column: 'l.id' }])
    .select('l.id', 'l.orderId', 'o.reference', 'o.serviceCode', 'l.sessionEndsAt', 'l.partnerPayCents')) as Array<{ id: number | string; orderId: number | string; reference: string; serviceCode: string; sessionEndsAt: string | Date; partnerPayCents: number | string }>;
  return rows.map((r) => ({
    id: Number(r.id),
    orderId: Number(r.orderId),
    orderReference: r.reference,
    serviceCode: r.serviceCode,
    sessionEndsAt: new Date(r.sessionEndsAt).toISOString(),
    partnerPayCents: Number(r.partnerPayCents),
  }));
}
