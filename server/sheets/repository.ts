/**
 * The SQL of intervention sheets: one order with what its sheet prints (service,
 * client, partner), and a Paris day's accepted orders, read page after page so that a
 * batch of any size holds only one page of rows in memory.
 */
import { toBool } from '../data/rows';
import type { ClientsRow, OrdersRow, PartnersRow, ServicesRow } from '../data/tables';
import type { Knex } from 'knex';
import type { OrderStatus, Vertical } from '../../shared/domain';
import { parisDayBounds } from '../../shared/calendar/paris';
import { AppError } from '../http/errors';
import { parseId } from '../data/getOne';
import { ordersSpec } from '../marketplace/specs';
import type { SheetOrder } from './sheetText';

const COLUMNS = [
  'orders.id',
  'orders.reference',
  'orders.status',
  'orders.startsAt',
  'orders.endsAt',
  'orders.priceCents',
  'orders.address',
  'orders.postcode',
  'orders.city',
  'orders.immediateAdvance',
  'orders.serviceCode',
  'services.name as serviceName',
  'services.vertical as serviceVertical',
  'services.durationMin as serviceDurationMin',
  'clients.reference as clientReference',
  'clients.firstName as clientFirstName',
  'clients.lastName as clientLastName',
  'clients.deletedAt as clientDeletedAt',
  'partners.reference as partnerReference',
  'partners.firstName as partnerFirstName',
  'partners.lastName as partnerLastName',
  'partners.siren as partnerSiren',
] as const;

/** A row of COLUMNS: the order's own columns, then its service's, client's and (left-joined, so maybe null) partner's under their aliases. */
type SheetRow = Pick<OrdersRow, 'id' | 'reference' | 'status' | 'startsAt' | 'endsAt' | 'priceCents' | 'address' | 'postcode' | 'city' | 'immediateAdvance' | 'serviceCode'> & {
  serviceName: ServicesRow['name'];
  serviceVertical: ServicesRow['vertical'];
  serviceDurationMin: ServicesRow['durationMin'];
  clientReference: ClientsRow['reference'];
  clientFirstName: ClientsRow['firstName'];
  clientLastName: ClientsRow['lastName'];
  clientDeletedAt: ClientsRow['deletedAt'];
  partnerReference: PartnersRow['reference'] | null;
  partnerFirstName: PartnersRow['firstName'] | null;
  partnerLastName: PartnersRow['lastName'] | null;
  partnerSiren: PartnersRow['siren'] | null;
};

function sheetQuery(db: Knex): Knex.QueryBuilder {
  return db('orders')
    .join('services', 'services.id', 'orders.serviceCode')
    .join('clients', 'clients.id', 'orders.clientId')
    .leftJoin('partners', 'partners.id', 'orders.partnerId')
    .select(...COLUMNS);
}

const iso = (raw: unknown): string => (raw instanceof Date ? raw.toISOString() : new Date(String(raw)).toISOString());
const str = (raw: unknown): string | null => (raw === null || raw === undefined ? null : String(raw));

function toSheetOrder(r: SheetRow): SheetOrder {
  return {
    id: Number(r.id),
    reference: String(r.reference),
    status: r.status as OrderStatus,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    priceCents: Number(r.priceCents),
    address: str(r.address),
    postcode: str(r.postcode),
    city: str(r.city),
    immediateAdvance: toBool(r.immediateAdvance),
    service: { code: String(r.serviceCode), name: String(r.serviceName), vertical: r.serviceVertical as Vertical, durationMin: Number(r.serviceDurationMin) },
    client: { reference: String(r.clientReference), firstName: str(r.clientFirstName), lastName: str(r.clientLastName), deleted: r.clientDeletedAt != null },
    partner:
      r.partnerReference == null
        ? null
        : { reference: String(r.partnerReference), firstName: String(r.partnerFirstName ?? ''), lastName: String(r.partnerLastName ?? ''), siren: str(r.partnerSiren) },
  };
}

/** One order's sheet data; 404 when there is no such order. */
export async function loadSheetOrder(db: Knex, rawId: string): Promise<SheetOrder> {
  const id = parseId(ordersSpec, rawId);
  const row = await sheetQuery(db).where('orders.id', id).first();
  if (!row) throw AppError.notFound('Commande', rawId);
  return toSheetOrder(row as SheetRow);
}

/** A day's sheets: the accepted orders starting on `date` (Europe/Paris), optionally one partner's, one city's, one service's. */
export interface DayFilter {
  date: string;
  partnerId?: number;
  city?: string;
  serviceCode?: string;
}

/** The UTC instants bounding a Paris calendar day, as the database compares them: [start, end). */
function dayBoundsIso(date: string): { start: string; end: string } {
  const { start, end } = parisDayBounds(date);
  return { start: start.toISOString(), end: end.toISOString() };
}

function dayQuery(db: Knex, filter: DayFilter): Knex.QueryBuilder {
  const { start, end } = dayBoundsIso(filter.date);
  // Upcoming appointments are the accepted orders (DSP-6); cancelled, expired or
  // still-dispatching requests are not printed in a day's batch.
  const qb = sheetQuery(db).where('orders.status', 'accepted').where('orders.startsAt', '>=', start).where('orders.startsAt', '<', end);
  if (filter.partnerId !== undefined) qb.where('orders.partnerId', filter.partnerId);
  if (filter.city !== undefined) qb.where('orders.city', filter.city);
  if (filter.serviceCode !== undefined) qb.where('orders.serviceCode', filter.serviceCode);
  return qb;
}

export async function countDayOrders(db: Knex, filter: DayFilter): Promise<number> {
  const { start, end } = dayBoundsIso(filter.date);
  const qb = db('orders').where('status', 'accepted').where('startsAt', '>=', start).where('startsAt', '<', end);
  if (filter.partnerId !== undefined) qb.where('partnerId', filter.partnerId);
  if (filter.city !== undefined) qb.where('city', filter.city);
  if (filter.serviceCode !== undefined) qb.where('serviceCode', filter.serviceCode);
  const row = await qb.count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * The day's orders by start time (then id), fetched `pageSize` at a time with a keyset
 * cursor: each page is one short query, so the single SQLite connection is never held
 * while the PDF is being written.
 */
export async function* dayOrders(db: Knex, filter: DayFilter, pageSize = 100): AsyncGenerator<SheetOrder> {
  let cursor: { startsAt: string; id: number } | null = null;
  for (;;) {
    const qb = dayQuery(db, filter);
    if (cursor) {
      const c = cursor;
      qb.where((w) => w.where('orders.startsAt', '>', c.startsAt).orWhere((x) => x.where('orders.startsAt', c.startsAt).where('orders.id', '>', c.id)));
    }
    const rows = (await qb.orderBy('orders.startsAt', 'asc').orderBy('orders.id', 'asc').limit(pageSize)) as SheetRow[];
    for (const row of rows) yield toSheetOrder(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    cursor = { startsAt: iso(last.startsAt), id: Number(last.id) };
  }
}
