/**
 * The bank file of a payout run (PAY-7), from its rows: every payout becomes a transfer to
 * the partner's IBAN, debited from the account of the partner's platform company. A payout
 * whose partner has no valid IBAN is never dropped silently: the file is refused (422) with
 * the list of those payouts, so that support corrects the IBANs first and the file pays
 * everyone the run owes.
 */
import type { Knex } from 'knex';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { Vertical } from '../../shared/domain';
import { DEMO_SEPA_DEBTORS, type SepaDebtorAccounts } from '../config';
import { AppError } from '../http/errors';
import { getOne } from '../data/getOne';
import { payoutRunsSpec } from './specs';
import { COMPANIES } from '../sheets/companies';
import { buildSepaFile, type SepaTransfer } from './buildSepaFile';

interface PayoutPartnerRow {
  id: number | string;
  amountCents: number | string;
  partnerId: number | string;
  reference: string;
  firstName: string;
  lastName: string;
  iban: string | null;
  vertical: Vertical;
}

export interface SepaFile {
  fileName: string;
  xml: string;
}

export async function makeSepaFile(db: Knex, runId: string, now: Date, accounts: SepaDebtorAccounts = DEMO_SEPA_DEBTORS): Promise<SepaFile> {
  const run = await getOne(db, payoutRunsSpec, runId);
  const rows = (await db('payouts as p')
    .join('partners as pa', 'pa.id', 'p.partnerId')
    .where('p.payoutRunId', run.id as number)
    .orderBy('p.id')
    .select('p.id', 'p.amountCents', 'p.partnerId', 'pa.reference', 'pa.firstName', 'pa.lastName', 'pa.iban', 'pa.vertical')) as PayoutPartnerRow[];
  const invalid = rows.filter((r) => !r.iban || !isValidIBAN(electronicFormatIBAN(r.iban) ?? ''));
  if (invalid.length > 0) {
    throw AppError.validation(
      `${invalid.length} versement(s) sans IBAN valide : corrigez l’IBAN des partenaires avant de produire le fichier. / ${invalid.length} payout(s) without a valid IBAN: correct the partners' IBANs before making the file.`,
      { payouts: invalid.map((r) => ({ payoutId: Number(r.id), partnerId: Number(r.partnerId), reference: r.reference, name: `${r.firstName} ${r.lastName}`, amountCents: Number(r.amountCents) })) },
    );
  }
  const transfers: SepaTransfer[] = rows.map((r) => ({
    payoutId: Number(r.id),
    amountCents: Number(r.amountCents),
    creditorName: `${r.firstName} ${r.lastName}`,
    creditorIban: r.iban!,
    vertical: r.vertical,
    remittance: `${COMPANIES[r.vertical].platform} versement ${run.periodStart} au ${run.periodEnd} ${r.reference}`,
  }));
  const debtors = {
    wellness: { name: COMPANIES.wellness.legalName, ...accounts.wellness },
    care: { name: COMPANIES.care.legalName, ...accounts.care },
  };
  const xml = buildSepaFile({ runId: run.id as number, createdAt: now, executionDate: String(run.payoutDate), debtors, transfers });
  return { fileName: `virements-${run.periodKind}-${run.periodStart}.xml`, xml };
}
