/**
 * The `.eml` intake (CONTRACT.md `POST /api/cases/intake`; MED-2: complaints arrive by
 * email). The message is parsed with mailparser (MIME, RFC 2047 encoded words,
 * quoted-printable/base64, charsets) into sender, date, subject, text body and
 * attachments. It becomes:
 * - with `caseId` (a mediator importing from a case page): a `message_in` event on THAT
 *   case, whoever sent it — the mediator vouches for it and the audit names them;
 * - else, a `message_in` event on the case whose reference (`M000123`) the subject, else
 *   the body, quotes — only when the sender is that case's client or partner
 *   (./senderTrust.ts); otherwise a new case "à rattacher" suggesting the quoted one, for a
 *   mediator to attach or not (./attachSuggestion.ts, ./dismissSuggestion.ts);
 * - else a new case (category `other`), the message being the written complaint (MED-5 1°):
 *   `writtenComplaintAt` is the message's Date; the client is recognised by the sender's
 *   address, the order by a reference `R0001234` it quotes (when it is that client's).
 * The event is credited to the message's sender (not the mediator who imported it), its
 * header lines in Paris time. Attachments recognised by their bytes as PDF/JPEG/PNG are
 * stored through server/uploads as `evidence` events; the others are listed as not stored.
 * Everything in one transaction (and the files removed again if it fails). A message already
 * imported (the same Message-ID, matched exactly) on the case it would go to is a 409.
 */
import type { CasesRow, ClientsRow, OrdersRow } from '../data/tables';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction, type Tx } from '../data/transaction';
import { num, numOrNull, type Row } from '../data/rows';
import { AppError } from '../http/errors';
import type { JsonObject } from '../../shared/json';
import { getOne } from '../data/getOne';
import { assertSafeInput } from '../http/textInput';
import { casesSpec } from './specs';
import { sanitizeFileName } from '../uploads/fileName';
import { sniffAccepted } from '../uploads/receiveUpload';
import { insertFileRow, withStoredFiles } from './evidence';
import { appendEvent } from './addEvent';
import { createCaseIn } from './createCase';
import { loadCase } from './loadCase';
import { parisStamp } from '../../shared/calendar/parisFormat';
import { senderIsParty, type SenderHeaders } from './senderTrust';

export interface ParsedMessage {
  from: { address: string; name: string | null };
  /** Every address of From, Reply-To and Sender (lower-cased): who may add to a case (./senderTrust.ts). */
  headers: SenderHeaders;
  to: string | null;
  date: Date;
  subject: string;
  text: string;
  messageId: string | null;
  attachments: Array<{ fileName: string; contentType: string; content: Buffer }>;
}

const CASE_REFERENCE = /\bM\d{6}\b/;
const ORDER_REFERENCE = /\bR\d{7}\b/;
const MAX_BODY = 15_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function malformed(reason: string, details?: JsonObject): AppError {
  return AppError.badRequest(`Courriel illisible : ${reason} Envoyez le message enregistré au format .eml (fichier « message/rfc822 »). / Malformed e-mail message.`, {
    reason: details?.reason ?? 'malformed_message',
    ...details,
  });
}

/** The mailboxes of an address header, groups flattened. */
function mailboxes(a: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const flat = (v: EmailAddress[]): EmailAddress[] => v.flatMap((x) => (x.group ? flat(x.group) : [x]));
  return list.flatMap((obj) => flat(obj.value ?? []));
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  for (const v of mailboxes(a)) {
    if (v.address && EMAIL.test(v.address)) return { address: v.address.toLowerCase(), name: v.name ? v.name : null };
  }
  return null;
}

/** A header that is present but names no readable address: it matches nobody. */
const UNREADABLE = '(adresse illisible)';

/** Every address a header names, lower-cased (none when the header is absent). */
function addressesOf(header: unknown): string[] {
  if (header === undefined || header === null) return [];
  const boxes = typeof header === 'object' ? mailboxes(header as AddressObject | AddressObject[]) : [];
  if (boxes.length === 0) return [UNREADABLE];
  return boxes.map((v) => (v.address && EMAIL.test(v.address) ? v.address.toLowerCase() : UNREADABLE));
}

