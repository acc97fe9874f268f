/** Reads a pain.001.001.09 file back (tests): its header figures and every transaction (the XML read as a JSON object). */
import { create } from 'xmlbuilder2';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { PAIN_001_NAMESPACE } from '../payouts/buildSepaFile';
import type { JsonObject } from '../../shared/json';

const list = (v: unknown): JsonObject[] => (v === undefined ? [] : Array.isArray(v) ? (v as JsonObject[]) : [v as JsonObject]);
const text = (v: unknown): string => (typeof v === 'object' && v !== null ? String((v as JsonObject)['#']) : String(v));
const cents = (amount: string): number => {
  const [units, decimals = ''] = amount.split('.');
  if (!/^\d+$/.test(units) || !/^\d{0,2}$/.test(decimals)) throw new Error(`not a SEPA amount: ${amount}`);
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
};

export interface ParsedSepa {
  namespace: string;
  nbOfTxs: number;
  ctrlSumCents: number;
  debtors: { name: string; iban: string; nbOfTxs: number; ctrlSumCents: number }[];
  transactions: { endToEndId: string; amountCents: number; currency: string; name: string; iban: string; executionDate: string }[];
  allIbansValid: boolean;
}

export function parseSepa(xml: string): ParsedSepa {
  const doc = create(xml).end({ format: 'object' }) as JsonObject;
  const document = doc.Document as JsonObject;
  const root = document.CstmrCdtTrfInitn as JsonObject;
  const header = root.GrpHdr as JsonObject;
  const transactions: ParsedSepa['transactions'] = [];
  const debtors: ParsedSepa['debtors'] = [];
  for (const block of list(root.PmtInf)) {
    const executionDate = text((block.ReqdExctnDt as JsonObject).Dt);
    const txs = list(block.CdtTrfTxInf);
    debtors.push({ name: text((block.Dbtr as JsonObject).Nm), iban: text(((block.DbtrAcct as JsonObject).Id as JsonObject).IBAN), nbOfTxs: Number(text(block.NbOfTxs)), ctrlSumCents: cents(text(block.CtrlSum)) });
    for (const tx of txs) {
      const amount = (tx.Amt as JsonObject).InstdAmt as JsonObject;
      transactions.push({
        endToEndId: text((tx.PmtId as JsonObject).EndToEndId),
        amountCents: cents(text(amount)),
        currency: String(amount['@Ccy']),
        name: text((tx.Cdtr as JsonObject).Nm),
        iban: text(((tx.CdtrAcct as JsonObject).Id as JsonObject).IBAN),
        executionDate,
      });
    }
  }
  const ibans = [...debtors.map((d) => d.iban), ...transactions.map((x) => x.iban)];
  return {
    namespace: String(document['@xmlns']),
    nbOfTxs: Number(text(header.NbOfTxs)),
    ctrlSumCents: cents(text(header.CtrlSum)),
    debtors,
    transactions,
    allIbansValid: ibans.every((i) => i === electronicFormatIBAN(i) && isValidIBAN(i)) && String(document['@xmlns']) === PAIN_001_NAMESPACE,
  };
}
