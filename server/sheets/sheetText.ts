/**
 * Every word printed on an intervention sheet, as a pure function of the order's data
 * (rule SHEET-1): the renderer only places these strings. Kept apart so that the
 * wording is tested without a PDF, and so that the HTML version the benchmark prints
 * with Chromium shows exactly the same text.
 *
 * SHEET-1 (DOMAIN.md, from the client-space guide): two parts —
 * - the employer part (the seed's name for the client's part): the platform's identity
 *   and contact, the client's details, the provider by name, partner reference and
 *   SIREN (CON-1: never the partner's personal phone or email), the request number,
 *   the date, start and end time, the address, the service and its details, the price,
 *   observations, and two signature spaces (client, provider);
 * - the provider part, a detachable coupon: the request number, the date of the
 *   intervention, the type of service, and two signature spaces.
 * SHEET-3 (assumed): neither party's personal phone or e-mail is printed — the client's
 * details are their name, client reference and the intervention address; all contact
 * goes through the platform (CON-1).
 */
import type { OrderStatus, Vertical } from '../../shared/domain';
import { formatEuros } from '../../shared/euros';
import { formatSiren } from '../pdf/safeText';
import { companyFor, type CompanyIdentity } from './companies';
import { parisClock, parisDayInLetters, parisStamp } from '../../shared/calendar/parisFormat';

/** What a sheet needs to know about an order (loaded by the repository). */
export interface SheetOrder {
  id: number;
  reference: string;
  status: OrderStatus;
  /** ISO instants (UTC). */
  startsAt: string;
  endsAt: string;
  priceCents: number;
  address: string | null;
  postcode: string | null;
  city: string | null;
  immediateAdvance: boolean;
  service: { code: string; name: string; vertical: Vertical; durationMin: number };
  client: { reference: string; firstName: string | null; lastName: string | null; deleted: boolean };
  /** Null while nobody has accepted the request (a pending request's provisional sheet). */
  partner: { reference: string; firstName: string; lastName: string; siren: string | null } | null;
}

export interface Field {
  label: string;
  value: string;
}

export interface SignatureSpace {
  label: string;
  hint: string;
}

export interface SheetText {
  /** PDF metadata. */
  meta: { title: string; subject: string; author: string };
  company: { name: string; lines: string[]; legal: string; demoNote: string | null };
  title: string;
  requestLabel: string;
  requestNumber: string;
  employer: {
    partLabel: string;
    partHint: string;
    statusNote: string | null;
    client: { title: string; fields: Field[] };
    provider: { title: string; fields: Field[] };
    intervention: { title: string; fields: Field[]; address: Field; service: Field; price: Field };
    observations: { title: string; hint: string };
    signatures: [SignatureSpace, SignatureSpace];
    footer: string[];
  };
  cutLabel: string;
  coupon: {
    title: string;
    hint: string;
    requestNumber: Field;
    date: Field;
    service: Field;
    provider: Field;
    signatures: [SignatureSpace, SignatureSpace];
  };
  issued: string;
}


const NBSP = '\u00a0';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `samedi 21 novembre 2026` → `Samedi 21 novembre 2026` (Paris calendar). */
export function longParisDate(iso: string): string {
  return capitalise(parisDayInLetters(new Date(iso), { weekday: true }));
}

/** A Paris business date `2026-11-22` as words inside a sentence: `dimanche 22 novembre 2026`. */
export function dayInWords(date: string): string {
  // Noon UTC falls on the same calendar day in Paris (UTC+1 or +2).
  return parisDayInLetters(new Date(`${date}T12:00:00Z`), { weekday: true });
}

/** `21/11/2026` (Paris calendar). */
export function shortParisDate(iso: string | Date): string {
  return parisStamp(typeof iso === 'string' ? new Date(iso) : iso).slice(0, 10);
}

/** `09:30` (Paris wall clock). */
export function parisTime(iso: string): string {
  return parisClock(new Date(iso));
}

