/**
 * The referral file (CONTRACT.md `GET /api/cases/{id}/referral.pdf`): what a mediator
 * sends to the consumer mediator (ANM, MED-3) — the parties, the order, the written
 * complaint's date and MED-5's admissibility, the deadlines, what was proposed, the
 * outcome and the chronology of the parties' exchanges and evidence. MED-8: never the
 * staff's internal notes — the events are chosen by shared/mediation/referralFile.ts when
 * they are loaded, so nothing else can reach the page. Laid out with the shared PDF helpers (server/pdf:
 * A4 in mm, fitted text, framed sections), flowing over as many pages as it needs.
 */
import type { ClientsRow, PartnersRow, UsersRow } from '../data/tables';
import type { Knex } from 'knex';
import type { CaseCategory, CaseEventType, Vertical } from '../../shared/domain';
import { referralAdmissibility } from '../../shared/mediation/deadlines';
import { inReferralFile } from '../../shared/mediation/referralFile';
import type { Ctx } from '../context';
import { num, numOrNull, toDate, type Row } from '../data/rows';
import { getOne } from '../data/getOne';
import { casesSpec } from './specs';
import { Canvas, FONTS, INK, LIGHT, MUTED, addA4Page, createA4Document, formatSiren, pdfSafe, textWidth, toBuffer, toMm, wrapText, A4, type Box, type FontName, type PdfDoc } from '../pdf';
import { formatEuros } from '../../shared/euros';
import { COMPANIES } from '../sheets/companies';
import { listEvents } from './listEvents';
import { parisClock, parisDayInLetters, parisStamp } from '../../shared/calendar/parisFormat';

export interface ReferralData {
  case: Row;
  client: Row | null;
  partner: Row | null;
  order: (Row & { serviceName: string | null; vertical: Vertical | null }) | null;
  /** The events that go to the mediator (MED-8), oldest first. */
  events: Row[];
  assignee: string | null;
}

export async function loadReferral(ctx: Ctx, rawId: string): Promise<ReferralData> {
  const c = await getOne(ctx.db, casesSpec, rawId);
  const db: Knex = ctx.db;
  const client = c.clientId !== null ? (await db<ClientsRow>('clients').select('reference', 'firstName', 'lastName', 'email', 'address', 'postcode', 'city', 'deletedAt').where('id', num(c.clientId)).first()) ?? null : null;
  const partner = c.partnerId !== null ? (await db<PartnersRow>('partners').select('reference', 'firstName', 'lastName', 'siren', 'city').where('id', num(c.partnerId)).first()) ?? null : null;
  const order =
    c.orderId !== null
      ? (((await db('orders as o')
          .leftJoin('services as s', 's.id', 'o.serviceCode')
          .select('o.reference', 'o.serviceCode', 'o.startsAt', 'o.endsAt', 'o.status', 'o.priceCents', 'o.address', 'o.postcode', 'o.city', 's.name as serviceName', 's.vertical')
          .where('o.id', num(c.orderId))
          .first()) as (Row & { serviceName: string | null; vertical: Vertical | null }) | undefined) ?? null)
      : null;
  // MED-8: the parties' exchanges, the evidence and the deadlines only.
  const events = (await listEvents(ctx, rawId)).filter((e) => inReferralFile(String(e.type)));
  const assignee = c.assignedTo !== null ? ((await db<UsersRow>('users').select('fullName').where('id', num(c.assignedTo)).first())?.fullName as string | undefined) ?? null : null;
  return { case: c, client, partner, order, events, assignee };
}


function day(v: unknown): string {
  return v === null || v === undefined ? '—' : parisDayInLetters(toDate(v));
}
function dateOnly(v: unknown): string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? parisDayInLetters(new Date(`${v}T12:00:00Z`)) : '—';
}
function stamp(v: unknown): string {
  return v === null || v === undefined ? '—' : parisStamp(toDate(v));
}

