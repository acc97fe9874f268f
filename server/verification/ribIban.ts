/**
 * REF-5, REF-6: the RIB is the proof of the payout IBAN, so a RIB whose IBAN (read from the
 * document and recorded as its fact) is not the partner's IBAN cannot be approved: payouts
 * would go to an account nobody checked. The agent either asks for the right RIB or, in the
 * same approval, makes the document's IBAN the partner's (audited as `partners.iban_from_rib`).
 */
import type { Knex } from 'knex';
import { electronicFormatIBAN } from 'ibantools';
import { maskIban } from '../../shared/permissions';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { updateRecord } from '../data/records';
import type { Tx } from '../data/transaction';
import { partnersSpec } from '../marketplace/specs';

/** No spaces, upper case: `fr76 3000 …` and `FR763000…` are one account. */
function normalised(iban: string | null | undefined): string | null {
  if (!iban) return null;
  return electronicFormatIBAN(iban) ?? null;
}

export interface RibIbanCheck {
  /** The document's IBAN (normalised) when it must become the partner's, else null. */
  newPartnerIban: string | null;
}

/**
 * Throws 422 `validation_failed` naming both IBANs masked when the RIB's IBAN differs from
 * the partner's and the agent did not ask to update the partner's IBAN. A partner without an
 * IBAN yet is no mismatch (the checklist's `iban` item blocks that file on its own).
 */
export function checkRibIban(docIban: string | null | undefined, partnerIban: string | null | undefined, updatePartnerIban: boolean): RibIbanCheck {
  const fromDoc = normalised(docIban);
  const ofPartner = normalised(partnerIban);
  if (fromDoc === null || fromDoc === ofPartner) return { newPartnerIban: null };
  if (updatePartnerIban) return { newPartnerIban: fromDoc };
  if (ofPartner === null) return { newPartnerIban: null };
  const documentIban = maskIban(fromDoc);
  const partnerMasked = maskIban(ofPartner);
  throw AppError.validation(
    `L’IBAN du RIB (${documentIban}) diffère de l’IBAN du partenaire (${partnerMasked}) : demandez le bon RIB ou mettez à jour l’IBAN du partenaire en approuvant. / The RIB’s IBAN (${documentIban}) differs from the partner’s IBAN (${partnerMasked}).`,
    { reason: 'iban_mismatch', documentIban, partnerIban: partnerMasked },
  );
}

/** The partner's IBAN as this transaction sees it (row locked on PostgreSQL until the approval commits). */
export async function partnerIbanIn(trx: Knex.Transaction, partnerId: number): Promise<string | null> {
  const query = trx('partners').where('id', partnerId).first('iban');
  const row = (await (trx.client.config.client === 'pg' ? query.forUpdate() : query)) as { iban: string | null } | undefined;
  return row?.iban ?? null;
}

/** Writes the RIB's IBAN on the partner, inside the approval's transaction, with its audit row. */
export async function setPartnerIbanFromRib(tx: Tx, partnerId: number, iban: string): Promise<void> {
  await updateRecord(tx, partnersSpec, String(partnerId), { iban }, { action: 'partners.iban_from_rib' });
}
