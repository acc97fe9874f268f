/**
 * The live engine's reads: typed views of the rows it decides on (orders, proposals,
 * partners, clients, services, limitations), identical on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import type { LimitationModality, OrderStatus, PartnerStatus, ProposalAnswer, Vertical, WeeklySlot } from '../../../shared/domain';
import { restrictsDispatch } from '../eligibility';
import { DEFAULT_PLATFORM_MEAN } from '../score';
import { EngineError } from './errors';
import { iso, num, numOrNull, toBool, toDate, toDateOrNull } from '../../data/rows';
import type { ClientsRow, EngineStateRow, LimitationsRow, OrdersRow, PartnersRow, ProposalsRow, ServicesRow } from '../../data/tables';
import { lockable, type Tx } from '../../data/transaction';

export interface OrderView {
  id: number;
  reference: string;
  clientId: number;
  partnerId: number | null;
  serviceCode: string;
  startsAt: Date;
  endsAt: Date;
  status: OrderStatus;
  priceCents: number;
  partnerPayCents: number;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
  acceptedAt: Date | null;
  immediateAdvance: boolean;
  version: number;
}

export interface ProposalView {
  id: number;
  orderId: number;
  partnerId: number;
  rank: number;
  sentAt: Date;
  deadlineAt: Date;
  answer: ProposalAnswer | null;
  answeredAt: Date | null;
  proposedStartsAt: Date | null;
  clientAnswer: 'accepted' | 'declined' | null;
}

export interface ServiceView {
  id: string;
  vertical: Vertical;
  durationMin: number;
  priceCents: number;
  partnerPayCents: number;
}

export interface ClientView {
  id: number;
  reference: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  deletedAt: Date | null;
}

/** The partner columns the engine decides on (a full row, or a select of these). */
export type PartnerViewColumns = Pick<PartnersRow, 'id' | 'status' | 'services' | 'lat' | 'lng' | 'radiusKm' | 'weeklyHours' | 'score' | 'fileIncompleteSince'>;

export interface PartnerView {
  id: number;
  status: PartnerStatus;
  services: string[];
  lat: number | null;
  lng: number | null;
  radiusKm: number;
  weeklyHours: WeeklySlot[];
  score: number | null;
  fileIncompleteSince: string | null;
}

function parseJsonList<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value !== 'string' || value === '') return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

export function orderView(r: OrdersRow): OrderView {
  return {
    id: num(r.id),
    reference: r.reference,
    clientId: num(r.clientId),
    partnerId: numOrNull(r.partnerId),
    serviceCode: r.serviceCode,
    startsAt: toDate(r.startsAt),
    endsAt: toDate(r.endsAt),
    status: r.status as OrderStatus,
    priceCents: num(r.priceCents),
    partnerPayCents: num(r.partnerPayCents),
    lat: numOrNull(r.lat),
    lng: numOrNull(r.lng),
    createdAt: toDate(r.createdAt),
    acceptedAt: toDateOrNull(r.acceptedAt),
    immediateAdvance: toBool(r.immediateAdvance),
    version: num(r.version ?? 1),
  };
}

export function proposalView(r: ProposalsRow): ProposalView {
  return {
    id: num(r.id),
    orderId: num(r.orderId),
    partnerId: num(r.partnerId),
    rank: num(r.rank),
    sentAt: toDate(r.sentAt),
    deadlineAt: toDate(r.deadlineAt),
    answer: r.answer as ProposalAnswer | null,
    answeredAt: toDateOrNull(r.answeredAt),
    proposedStartsAt: toDateOrNull(r.proposedStartsAt),
    clientAnswer: r.clientAnswer as 'accepted' | 'declined' | null,
  };
}

export function partnerView(r: PartnerViewColumns): PartnerView {
  return {
    id: num(r.id),
    status: r.status as PartnerStatus,
    services: parseJsonList<string>(r.services),
    lat: numOrNull(r.lat),
    lng: numOrNull(r.lng),
    radiusKm: num(r.radiusKm),
    weeklyHours: parseJsonList<WeeklySlot>(r.weeklyHours),
    score: numOrNull(r.score),
    fileIncompleteSince: r.fileIncompleteSince === null ? null : iso(toDate(r.fileIncompleteSince)),
  };
}

/** The raw row (for the response and the audit trail). */
export async function loadOrder(tx: Tx, id: number, opts: { lock?: boolean } = {}): Promise<{ raw: OrdersRow; order: OrderView }> {
  const qb = tx.trx<OrdersRow>('orders').where('id', id).first();
  const raw: OrdersRow | undefined = await (opts.lock ? lockable(tx, qb) : qb);
  if (!raw) throw EngineError.notFound('Commande', id, 'Order');
  return { raw, order: orderView(raw) };
}