/** `45 min`, `1 h`, `2 h 30` — with no-break spaces. */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m}${NBSP}min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}` : `${h}${NBSP}h`;
}

const VERTICAL_LABEL: Record<Vertical, string> = { wellness: 'Bien-être à domicile', care: 'Services à la personne' };

const STATUS_NOTE: Partial<Record<OrderStatus, string>> = {
  dispatching: 'Demande en attente de réponse d’un intervenant : fiche provisoire.',
  expired: 'Demande expirée : aucun intervenant ne l’a acceptée.',
  cancelled_by_client: 'Intervention annulée par le client.',
  cancelled_by_partner: 'Intervention annulée par l’intervenant.',
  no_show: 'Intervention non réalisée : absence de l’intervenant.',
};

export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
}

function clientName(order: SheetOrder): string {
  if (order.client.deleted) return 'Client ayant supprimé son compte';
  return personName(order.client.firstName, order.client.lastName) || 'Client';
}

function addressOf(order: SheetOrder): string {
  const street = (order.address ?? '').trim();
  const town = [order.postcode, order.city].map((s) => (s ?? '').trim()).filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ') || 'Adresse non renseignée';
}

function companyBlock(company: CompanyIdentity): SheetText['company'] {
  const legal = [`${company.legalName} · SIREN ${formatSiren(company.siren)}`, company.sapDeclaration ? `Déclaration SAP n°${NBSP}${company.sapDeclaration}` : null]
    .filter(Boolean)
    .join(' · ');
  return {
    name: company.platform,
    lines: [company.addressLines.join(', '), `Tél. ${company.phone.replace(/ /g, NBSP)} · ${company.email}`],
    legal,
    demoNote: company.demo ? 'Coordonnées de démonstration' : null,
  };
}

/**
 * The sheet's text. `issuedAt` is the document's creation date (printed in the footer
 * and written in the PDF's metadata).
 */
export function sheetText(order: SheetOrder, issuedAt: Date): SheetText {
  const company = companyFor(order.service.vertical);
  const client = clientName(order);
  const provider = order.partner ? personName(order.partner.firstName, order.partner.lastName) : 'À attribuer';
  const date = longParisDate(order.startsAt);
  const hours = `${parisTime(order.startsAt)} – ${parisTime(order.endsAt)}`;
  const minutes = (Date.parse(order.endsAt) - Date.parse(order.startsAt)) / 60_000;
  const serviceDetails = [VERTICAL_LABEL[order.service.vertical], `durée prévue ${formatDuration(minutes)}`];
  if (order.service.vertical === 'care' && order.immediateAdvance) serviceDetails.push('avance immédiate de crédit d’impôt (URSSAF)');
  const contact = `via ${company.platform}, ${company.phone.replace(/ /g, NBSP)}`;

  return {
    meta: {
      title: `Fiche d’intervention ${order.reference}`,
      subject: `Demande ${order.reference} — ${order.service.name} — ${shortParisDate(order.startsAt)}`,
      author: company.legalName,
    },
    company: companyBlock(company),
    title: 'Fiche d’intervention',
    requestLabel: 'Demande n°',
    requestNumber: order.reference,
    employer: {
      partLabel: 'Partie employeur',
      partHint: 'À conserver par le client',
      statusNote: STATUS_NOTE[order.status] ?? null,
      client: {
        title: 'Le client (employeur)',
        fields: [
          { label: 'Nom', value: client },
          { label: 'Référence client', value: order.client.reference },
        ],
      },
      provider: {
        title: 'L’intervenant',
        fields: [
          { label: 'Nom', value: provider },
          { label: 'Référence partenaire', value: order.partner?.reference ?? '—' },
          { label: 'SIREN', value: order.partner?.siren ? formatSiren(order.partner.siren) : '—' },
          { label: 'Contact', value: contact },
        ],
      },
      intervention: {
        title: 'L’intervention',
        fields: [
          { label: 'Date', value: date },
          { label: 'Horaire', value: hours },
          { label: 'Durée', value: formatDuration(minutes) },
        ],
        address: { label: 'Adresse d’intervention', value: addressOf(order) },
        service: { label: 'Prestation', value: `${order.service.name} — ${serviceDetails.join(', ')}` },
        price: { label: 'Prix TTC', value: formatEuros(order.priceCents) },
      },
      observations: { title: 'Observations', hint: 'Remarques du client ou de l’intervenant sur le déroulement de l’intervention.' },
      signatures: [
        { label: 'Signature du client', hint: 'Date, puis « Bon pour accord »' },
        { label: 'Signature de l’intervenant', hint: 'Date et signature' },
      ],
      footer: [
        `L’intervenant ne communique ni ses tarifs ni ses coordonnées personnelles : pour toute question, contactez ${company.platform} (${company.email}).`,
      ],
    },
    cutLabel: 'Coupon détachable — partie intervenant',
    coupon: {
      title: 'Coupon intervenant',
      hint: 'Partie intervenant — à détacher, signer et conserver',
      requestNumber: { label: 'N° de la demande', value: order.reference },
      date: { label: 'Date de l’intervention', value: `${date}, ${hours}` },
      service: { label: 'Type de prestation', value: order.service.name },
      provider: { label: 'Intervenant', value: order.partner ? `${provider} (${order.partner.reference})` : provider },
      signatures: [
        { label: 'Signature du client', hint: 'Atteste la réalisation de l’intervention' },
        { label: 'Signature de l’intervenant', hint: 'Date et signature' },
      ],
    },
    issued: `Fiche éditée le ${shortParisDate(issuedAt)}`,
  };
}