/** Parses an `.eml` buffer; 400 with the reason when it is not a usable message. */
export async function parseEml(buffer: Buffer): Promise<ParsedMessage> {
  const head = buffer.subarray(0, 4096);
  if (head.includes(0)) throw malformed('le fichier est binaire, ce n’est pas un message texte.', { reason: 'binary' });
  const firstLine = head.toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  // RFC 5322: a message starts with header fields "Name: value" (an mbox "From " line is tolerated).
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(firstLine) && !/^From /.test(firstLine)) {
    throw malformed('il ne commence pas par des en-têtes (From:, Date:, Subject:…).', { reason: 'no_headers' });
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(buffer, { skipImageLinks: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 });
  } catch (err) {
    throw malformed(`l’analyse MIME a échoué (${(err as Error).message}).`, { reason: 'mime_error' });
  }
  const from = firstAddress(mail.from);
  if (!from) throw malformed('l’expéditeur (en-tête From:) est absent ou n’est pas une adresse électronique.', { reason: 'no_sender' });
  if (!mail.headers.has('date') || !mail.date || Number.isNaN(mail.date.getTime())) {
    throw malformed('la date d’envoi (en-tête Date:) est absente ou illisible.', { reason: 'no_date' });
  }
  const text = (mail.text ?? '').replace(/\r\n/g, '\n').trim();
  const subject = (mail.subject ?? '').trim();
  if (!text && !subject && mail.attachments.length === 0) throw malformed('le message est vide (ni objet, ni texte, ni pièce jointe).', { reason: 'empty' });
  const to = firstAddress(mail.to)?.address ?? null;
  return {
    from,
    headers: { from: addressesOf(mail.from), replyTo: addressesOf(mail.replyTo), sender: addressesOf(mail.headers.get('sender')) },
    to,
    date: mail.date,
    subject,
    text,
    messageId: mail.messageId ?? null,
    attachments: mail.attachments
      .filter((a) => a.content && a.content.length > 0)
      .map((a, i) => ({ fileName: sanitizeFileName(a.filename, `piece-jointe-${i + 1}`), contentType: a.contentType, content: a.content })),
  };
}

function senderLine(m: ParsedMessage): string {
  return m.from.name ? `${m.from.name} <${m.from.address}>` : m.from.address;
}

function eventBody(m: ParsedMessage): string {
  const head = [
    `De : ${senderLine(m)}`,
    `Date : ${parisStamp(m.date)}`,
    `Objet : ${m.subject || '(sans objet)'}`,
    m.messageId ? `Message-ID : ${m.messageId}` : null,
  ].filter((l): l is string => l !== null);
  const body = m.text.length > MAX_BODY ? `${m.text.slice(0, MAX_BODY)}\n[…] (message tronqué)` : m.text;
  return `${head.join('\n')}\n\n${body}`;
}

async function quotedCase(tx: Tx, m: ParsedMessage): Promise<Row | null> {
  const ref = CASE_REFERENCE.exec(m.subject)?.[0] ?? CASE_REFERENCE.exec(m.text)?.[0] ?? null;
  if (!ref) return null;
  const row = await tx.trx<CasesRow>('cases').select('id').where('reference', ref).first();
  return row ? loadCase(tx, num(row.id)) : null;
}

async function matchParties(tx: Tx, m: ParsedMessage): Promise<{ clientId: number | null; orderId: number | null }> {
  const client = await tx.trx<ClientsRow>('clients').select('id').whereRaw('lower(email) = ?', [m.from.address]).whereNull('deletedAt').first();
  const clientId = client ? num(client.id) : null;
  const orderRef = ORDER_REFERENCE.exec(m.subject)?.[0] ?? ORDER_REFERENCE.exec(m.text)?.[0] ?? null;
  if (!orderRef) return { clientId, orderId: null };
  const order = await tx.trx<OrdersRow>('orders').select('id', 'clientId').where('reference', orderRef).first();
  // The order is taken only when it is the sender's (or the sender is unknown): never another client's order.
  if (!order || (clientId !== null && numOrNull(order.clientId) !== clientId)) return { clientId, orderId: null };
  return { clientId: clientId ?? numOrNull(order.clientId), orderId: num(order.id) };
}

/**
 * Where the message goes: `case` (the case the mediator imported it from), `reference` (the
 * quoted case, its sender being a party), `to_attach` (a new case suggesting the quoted one)
 * or `new` (a new case).
 */
export type Placement = { via: 'case' | 'reference'; target: Row } | { via: 'to_attach'; suggested: Row } | { via: 'new' };

async function placeMessage(tx: Tx, m: ParsedMessage, caseId: number | undefined): Promise<Placement> {
  if (caseId !== undefined) return { via: 'case', target: await loadCase(tx, caseId) };
  const quoted = await quotedCase(tx, m);
  if (!quoted) return { via: 'new' };
  return (await senderIsParty(tx, m.headers, quoted)) ? { via: 'reference', target: quoted } : { via: 'to_attach', suggested: quoted };
}

/**
 * 409 when this Message-ID (matched exactly) is already on one of `caseIds`: the case it
 * would go to, or — for a message that would open a case "à rattacher" — the quoted case and
 * the cases already waiting to be attached to it.
 */
async function assertNotImported(tx: Tx, messageId: string | null, caseIds: number[]): Promise<void> {
  if (messageId === null || caseIds.length === 0) return;
  const dup = (await tx.trx('caseEvents as e')
    .join('cases as c', 'c.id', 'e.caseId')
    .select('c.id', 'c.reference')
    .whereIn('e.caseId', caseIds)
    .andWhere({ 'e.type': 'message_in', 'e.messageId': messageId })
    .first()) as Pick<CasesRow, 'id' | 'reference'> | undefined;
  if (dup) {
    throw AppError.conflict(`Ce courriel (${messageId}) est déjà dans le dossier ${dup.reference}.`, { caseId: num(dup.id), reference: dup.reference, messageId });
  }
}

