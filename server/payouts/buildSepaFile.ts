/**
 * A payout run's bank file (PAY-7): an ISO 20022 `pain.001.001.09` SEPA credit transfer —
 * one transaction per partner payout, the group header's `NbOfTxs` and `CtrlSum`, and one
 * payment block per paying company (the Wellness and Care platforms are two companies, each
 * debited from its own account), built with xmlbuilder2. Pure: the caller loads the rows.
 */
import { create } from 'xmlbuilder2';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Vertical } from '../../shared/domain';

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface SepaDebtor {
  name: string;
  iban: string;
  bic: string;
}

export interface SepaTransfer {
  payoutId: number;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  /** The remittance text the partner reads on their statement. */
  remittance: string;
  vertical: Vertical;
}

export interface SepaFileInput {
  runId: number;
  createdAt: Date;
  /** The requested execution date (the run's payout date, YYYY-MM-DD). */
  executionDate: string;
  debtors: Readonly<Record<Vertical, SepaDebtor>>;
  transfers: readonly SepaTransfer[];
}

/**
 * SEPA's character set (EPC guidelines: Latin letters, digits, `/ - ? : ( ) . , ' +` and
 * space): accents are dropped, anything else becomes a space, and the text is cut to `max`.
 */
export function sepaText(text: string, max: number): string {
  const latin = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘]/g, "'");
  const clean = latin.replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.slice(0, max) || 'NA';
}

/** Cents as the file writes amounts: a decimal point and two decimals. */
export function sepaAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents <= 0) throw new RangeError(`A SEPA transfer is a positive amount of cents, got ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** YYYY-MM-DDThh:mm:ss (UTC, as ISO 8601 with its zone). */
function dateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export function buildSepaFile(input: SepaFileInput): string {
  for (const [vertical, d] of Object.entries(input.debtors)) {
    if (!isValidIBAN(electronicFormatIBAN(d.iban) ?? '') || !isValidBIC(d.bic)) throw new Error(`The ${vertical} company's debtor account (IBAN/BIC) is not valid: check the configuration`);
  }
  const total = input.transfers.reduce((n, t) => n + t.amountCents, 0);
  const stamp = input.createdAt.toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN_001_NAMESPACE, 'Document').ele('CstmrCdtTrfInitn');
  const header = doc.ele('GrpHdr');
  header.ele('MsgId').txt(`PAYRUN-${input.runId}-${stamp}`);
  header.ele('CreDtTm').txt(dateTime(input.createdAt));
  header.ele('NbOfTxs').txt(String(input.transfers.length));
  header.ele('CtrlSum').txt(input.transfers.length ? sepaAmount(total) : '0.00');
  header.ele('InitgPty').ele('Nm').txt(sepaText(input.debtors.wellness.name, 70));

  for (const vertical of ['wellness', 'care'] as const) {
    const transfers = input.transfers.filter((t) => t.vertical === vertical);
    if (transfers.length === 0) continue;
    const debtor = input.debtors[vertical];
    const block = doc.ele('PmtInf');
    block.ele('PmtInfId').txt(`PAYRUN-${input.runId}-${vertical.toUpperCase()}`);
    block.ele('PmtMtd').txt('TRF');
    block.ele('BtchBookg').txt('true');
    block.ele('NbOfTxs').txt(String(transfers.length));
    block.ele('CtrlSum').txt(sepaAmount(transfers.reduce((n, t) => n + t.amountCents, 0)));
    block.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
    block.ele('ReqdExctnDt').ele('Dt').txt(input.executionDate);
    block.ele('Dbtr').ele('Nm').txt(sepaText(debtor.name, 70));
    block.ele('DbtrAcct').ele('Id').ele('IBAN').txt(electronicFormatIBAN(debtor.iban)!);
    block.ele('DbtrAgt').ele('FinInstnId').ele('BICFI').txt(debtor.bic);
    block.ele('ChrgBr').txt('SLEV');
    for (const t of transfers) {
      const tx = block.ele('CdtTrfTxInf');
      tx.ele('PmtId').ele('EndToEndId').txt(`PAYOUT-${t.payoutId}`);
      tx.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(sepaAmount(t.amountCents));
      tx.ele('Cdtr').ele('Nm').txt(sepaText(t.creditorName, 70));
      tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(electronicFormatIBAN(t.creditorIban)!);
      tx.ele('RmtInf').ele('Ustrd').txt(sepaText(t.remittance, 140));
    }
  }
  return doc.end({ prettyPrint: true });
}
