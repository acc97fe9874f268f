/**
 * Mediation cases (MED) as the demo's staff would have handled them: a written complaint
 * after a no-show, a late cancellation, a poor session or damage, and where it stands at
 * `now` by its age; the deadlines are the one computation of the live code
 * (`caseDeadlineColumns`, MED-5..7).
 */
import { caseDeadlineColumns } from '../../../shared/mediation/deadlines';
import { searchTextOf } from '../../../shared/text';
import { SIM_STAFF } from './rows';
import { audit, DAY, HOUR, iso, type OrderState, type Sim } from './state';

const COMPLAINTS = {
  no_show: 'Le professionnel ne s’est pas présenté au rendez-vous et ne m’a pas prévenu.',
  quality: 'Je ne suis pas satisfaite de la prestation : le résultat ne correspond pas à ce qui était prévu.',
  damage: 'Un objet a été cassé pendant l’intervention, je demande un dédommagement.',
  cancellation: 'Annulation tardive par le professionnel, j’avais pris ma matinée.',
};

/** A client's complaint about the order, written a few hours after `at` (nothing if that is after `now`). */
export function openCase(sim: Sim, o: OrderState, at: number, category: keyof typeof COMPLAINTS): void {
  const { rng, now } = sim;
  const id = sim.caseRows.length + 1;
  const complaintAt = at + rng.int(2, 48) * HOUR;
  if (complaintAt > now) return;
  const age = now - complaintAt;
  let status: string = 'open';
  let outcome: string | null = null;
  let refund: number | null = null;
  let referredAt: number | null = null;
  if (age > 5 * DAY) status = 'amicable';
  if (age > 25 * DAY) {
    const r = rng.next();
    if (r < 0.55) {
      status = 'closed';
      outcome = 'agreement';
      refund = rng.chance(0.5) ? o.service.priceCents : Math.round(o.service.priceCents / 2);
    } else if (r < 0.75) {
      status = 'resolved';
    } else if (r < 0.9) {
      status = 'referred';
      referredAt = complaintAt + rng.int(20, 60) * DAY;
      if (referredAt > now) {
        status = 'amicable';
        referredAt = null;
      }
    } else {
      status = 'closed';
      outcome = rng.chance(0.5) ? 'no_agreement' : 'withdrawn';
    }
  }
  const mediatorReceivedAt = referredAt ? Math.min(now, referredAt + 3 * DAY) : null;
  const mediatorNotifiedAt = referredAt && referredAt + 12 * DAY <= now ? referredAt + 12 * DAY : null;
  const reference = `M${String(id).padStart(6, '0')}`;
  sim.caseRows.push({
    id,
    reference,
    orderId: o.id,
    clientId: o.client.id,
    partnerId: o.partner?.id ?? null,
    category,
    status,
    writtenComplaintAt: iso(complaintAt),
    referredAt: iso(referredAt),
    mediatorReceivedAt: iso(mediatorReceivedAt),
    mediatorNotifiedAt: iso(mediatorNotifiedAt),
    // The platform answered with its first message to the parties (2 days after, below).
    answeredAt: status !== 'open' ? iso(complaintAt + 2 * DAY) : null,
    closedAt: status === 'closed' ? iso(Math.min(now, complaintAt + 20 * DAY)) : null,
    // MED-5..7: the one computation of the deadlines (answerDueAt, refusalDueAt, outcomeDueAt, nextDueAt…).
    ...caseDeadlineColumns({
      status,
      writtenComplaintAt: iso(complaintAt),
      answeredAt: status !== 'open' ? iso(complaintAt + 2 * DAY) : null,
      mediatorReceivedAt: iso(mediatorReceivedAt),
      mediatorNotifiedAt: iso(mediatorNotifiedAt),
    }),
    outcome,
    refundCents: refund,
    insuranceClaim: category === 'damage',
    assignedTo: SIM_STAFF.mediator,
    createdAt: iso(complaintAt),
    updatedAt: iso(Math.min(now, complaintAt + 3 * DAY)),
    version: 1,
    searchText: searchTextOf([reference]),
  });
  const ev = (dt: number, type: string, body: string, actorId: number | null) => {
    if (complaintAt + dt <= now) sim.caseEventRows.push({ caseId: id, at: iso(complaintAt + dt), actorId, type, body, fileId: null });
  };
  ev(0, 'message_in', `Réclamation écrite du client (courriel) : ${COMPLAINTS[category]}`, null);
  ev(HOUR, 'note', 'Dossier ouvert, commande et échanges vérifiés.', SIM_STAFF.mediator);
  if (status !== 'open') ev(2 * DAY, 'message_out', 'Nous avons contacté le professionnel pour recueillir sa version (MED-1).', SIM_STAFF.mediator);
  if (refund) ev(10 * DAY, 'proposal', `Proposition de remboursement : ${(refund / 100).toFixed(2).replace('.', ',')} €`, SIM_STAFF.mediator);
  if (outcome) ev(20 * DAY, 'decision', `Issue : ${outcome}`, SIM_STAFF.mediator);
  audit(sim, complaintAt, SIM_STAFF.mediator, 'cases.create', 'cases', id, { reference, orderId: o.id, category });
}