async function waitingToAttach(tx: Tx, suggestedId: number): Promise<number[]> {
  const rows = await tx.trx<CasesRow>('cases').select('id').where('suggestedCaseId', suggestedId);
  return rows.map((r) => num(r.id));
}

export interface IntakeResult {
  created: boolean;
  /** `case`: on the case imported from; `reference`: on the quoted case; `to_attach`: a new case suggesting the quoted one; `new`. */
  placement: Placement['via'];
  /** The case the message quoted, when it opened a case "à rattacher" instead. */
  suggested: { id: number; reference: string } | null;
  case: Row;
  event: Row;
  attachments: Array<{ fileName: string; stored: boolean; fileId: number | null; eventId: number | null; reason: string | null; detected: string | null }>;
}

export async function intakeEml(ctx: Ctx, uploadsDir: string, buffer: Buffer, options: { caseId?: number } = {}): Promise<IntakeResult> {
  const m = await parseEml(buffer);
  // Its text (subject, names, body) is client text like a form's: a NUL or a lone surrogate is a 400.
  assertSafeInput(m, 'message');
  const sniffed = await Promise.all(m.attachments.map(async (a) => ({ a, s: await sniffAccepted(a.content) })));
  const accepted = sniffed.filter((x) => x.s.accepted);
  return withStoredFiles(
    uploadsDir,
    accepted.map(({ a, s }) => ({ buffer: a.content, mimeType: s.accepted ? s.mimeType : '', ext: s.accepted ? s.ext : 'pdf' })),
    (files) =>
      inTransaction(ctx, async (tx) => {
        const placement = await placeMessage(tx, m, options.caseId);
        let target: Row;
        if (placement.via === 'case' || placement.via === 'reference') {
          await assertNotImported(tx, m.messageId, [num(placement.target.id)]);
          target = placement.target;
        } else {
          const suggestedCaseId = placement.via === 'to_attach' ? num(placement.suggested.id) : null;
          if (suggestedCaseId !== null) await assertNotImported(tx, m.messageId, [suggestedCaseId, ...(await waitingToAttach(tx, suggestedCaseId))]);
          const parties = await matchParties(tx, m);
          const complaintAt = m.date.getTime() > tx.now.getTime() ? tx.now : m.date;
          const c = await createCaseIn(
            tx,
            {
              category: 'other',
              orderId: parties.orderId,
              clientId: parties.orderId === null ? parties.clientId : undefined,
              writtenComplaintAt: complaintAt.toISOString(),
              description: `${m.subject || '(sans objet)'}\n\n${m.text}`.slice(0, 20_000),
            },
            { suggestedCaseId },
          );
          target = await loadCase(tx, num(c.id));
        }
        const fromEmail = { sender: senderLine(m), messageId: m.messageId };
        const at = m.date.getTime() > tx.now.getTime() ? tx.now : m.date;
        const event = await appendEvent(tx, target, { type: 'message_in', body: eventBody(m), at, ...fromEmail });
        const attachments: IntakeResult['attachments'] = [];
        let fi = 0;
        for (const { a, s } of sniffed) {
          if (!s.accepted) {
            attachments.push({ fileName: a.fileName, stored: false, fileId: null, eventId: null, reason: 'unsupported_file_type', detected: s.detected });
            continue;
          }
          const file = files[fi++]!;
          const fileId = await insertFileRow(tx, file, a.fileName);
          const current = await loadCase(tx, num(target.id));
          const ev = await appendEvent(tx, current, { type: 'evidence', body: `Pièce jointe du courriel « ${m.subject || '(sans objet)'} » : ${a.fileName}`, fileId, at, ...fromEmail });
          attachments.push({ fileName: a.fileName, stored: true, fileId, eventId: num(ev.id), reason: null, detected: s.detected });
        }
        // Who imported it, and how it was placed: the event itself is credited to the sender.
        await audit(tx, 'cases.intake', 'cases', num(target.id), null, {
          placement: placement.via,
          eventId: num(event.id),
          messageId: m.messageId,
          sender: m.from.address,
          subject: m.subject,
          suggestedCaseId: placement.via === 'to_attach' ? num(placement.suggested.id) : null,
        });
        const created = placement.via === 'new' || placement.via === 'to_attach';
        const suggested = placement.via === 'to_attach' ? { id: num(placement.suggested.id), reference: String(placement.suggested.reference) } : null;
        return { created, placement: placement.via, suggested, case: await getOne(tx.trx, casesSpec, String(target.id)), event, attachments };
      }),
  );
}
