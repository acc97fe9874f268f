/**
 * The simulator's state as database rows (instants as ISO text, JSON as text): one builder
 * per table. The payments of an order are the core's `paymentSchedule` (PAY-3, PAY-5, PAY-6),
 * the partner's limitation the stricter of its restricting ones (LIM-7, limitations.ts).
 */
import { paymentSchedule } from '../money';
import { searchTextOf } from '../../../shared/text';
import { effective } from './limitations';
import type { SimClient } from './population';
import { SIM_STAFF, type Row } from './rows';
import { DAY, iso, type LimitationState, type OrderState, type PartnerState, type ProposalState } from './state';

export function partnerRow(s: PartnerState, platformMean: number, now: number): Row {
  const p = s.p;
  const active = s.status === 'active' && p.activeFrom !== null;
  const row = {
    id: p.id,
    reference: p.reference,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    birthDate: p.birthDate,
    address: p.address,
    postcode: p.postcode,
    city: p.city,
    lat: p.lat,
    lng: p.lng,
    siren: p.siren,
    iban: p.iban,
    vertical: p.vertical,
    services: JSON.stringify(p.services),
    radiusKm: p.radiusKm,
    weeklyHours: JSON.stringify(p.weeklyHours),
    status: s.status,
    assignedTo: s.status === 'in_review' ? SIM_STAFF.support : null,
    limitation: active ? effective(s) : null,
    // SCO-6: partners not yet active have no score; active ones the real score or the platform mean.
    score: active ? s.score : null,
    scoreDetails: active && s.breakdown ? JSON.stringify({ ...s.breakdown, platformMean, computedAt: new Date(now).toISOString() }) : null,
    completedSessions: s.completedAll,
    payoutFrequency: p.payoutFrequency,
    createdAt: iso(p.createdAt),
    updatedAt: iso(Math.min(now, Math.max(p.createdAt, p.activeFrom ?? p.createdAt))),
    version: 1,
  };
  return { ...row, searchText: searchTextOf([row.reference, row.firstName, row.lastName, row.email, row.phone, row.postcode, row.city, row.siren]) };
}

export function clientRow(c: SimClient, now: number): Row {
  const row = {
    id: c.id,
    reference: c.reference,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    address: c.address,
    postcode: c.postcode,
    city: c.city,
    lat: c.lat,
    lng: c.lng,
    createdAt: iso(Math.min(c.createdAt, now)),
    deletedAt: null,
  };
  return { ...row, searchText: searchTextOf([row.reference, row.firstName, row.lastName, row.email, row.phone, row.postcode, row.city]) };
}

/** An order's row, and its payments pushed to `payments`. */
export function orderRow(o: OrderState, now: number, payments: Row[]): Row {
  const reference = `R${String(o.id).padStart(7, '0')}`;
  const care = o.service.vertical === 'care';
  if (o.acceptedAt !== null) {
    // PAY-3 / PAY-5 / PAY-6: what is due, and done when its time has come before any cancellation.
    const stop = o.cancelledAt ?? (o.status === 'no_show' ? o.start : Infinity);
    for (const p of paymentSchedule({ priceCents: o.service.priceCents, startsAt: o.startsAtDate, endsAt: new Date(o.end) }, o.service.vertical, care && o.client.immediateAdvance, new Date(o.acceptedAt))) {
      const due = p.dueAt.getTime();
      if (p.kind !== 'preauth' && (o.status !== 'completed' && o.status !== 'accepted')) continue;
      payments.push({ orderId: o.id, kind: p.kind, amountCents: p.amountCents, dueAt: iso(due), doneAt: due <= now && due <= stop ? iso(due) : null });
    }
  }
  return {
    id: o.id,
    reference,
    clientId: o.client.id,
    partnerId: o.partner?.id ?? null,
    serviceCode: o.service.id,
    startsAt: iso(o.start),
    endsAt: iso(o.end),
    status: o.status,
    priceCents: o.service.priceCents,
    partnerPayCents: o.service.partnerPayCents,
    address: o.client.address,
    postcode: o.client.postcode,
    city: o.client.city,
    lat: o.client.lat,
    lng: o.client.lng,
    immediateAdvance: care && o.client.immediateAdvance,
    createdAt: iso(o.createdAt),
    acceptedAt: iso(o.acceptedAt),
    cancelledAt: iso(o.cancelledAt),
    completedAt: iso(o.completedAt),
    sheetSignedAt: o.status === 'completed' && o.id % 5 === 0 ? iso(o.end + DAY) : null,
    version: 1,
    searchText: searchTextOf([reference, o.client.city, o.client.postcode]),
  };
}

export function proposalRow(p: ProposalState): Row {
  return {
    id: p.id,
    orderId: p.order.id,
    partnerId: p.partner.id,
    rank: p.rank,
    sentAt: p.sentAt.toISOString(),
    deadlineAt: p.deadlineAt.toISOString(),
    answer: p.answer,
    answeredAt: p.answeredAt?.toISOString() ?? null,
    proposedStartsAt: p.proposedStartsAt?.toISOString() ?? null,
    score: p.score,
    distanceKm: p.distanceKm,
    clientAnswer: p.clientAnswer,
    clientAnsweredAt: p.clientAnsweredAt?.toISOString() ?? null,
  };
}

export function limitationRow(l: LimitationState): Row {
  return {
    id: l.id,
    partnerId: l.partnerId,
    kind: l.kind,
    reason: l.reason,
    modality: l.modality,
    startsAt: iso(l.startsAt),
    endsAt: iso(l.endsAt),
    status: l.status,
    note: l.note,
    evidence: JSON.stringify(l.evidence),
    createdBy: l.createdBy,
    terminationRequestedBy: l.terminationRequestedBy,
    liftedAt: iso(l.liftedAt),
    liftedBy: l.liftedBy,
    createdAt: iso(l.startsAt),
    updatedAt: iso(l.updatedAt),
    version: 1,
  };
}
