/**
 * The offline registry: a directory of fixture companies, used when no `INSEE_API_KEY`
 * is configured (the demo, development, the tests). It answers like the real client —
 * a company, or null for an unknown SIREN — without any network.
 *
 * Built-in fixtures cover each case the checklist shows (REF-2, VER-3): active sole
 * traders of each domain, a ceased company, a partially disclosed unit (diffusion P),
 * a NAF code that fits no service, a company whose name is not a person's. The demo
 * seed adds one company per demo partner in the `registryFixtures` table, so that the
 * demo partners' SIRENs resolve.
 */
import type { Knex } from 'knex';
import type { RegistryCompany } from '../../shared/verification/requirements';
import type { Registry } from './types';

export const FIXTURE_COMPANIES: readonly RegistryCompany[] = [
  // The SIREN used in the foundation's partner-creation tests.
  { siren: '732829320', name: 'CRÉATEUR Noémie', active: true, nafCode: '96.02A', legalCategory: '1000', diffusion: 'O' },
  { siren: '812345676', name: 'DUPONT Marie', active: true, nafCode: '96.02A', legalCategory: '1000', diffusion: 'O' },
  { siren: '823456785', name: 'ANCIENNE COIFFURE', active: false, nafCode: '96.02A', legalCategory: '5499', diffusion: 'O' },
  { siren: '834567893', name: null, active: true, nafCode: '96.02B', legalCategory: '1000', diffusion: 'P' },
  { siren: '845678903', name: 'LEROY Paul', active: true, nafCode: '47.11B', legalCategory: '1000', diffusion: 'O' },
  { siren: '856789011', name: 'BELLE ET ZEN', active: true, nafCode: '96.04Z', legalCategory: '5710', diffusion: 'O' },
  { siren: '867890121', name: 'MARTIN Camille', active: true, nafCode: '81.21Z', legalCategory: '1000', diffusion: 'O' },
  { siren: '878901230', name: 'BERNARD Léa', active: true, nafCode: '88.91A', legalCategory: '1000', diffusion: 'O' },
  { siren: '889012340', name: 'PETIT Hugo', active: true, nafCode: '85.51Z', legalCategory: '1000', diffusion: 'O' },
];

/** A SIREN that passes the checksum but that no fixture knows (404 in the offline registry). */
export const UNKNOWN_FIXTURE_SIREN = '890123458';

export function createOfflineRegistry(
  fixtures: readonly RegistryCompany[] = FIXTURE_COMPANIES,
  more?: (siren: string) => Promise<RegistryCompany | null>,
): Registry {
  const bySiren = new Map(fixtures.map((c) => [c.siren, c]));
  return {
    mode: 'offline',
    async lookup(siren) {
      if (!/^\d{9}$/.test(siren)) throw new TypeError(`not a SIREN: ${siren}`);
      const fixed = bySiren.get(siren);
      if (fixed) return { ...fixed };
      return more ? more(siren) : null;
    },
  };
}

/** The demo directory: companies the demo seed stored in `registryFixtures`. */
export function fixturesTable(db: Knex): (siren: string) => Promise<RegistryCompany | null> {
  return async (siren) => {
    const row = await db('registryFixtures').where('siren', siren).first();
    return row ? (JSON.parse(row.company as string) as RegistryCompany) : null;
  };
}
