/**
 * A client books a service (rules DSP-2, PAY-1, PAY-2, DSP-4, DSP-12): at least 2 h ahead;
 * the order takes the platform's price and partner pay of the service and the client's
 * address (or the one given); its expiry timer is set 1 h before the start and the first
 * proposal goes out at once. One transaction, audited.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context';
import { ordersSpec } from '../../marketplace/specs';
import { canBook, expiryAt, MIN_BOOKING_LEAD_MS } from '../dispatch';
import { orderMoney } from '../money';
import { scheduleDeadline } from './deadlines';
import { proposeNextIn } from './dispatch';
import { EngineError } from './errors';
import { assertClientActive, loadClient, loadService, orderView } from './repository';
import { rawRow } from '../../data/rawRow';
import { recomputePartnerScoreIn } from './scores';
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import { insertId } from '../../data/insertId';
import { iso, num, type Row } from '../../data/rows';
import type { OrdersRow } from '../../data/tables';

const DAY_MS = 86_400_000;
/** rule ENG-7 *(assumed)*: bookings open at most one year ahead. */
export const MAX_BOOKING_AHEAD_MS = 366 * DAY_MS;

export interface CreateOrderInput {
  clientId: number;
  serviceCode: string;
  startsAt: Date;
  /** Care with the URSSAF immediate advance (PAY-5); ignored on Wellness. */
  immediateAdvance?: boolean;
  /** Where the session takes place, when not at the client's address. */
  address?: string;
  postcode?: string;
  city?: string;
  lat?: number;
  lng?: number;
}

export function orderReference(id: number): string {
  return `R${String(id).padStart(7, '0')}`;
}

export async function createOrder(ctx: Ctx, input: CreateOrderInput): Promise<{ order: Row; proposal: Row | null }> {
  return inTransaction(ctx, async (tx) => {
    const { client } = await loadClient(tx, input.clientId);
    assertClientActive(client);
    const service = await loadService(tx, input.serviceCode);
    // DSP-2: up to 2 h before the start (exactly 2 h is allowed).
    if (!canBook(tx.now, input.startsAt)) {
      const earliest = new Date(tx.now.getTime() + MIN_BOOKING_LEAD_MS);
      throw EngineError.validation(`Une réservation se fait au moins 2 h à l’avance (au plus tôt ${iso(earliest)}). / Orders must start at least 2 hours ahead.`, {
        fields: { startsAt: 'at least 2 h ahead (DSP-2)' },
        earliest: iso(earliest),
      });
    }
    if (input.startsAt.getTime() - tx.now.getTime() > MAX_BOOKING_AHEAD_MS) {
      throw EngineError.validation('Une réservation se fait au plus un an à l’avance. / Orders start at most one year ahead.', { fields: { startsAt: 'at most one year ahead' } });
    }
    const useGiven = input.lat !== undefined && input.lng !== undefined;
    const lat = useGiven ? input.lat! : client.lat;
    const lng = useGiven ? input.lng! : client.lng;
    if (lat === null || lng === null) {
      throw EngineError.validation('L’adresse du client n’est pas localisée : indiquez lat et lng. / The client’s address has no position: give lat and lng.', { fields: { lat: 'required', lng: 'required' } });
    }
    const money = orderMoney(service); // PAY-1 / PAY-2
    const endsAt = new Date(input.startsAt.getTime() + service.durationMin * 60_000);
    const place = useGiven
      ? { address: input.address ?? null, postcode: input.postcode ?? null, city: input.city ?? null, lat, lng }
      : { address: input.address ?? client.address, postcode: input.postcode ?? client.postcode, city: input.city ?? client.city, lat, lng };
    const values = {
      // A unique placeholder until the id is known (the reference is R + the 7-digit id).
      reference: `tmp${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      clientId: client.id,
      partnerId: null,
      serviceCode: service.id,
      startsAt: iso(input.startsAt),
      endsAt: iso(endsAt),
      status: 'dispatching',
      priceCents: money.priceCents,
      partnerPayCents: money.partnerPayCents,
      ...place,
      immediateAdvance: service.vertical === 'care' && input.immediateAdvance === true,
      createdAt: iso(tx.now),
      version: 1,
      searchText: '',
    };
    const id = await insertId(tx.trx, 'orders', values);
    const reference = orderReference(id);
    await tx.trx('orders').where('id', id).update({ reference, searchText: ordersSpec.searchOf!({ ...values, reference }) });
    const raw = await rawRow(tx.trx, 'orders', id);
    await audit(tx, 'orders.create', 'orders', id, null, raw);
    // DSP-12: nobody accepted 1 h before the start → the order expires.
    await scheduleDeadline(tx.trx, 'order_expiry', id, expiryAt(input.startsAt));
    // SCO-8: a new order can make this client a returning one for the partners who served them.
    const served = (await tx.trx('orders').distinct('partnerId').where({ clientId: client.id, status: 'completed' }).whereNotNull('partnerId').orderBy('partnerId')) as Pick<OrdersRow, 'partnerId'>[];
    for (const r of served) await recomputePartnerScoreIn(tx, num(r.partnerId));
    const proposal = await proposeNextIn(tx, orderView(raw));
    return { order: raw, proposal };
  });
}