const CATEGORY_FR: Record<CaseCategory, string> = {
  quality: 'Qualité de la prestation',
  damage: 'Dommage',
  no_show: 'Absence du professionnel',
  cancellation: 'Annulation',
  billing: 'Facturation',
  behaviour: 'Comportement',
  other: 'Autre',
};
const STATUS_FR: Record<string, string> = { open: 'Ouvert', amicable: 'Règlement amiable', resolved: 'Résolu', referred: 'Transmis au médiateur', closed: 'Clos' };
const ORDER_STATUS_FR: Record<string, string> = {
  dispatching: 'En recherche de prestataire',
  accepted: 'Acceptée',
  expired: 'Expirée (aucun prestataire)',
  cancelled_by_client: 'Annulée par le client',
  cancelled_by_partner: 'Annulée par le prestataire',
  completed: 'Réalisée',
  no_show: 'Prestataire absent',
};
const OUTCOME_FR: Record<string, string> = { agreement: 'Accord', no_agreement: 'Pas d’accord', withdrawn: 'Désistement' };
const EVENT_FR: Record<CaseEventType, string> = {
  note: 'Note interne',
  message_in: 'Message reçu',
  message_out: 'Message envoyé',
  evidence: 'Pièce',
  proposal: 'Proposition',
  decision: 'Décision',
  deadline_extended: 'Délai prolongé',
  status_change: 'Changement de statut',
};

const MARGIN = 15;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - 18;
const LINE_FACTOR = 1.25;

/** A page-flowing writer on top of the shared Canvas. */
class Flow {
  c!: Canvas;
  y = MARGIN;
  page = 0;
  constructor(
    readonly doc: PdfDoc,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    addA4Page(this.doc);
    this.c = new Canvas(this.doc);
    this.page += 1;
    this.y = MARGIN;
    this.c.text(`${this.footer} — page ${this.page}`, MARGIN, A4.height - 11, { size: 7, color: MUTED, width: WIDTH, align: 'right' });
  }

  ensure(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }

  /** Lines `text` would take at `size` in `width` (mm). */
  lines(text: string, width: number, size: number, font: FontName = FONTS.regular): string[] {
    const safe = pdfSafe(text, { multiline: true, maxLength: 6000 });
    const out: string[] = [];
    for (const para of safe.split('\n')) {
      if (!para) {
        out.push('');
        continue;
      }
      out.push(...wrapText(para, width, (t) => toMm(textWidth(t, font, size))).lines);
    }
    return out;
  }

  heading(title: string): void {
    this.ensure(16);
    this.y += 3;
    this.c.rect({ x: MARGIN, y: this.y, w: WIDTH, h: 7 }, { fill: LIGHT, stroke: null });
    this.c.text(title.toUpperCase(), MARGIN + 2, this.y + 1.9, { font: FONTS.bold, size: 9, color: INK, width: WIDTH - 4 });
    this.y += 9;
  }

  field(label: string, value: string, labelWidth = 52): void {
    const size = 9.5;
    const lines = this.lines(value || '—', WIDTH - labelWidth, size);
    const lineMm = toMm(size * LINE_FACTOR);
    const h = Math.max(1, lines.length) * lineMm;
    this.ensure(h + 1);
    this.c.text(label, MARGIN, this.y + 0.5, { size: 8, color: MUTED, width: labelWidth - 2 });
    lines.forEach((l, i) => this.c.text(l, MARGIN + labelWidth, this.y + i * lineMm, { size, width: WIDTH - labelWidth }));
    this.y += h + 1;
  }

  paragraph(text: string, options: { size?: number; indent?: number; font?: FontName; color?: typeof INK } = {}): void {
    const size = options.size ?? 9.5;
    const indent = options.indent ?? 0;
    const lineMm = toMm(size * LINE_FACTOR);
    for (const l of this.lines(text, WIDTH - indent, size, options.font)) {
      this.ensure(lineMm);
      if (l) this.c.text(l, MARGIN + indent, this.y, { size, font: options.font, color: options.color, width: WIDTH - indent });
      this.y += lineMm;
    }
    this.y += 1;
  }
}

function fullName(r: Row | null): string {
  if (!r) return '—';
  if (r.deletedAt) return `Client anonymisé (${String(r.reference)})`;
  return [r.firstName, r.lastName].filter(Boolean).join(' ') || String(r.reference ?? '—');
}