export async function loadProposal(tx: Tx, id: number): Promise<{ raw: ProposalsRow; proposal: ProposalView }> {
  const raw = await tx.trx<ProposalsRow>('proposals').where('id', id).first();
  if (!raw) throw EngineError.notFound('Proposition', id, 'Proposal');
  return { raw, proposal: proposalView(raw) };
}

export async function loadService(tx: Tx, code: string): Promise<ServiceView> {
  const r = await tx.trx<ServicesRow>('services').where('id', code).first();
  if (!r) throw EngineError.notFound('Service', code, 'Service');
  return { id: r.id, vertical: r.vertical as Vertical, durationMin: num(r.durationMin), priceCents: num(r.priceCents), partnerPayCents: num(r.partnerPayCents) };
}

export async function loadClient(tx: Tx, id: number, opts: { lock?: boolean } = {}): Promise<{ raw: ClientsRow; client: ClientView }> {
  const qb = tx.trx<ClientsRow>('clients').where('id', id).first();
  const raw: ClientsRow | undefined = await (opts.lock ? lockable(tx, qb) : qb);
  if (!raw) throw EngineError.notFound('Client', id, 'Client');
  return {
    raw,
    client: {
      id: num(raw.id),
      reference: raw.reference,
      lat: numOrNull(raw.lat),
      lng: numOrNull(raw.lng),
      address: raw.address,
      postcode: raw.postcode,
      city: raw.city,
      deletedAt: toDateOrNull(raw.deletedAt),
    },
  };
}

/** A client whose account was deleted (CLI-2) can no longer book, review, message or favourite. */
export function assertClientActive(client: ClientView): void {
  if (client.deletedAt) {
    throw EngineError.invalidState(`Le compte du client ${client.reference} a été supprimé. / This client account was deleted.`, { clientId: client.id });
  }
}

export async function loadPartner(tx: Tx, id: number, opts: { lock?: boolean } = {}): Promise<PartnerView> {
  const qb = tx.trx<PartnersRow>('partners').where('id', id).first();
  const raw: PartnersRow | undefined = await (opts.lock ? lockable(tx, qb) : qb);
  if (!raw) throw EngineError.notFound('Partenaire', id, 'Partner');
  return partnerView(raw);
}

/** rule LIM-7: the modalities of the partners' limitations that restrict dispatch at `now`. */
export async function restrictingModalities(tx: Tx, partnerIds: readonly number[]): Promise<Map<number, LimitationModality[]>> {
  const out = new Map<number, LimitationModality[]>();
  if (partnerIds.length === 0) return out;
  const statuses = ['active', 'awaiting_review', 'termination_pending'].filter((s) => restrictsDispatch(s as never));
  for (let i = 0; i < partnerIds.length; i += 500) {
    const rows = await tx.trx<LimitationsRow>('limitations')
      .select('partnerId', 'modality')
      .whereIn('partnerId', partnerIds.slice(i, i + 500))
      .whereIn('status', statuses)
      .where('startsAt', '<=', iso(tx.now));
    for (const r of rows) {
      const id = num(r.partnerId);
      out.set(id, [...(out.get(id) ?? []), r.modality as LimitationModality]);
    }
  }
  return out;
}

/** rule SCO-6: the platform mean of the last daily recompute (engineState), else from the stored scores, else the default. */
export async function platformMean(trx: Knex | Knex.Transaction): Promise<number> {
  const row = await trx<EngineStateRow>('engineState').where('key', 'platformMean').first();
  if (row) {
    const value = Number(row.value);
    if (Number.isFinite(value)) return value;
  }
  const details = await trx<PartnersRow>('partners').select('scoreDetails').where('completedSessions', '>=', 20).whereNotNull('scoreDetails').first();
  if (details?.scoreDetails) {
    const parsed = (typeof details.scoreDetails === 'string' ? JSON.parse(details.scoreDetails) : details.scoreDetails) as { platformMean?: unknown };
    if (typeof parsed.platformMean === 'number') return parsed.platformMean;
  }
  return DEFAULT_PLATFORM_MEAN;
}

export async function setEngineState(trx: Knex | Knex.Transaction, key: string, value: string, now: Date): Promise<void> {
  await trx('engineState').insert({ key, value, updatedAt: iso(now) }).onConflict('key').merge(['value', 'updatedAt']);
}
