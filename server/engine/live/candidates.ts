/**
 * Who may receive the next proposal of an order, best first (rules DSP-1, DSP-4, DSP-7..10,
 * LIM-2, LIM-5, LIM-7, REF-8): the database narrows to the active partners offering the
 * service inside a bounding box of the largest radius around the client (an index on
 * partners(lat, lng), never a scan of every partner); the engine's pure core decides —
 * `isEligible` on each, then `rankCandidates`.
 */
import type { FavouritesRow, OrdersRow, PartnersRow } from '../../data/tables';
import { heldForIncompleteFile } from '../../../shared/verification/requirements';
import { isEligible, parisSlotOf, rankCandidates, type EligibilityOrder, type Session } from '../dispatch';
import { EARTH_RADIUS_KM } from '../geo';
import { TRAVEL_MARGIN_MS } from '../eligibility';
import { partnerView, platformMean, restrictingModalities, type PartnerViewColumns } from './repository';
import { chunks } from '../../data/bulk';
import { iso, num, toDate } from '../../data/rows';
import type { Tx } from '../../data/transaction';

export interface DispatchOrder {
  id?: number;
  clientId: number;
  serviceCode: string;
  startsAt: Date;
  endsAt: Date;
  lat: number;
  lng: number;
}

export interface Candidate {
  partnerId: number;
  favourite: boolean;
  demoted: boolean;
  score: number | null;
  distanceKm: number;
  existingClient: boolean;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  /** null when the box spans every longitude (near a pole or across the antimeridian). */
  minLng: number | null;
  maxLng: number | null;
}

const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_KM) / 360;

