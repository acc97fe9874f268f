/**
 * Who may add a message to a case by quoting its reference (MED-2: complaints arrive by
 * e-mail). A quoted `M000123` is only a claim: anyone can write it, and a From line is easy
 * to forge. The message goes on that case only when its sender is the case's client or
 * partner — the one From address, with no Reply-To or Sender naming someone else (a reply
 * would go elsewhere: the usual mark of a spoofed or relayed message). Otherwise the intake
 * opens a new case "à rattacher" and a mediator decides.
 */
import type { ClientsRow, PartnersRow } from '../data/tables';
import { num, type Row } from '../data/rows';
import type { Tx } from '../data/transaction';

/** The addresses a message names as its author and reply path (lower-cased). */
export interface SenderHeaders {
  from: string[];
  replyTo: string[];
  sender: string[];
}

/** One author, and every reply path leads back to that author. */
export function singleConsistentSender(h: SenderHeaders): string | null {
  if (h.from.length !== 1) return null;
  const from = h.from[0]!;
  return [...h.replyTo, ...h.sender].every((a) => a === from) ? from : null;
}

/** The case's client's and partner's e-mail addresses (lower-cased; an anonymised client has none). */
async function partyAddresses(tx: Tx, c: Row): Promise<string[]> {
  const out: string[] = [];
  if (c.clientId !== null && c.clientId !== undefined) {
    const client = await tx.trx<ClientsRow>('clients').select('email').where('id', num(c.clientId)).whereNull('deletedAt').first();
    if (client?.email) out.push(String(client.email).trim().toLowerCase());
  }
  if (c.partnerId !== null && c.partnerId !== undefined) {
    const partner = await tx.trx<PartnersRow>('partners').select('email').where('id', num(c.partnerId)).first();
    if (partner?.email) out.push(String(partner.email).trim().toLowerCase());
  }
  return out;
}

/** Whether a message quoting case `c` comes from that case's client or partner. */
export async function senderIsParty(tx: Tx, headers: SenderHeaders, c: Row): Promise<boolean> {
  const sender = singleConsistentSender(headers);
  return sender !== null && (await partyAddresses(tx, c)).includes(sender);
}
