/**
 * The two companies that run the platforms (DOMAIN.md: Wellness and Care), as printed
 * on the intervention sheets: the platform's identity and contact are the only contact
 * a sheet gives (rule SHEET-1, CON-1: never the partner's personal phone or email).
 *
 * DEMO DATA, invented: names, addresses, phone numbers, e-mails on the reserved
 * `.example` domain, and Luhn-valid SIRENs chosen for the demo. The sheet says so in
 * its footer (`demo`). Replace with the real companies' identities before production.
 */
import type { Vertical } from '../../shared/domain';

export interface CompanyIdentity {
  vertical: Vertical;
  /** The brand the client booked on. */
  platform: string;
  legalName: string;
  addressLines: readonly string[];
  phone: string;
  email: string;
  siren: string;
  /** Care (services à la personne): the SAP declaration number shown on SAP documents. */
  sapDeclaration?: string;
  demo: true;
}

export const COMPANIES: Readonly<Record<Vertical, CompanyIdentity>> = {
  wellness: {
    vertical: 'wellness',
    platform: 'Wellness à domicile',
    legalName: 'Wellness à domicile SAS',
    addressLines: ['27 rue du Faubourg-Montmartre', '75009 Paris'],
    phone: '01 99 00 42 10',
    email: 'support@wellness-domicile.example',
    siren: '912345675',
    demo: true,
  },
  care: {
    vertical: 'care',
    platform: 'Care à domicile',
    legalName: 'Care à domicile SAS',
    addressLines: ['8 place Bellecour', '69002 Lyon'],
    phone: '04 65 71 61 30',
    email: 'support@care-domicile.example',
    siren: '928765437',
    sapDeclaration: 'SAP928765437',
    demo: true,
  },
};

export function companyFor(vertical: Vertical): CompanyIdentity {
  return COMPANIES[vertical];
}
