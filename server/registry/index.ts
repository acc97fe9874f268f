/**
 * Chooses the registry adapter from the configuration: the real INSEE client when an
 * `INSEE_API_KEY` is configured (`registryMode: 'insee'`), the offline fixture directory
 * otherwise.
 */
import type { Knex } from 'knex';
import type { AppConfig } from '../config';
import { createInseeClient } from './inseeClient';
import { createOfflineRegistry, fixturesTable } from './offline';
import type { Registry } from './types';

export * from './types';
export { createInseeClient, INSEE_BASE_URL, INSEE_KEY_HEADER } from './inseeClient';
export { createOfflineRegistry, FIXTURE_COMPANIES, UNKNOWN_FIXTURE_SIREN } from './offline';

export function createRegistry(config: Pick<AppConfig, 'registryMode' | 'inseeApiKey' | 'inseeBaseUrl'>, db?: Knex): Registry {
  if (config.registryMode === 'insee') {
    if (!config.inseeApiKey) throw new Error('registryMode "insee" needs INSEE_API_KEY');
    return createInseeClient({ apiKey: config.inseeApiKey, baseUrl: config.inseeBaseUrl });
  }
  return createOfflineRegistry(undefined, db ? fixturesTable(db) : undefined);
}