/** A box that contains every point within `radiusKm` (great-circle) of (lat, lng), with a little slack. */
export function boundingBox(lat: number, lng: number, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE + 1e-6;
  const minLat = lat - dLat;
  const maxLat = lat + dLat;
  if (minLat <= -90 || maxLat >= 90) return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), minLng: null, maxLng: null };
  // The widest longitude span is at the latitude nearest a pole inside the box.
  const cos = Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180);
  const dLng = radiusKm / (KM_PER_DEGREE * cos) + 1e-6;
  if (dLng >= 180 || lng - dLng < -180 || lng + dLng > 180) return { minLat, maxLat, minLng: null, maxLng: null };
  return { minLat, maxLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** The largest radius among active partners (an index on partners(status, radiusKm) answers it). */
async function largestRadiusKm(tx: Tx): Promise<number | null> {
  const row = (await tx.trx('partners').where('status', 'active').max({ r: 'radiusKm' }).first()) as { r: number | null } | undefined;
  return row?.r === null || row?.r === undefined ? null : num(row.r);
}

/**
 * rules DSP-9 / DSP-10: the eligible partners for `order`, ranked; `exclude` are the
 * partners already solicited for it (a partner receives an order once).
 */
export async function rankedCandidates(tx: Tx, order: DispatchOrder, exclude: ReadonlySet<number> = new Set()): Promise<Candidate[]> {
  const radius = await largestRadiusKm(tx);
  if (radius === null) return [];
  const box = boundingBox(order.lat, order.lng, radius);
  const q = tx.trx('partners as p')
    .join('partnerServices as ps', 'ps.partnerId', 'p.id')
    .select('p.id', 'p.status', 'p.services', 'p.lat', 'p.lng', 'p.radiusKm', 'p.weeklyHours', 'p.score', 'p.fileIncompleteSince')
    .where('ps.serviceCode', order.serviceCode)
    .where('p.status', 'active')
    .whereBetween('p.lat', [box.minLat, box.maxLat]);
  if (box.minLng !== null && box.maxLng !== null) q.whereBetween('p.lng', [box.minLng, box.maxLng]);
  const partners = ((await q) as PartnerViewColumns[])
    .map(partnerView)
    .filter((p) => !exclude.has(p.id) && p.lat !== null && p.lng !== null)
    // REF-8 / VER-6: an incomplete file past its grace period is offered no new orders.
    .filter((p) => !heldForIncompleteFile({ status: p.status, fileIncompleteSince: p.fileIncompleteSince }, tx.now));
  if (partners.length === 0) return [];
  const ids = partners.map((p) => p.id);

  // The partners' accepted sessions that could collide with the order (travel margin included).
  const sessions = new Map<number, Session[]>();
  const existing = new Set<number>();
  for (const part of chunks(ids)) {
    const rows = (await tx.trx<OrdersRow>('orders')
      .select('id', 'partnerId', 'startsAt', 'endsAt')
      .whereIn('partnerId', part)
      .where('status', 'accepted')
      .where('startsAt', '<', iso(new Date(order.endsAt.getTime() + TRAVEL_MARGIN_MS)))
      .where('endsAt', '>', iso(new Date(order.startsAt.getTime() - TRAVEL_MARGIN_MS))));
    for (const r of rows) {
      const pid = num(r.partnerId);
      sessions.set(pid, [...(sessions.get(pid) ?? []), { orderId: num(r.id), startsAt: toDate(r.startsAt), endsAt: toDate(r.endsAt) }]);
    }
    // LIM-2: "existing client" = a completed session together.
    const served = (await tx.trx('orders').distinct('partnerId').where('clientId', order.clientId).where('status', 'completed').whereIn('partnerId', part)) as Pick<OrdersRow, 'partnerId'>[];
    for (const r of served) existing.add(num(r.partnerId));
  }
  const favourites = new Set((await tx.trx<FavouritesRow>('favourites').select('partnerId').where('clientId', order.clientId)).map((r) => num(r.partnerId)));
  const limitations = await restrictingModalities(tx, ids);

  const eligibilityOrder: EligibilityOrder = {
    id: order.id,
    clientId: order.clientId,
    serviceCode: order.serviceCode,
    startsAt: order.startsAt,
    endsAt: order.endsAt,
    lat: order.lat,
    lng: order.lng,
    parisSlot: parisSlotOf(order.startsAt, order.endsAt),
  };
  const eligible: Candidate[] = [];
  for (const p of partners) {
    const verdict = isEligible(
      { id: p.id, status: p.status, services: p.services, lat: p.lat!, lng: p.lng!, radiusKm: p.radiusKm, weeklyHours: p.weeklyHours, limitations: limitations.get(p.id) ?? [] },
      eligibilityOrder,
      { acceptedSessions: sessions.get(p.id) ?? [], existingClient: existing.has(p.id) },
    );
    if (verdict.eligible) {
      eligible.push({ partnerId: p.id, favourite: favourites.has(p.id), demoted: verdict.demoted, score: p.score, distanceKm: verdict.distanceKm, existingClient: existing.has(p.id) });
    }
  }
  return rankCandidates(eligible, { platformMean: await platformMean(tx.trx) });
}

export type StillEligibleVerdict = null | 'not_active' | 'file_incomplete' | 'existing_clients_only' | 'slot_taken';

/**
 * At acceptance (DSP-6, DSP-12): the partner who answered is still active, still allowed to
 * serve this client (a limitation may have started meanwhile, LIM-2) and still free at the
 * (possibly moved) time — another order may have been accepted meanwhile (DSP-9). Zone and
 * weekly hours are not checked again: the partner chose to accept, or proposed the slot.
 */
export async function stillEligible(tx: Tx, partnerId: number, order: DispatchOrder): Promise<StillEligibleVerdict> {
  const row = await tx.trx<PartnersRow>('partners').select('id', 'status', 'services', 'lat', 'lng', 'radiusKm', 'weeklyHours', 'score', 'fileIncompleteSince').where('id', partnerId).first();
  if (!row) return 'not_active';
  const p = partnerView(row);
  if (p.status !== 'active') return 'not_active';
  if (heldForIncompleteFile({ status: p.status, fileIncompleteSince: p.fileIncompleteSince }, tx.now)) return 'file_incomplete';
  const modalities = (await restrictingModalities(tx, [partnerId])).get(partnerId) ?? [];
  if (modalities.includes('existing_clients_only')) {
    const served = await tx.trx('orders').where({ clientId: order.clientId, partnerId, status: 'completed' }).first('id');
    if (!served) return 'existing_clients_only';
  }
  const q = tx.trx('orders')
    .first('id')
    .where({ partnerId, status: 'accepted' })
    .where('startsAt', '<', iso(new Date(order.endsAt.getTime() + TRAVEL_MARGIN_MS)))
    .where('endsAt', '>', iso(new Date(order.startsAt.getTime() - TRAVEL_MARGIN_MS)));
  if (order.id !== undefined) q.whereNot('id', order.id);
  if (await q) return 'slot_taken';
  return null;
}