export function drawReferral(doc: PdfDoc, d: ReferralData, generatedAt: Date): void {
  const c = d.case;
  const f = new Flow(doc, `Dossier de médiation ${String(c.reference)} — établi le ${stamp(generatedAt)}`);
  const company = COMPANIES[(d.order?.vertical as Vertical | null) ?? 'wellness'];

  // Title block
  const title: Box = { x: MARGIN, y: f.y, w: WIDTH, h: 24 };
  f.c.fit('Dossier de saisine du médiateur de la consommation', { x: title.x, y: title.y, w: WIDTH - 55, h: 8 }, { font: FONTS.bold, size: 15, minSize: 11, maxLines: 1 });
  f.c.fit('À l’attention de l’Association Nationale des Médiateurs (ANM) — art. L.611-1 et suivants du code de la consommation', { x: title.x, y: title.y + 9, w: WIDTH - 55, h: 9 }, { size: 8.5, minSize: 7, maxLines: 2, color: MUTED });
  const badge: Box = { x: MARGIN + WIDTH - 50, y: title.y, w: 50, h: 14 };
  f.c.rect(badge, { fill: LIGHT, stroke: INK, lineWidth: 0.8, radius: 1.5 });
  f.c.text('Dossier', badge.x + 3, badge.y + 2, { size: 7.5, color: MUTED });
  f.c.fit(String(c.reference), { x: badge.x + 3, y: badge.y + 6, w: badge.w - 6, h: 7 }, { font: FONTS.bold, size: 14, minSize: 9, maxLines: 1 });
  f.y += 26;

  f.heading('Le litige');
  f.field('Catégorie', CATEGORY_FR[c.category as CaseCategory] ?? String(c.category));
  f.field('Statut', STATUS_FR[String(c.status)] ?? String(c.status));
  if (c.description) f.field('Objet de la réclamation', String(c.description).slice(0, 1500));
  f.field('Suivi par', d.assignee ?? '—');
  if (c.insuranceClaim) f.field('Assurance (MED-4)', 'Dommage déclaré à l’assureur de la plateforme (AXA) : séance réservée sur la plateforme.');

  f.heading('Réclamation écrite et recevabilité (MED-5, art. L.612-2)');
  f.field('Réclamation écrite du', c.writtenComplaintAt ? stamp(c.writtenComplaintAt) : 'Aucune réclamation écrite enregistrée');
  f.field('Saisine possible jusqu’au', c.referralLastDate ? `${dateOnly(c.referralLastDate)} inclus (un an après la réclamation écrite)` : '—');
  const verdict = referralAdmissibility((c.writtenComplaintAt as string | null) ?? null, (c.referredAt as string | null) ?? generatedAt);
  f.field('Saisine du médiateur', c.referredAt ? `${stamp(c.referredAt)} — ${verdict.admissible ? 'recevable' : 'irrecevable'}` : `Pas encore transmis — ${verdict.admissible ? 'recevable à ce jour' : 'irrecevable à ce jour'}`);
  if (!verdict.admissible) f.paragraph(verdict.message.split(' / ')[0], { size: 8.5, color: MUTED });

  f.heading('Les parties');
  f.field('Consommateur', `${fullName(d.client)}${d.client ? ` — réf. ${String(d.client.reference)}` : ''}`);
  if (d.client && !d.client.deletedAt) {
    f.field('Adresse', [d.client.address, [d.client.postcode, d.client.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—');
    f.field('Courriel', String(d.client.email ?? '—'));
  }
  f.field('Professionnel (plateforme)', `${company.legalName}, SIREN ${formatSiren(company.siren)} — ${company.addressLines.join(', ')} — ${company.email}`);
  f.field('Prestataire', d.partner ? `${fullName(d.partner)} — réf. ${String(d.partner.reference)}${d.partner.siren ? `, SIREN ${formatSiren(String(d.partner.siren))}` : ''}` : '—');

  f.heading('La commande');
  if (d.order) {
    f.field('Référence', String(d.order.reference));
    f.field('Prestation', `${d.order.serviceName ?? d.order.serviceCode}`);
    f.field('Date de l’intervention', `${stamp(d.order.startsAt)} – ${parisClock(toDate(d.order.endsAt))}`);
    f.field('Lieu', [d.order.address, [d.order.postcode, d.order.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—');
    f.field('Montant', formatEuros(num(d.order.priceCents)));
    f.field('Statut de la commande', ORDER_STATUS_FR[String(d.order.status)] ?? String(d.order.status));
  } else {
    f.paragraph('Aucune commande rattachée à ce dossier.', { color: MUTED });
  }

  f.heading('Délais');
  f.field('Réponse de la plateforme (MED-7)', c.answerDueAt ? `au plus tard le ${day(c.answerDueAt)}${c.answeredAt ? ` — répondu le ${day(c.answeredAt)}` : ''}` : '—');
  f.field('Réception par le médiateur', c.mediatorReceivedAt ? day(c.mediatorReceivedAt) : '—');
  f.field('Refus éventuel (MED-5, 3 sem.)', c.refusalDueAt ? `au plus tard le ${day(c.refusalDueAt)}` : '—');
  f.field('Notification aux parties', c.mediatorNotifiedAt ? day(c.mediatorNotifiedAt) : '—');
  f.field('Issue (MED-6, 90 jours)', c.outcomeDueAt ? `au plus tard le ${day(c.outcomeDueAt)}${num(c.outcomeExtensionDays ?? 0) > 0 ? ` (prolongé de ${num(c.outcomeExtensionDays)} jours)` : ''}` : '—');

  f.heading('Propositions et issue');
  const proposals = d.events.filter((e) => e.type === 'proposal');
  if (proposals.length === 0) f.paragraph('Aucune proposition enregistrée.', { color: MUTED });
  for (const p of proposals) {
    const amount = numOrNull(p.refundCents);
    f.field(stamp(p.at), `${amount !== null ? `Remboursement proposé : ${formatEuros(amount)}. ` : ''}${String(p.body ?? '')}`, 38);
  }
  if (c.outcome) {
    f.field('Issue', `${OUTCOME_FR[String(c.outcome)] ?? String(c.outcome)}${c.refundCents !== null ? ` — remboursement de ${formatEuros(num(c.refundCents))} sur la commande` : ''}${c.closedAt ? ` (clos le ${day(c.closedAt)})` : ''}`);
  }

  f.heading('Chronologie des échanges et des pièces');
  if (d.events.length === 0) f.paragraph('Aucun échange enregistré.', { color: MUTED });
  for (const e of d.events) {
    const author = e.sender ?? e.actorName;
    const who = author ? ` — ${String(author)}` : '';
    f.ensure(10);
    f.c.text(`${stamp(e.at)} · ${EVENT_FR[e.type as CaseEventType] ?? String(e.type)}${who}`, MARGIN, f.y, { font: FONTS.bold, size: 8.5, width: WIDTH });
    f.y += toMm(8.5 * LINE_FACTOR);
    const file = e.fileName ? `\n[Pièce jointe : ${String(e.fileName)}]` : '';
    const amount = numOrNull(e.refundCents) !== null ? `\nMontant : ${formatEuros(num(e.refundCents))}` : '';
    f.paragraph(`${String(e.body ?? '').slice(0, 3000)}${amount}${file}`, { size: 8.5, indent: 4 });
  }

  const evidence = d.events.filter((e) => e.fileId !== null);
  f.heading('Pièces du dossier');
  if (evidence.length === 0) f.paragraph('Aucune pièce.', { color: MUTED });
  evidence.forEach((e, i) => f.paragraph(`${i + 1}. ${String(e.fileName ?? `fichier ${String(e.fileId)}`)} (versée le ${day(e.at)})`, { size: 9 }));
}

export async function renderReferralPdf(data: ReferralData, creationDate: Date): Promise<Buffer> {
  const doc = createA4Document({
    title: `Dossier de médiation ${String(data.case.reference)}`,
    subject: 'Saisine du médiateur de la consommation (ANM)',
    author: 'Console services à domicile — médiation',
    creationDate,
  });
  return toBuffer(doc, (d) => drawReferral(d, data, creationDate));
}
