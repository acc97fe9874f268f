/**
 * The ordered list of migrations. Imported statically (not discovered on disk) so
 * that the same list works under tsx, vitest and a bundled build. Append only: a
 * migration that has landed on main is never edited; add a new one instead.
 */
import type { Knex } from 'knex';
import * as m001 from './001_foundation';
import * as m002 from './002_engine_and_files';
import * as m003 from './003_verification';
import * as m004 from './004_engine_live';
import * as m005 from './005_limitations';
import * as m006 from './006_mediation';
import * as m007 from './007_race_guards';
import * as m008 from './008_search_index';
import * as m009 from './009_list_sort_indexes';
import * as m010 from './010_pg_trigram';
import * as m012 from './012_login_throttle';
import * as m013 from './013_mediation_links';
import * as m014 from './014_payout_runs';
import * as m017 from './017_staff_totp';
import * as m018 from './018_change_notify';
import * as m019 from './019_partner_score_order';
import * as m020 from './020_table_write_notify';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['001_foundation', m001],
  ['002_engine_and_files', m002],
  ['003_verification', m003],
  ['004_engine_live', m004],
  ['005_limitations', m005],
  ['006_mediation', m006],
  ['007_race_guards', m007],
  ['008_search_index', m008],
  ['009_list_sort_indexes', m009],
  ['010_pg_trigram', m010],
  ['012_login_throttle', m012],
  ['013_mediation_links', m013],
  ['014_payout_runs', m014],
  ['017_staff_totp', m017],
  ['018_change_notify', m018],
  ['019_partner_score_order', m019],
  ['020_table_write_notify', m020],
];
