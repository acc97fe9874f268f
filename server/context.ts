/** What every operation receives: the database, who acts, and the time. Operations never see req/res. */
import type { Knex } from 'knex';
import type { Actor } from './auth/actor';
import type { Clock } from './clock';

export interface Ctx {
  db: Knex;
  actor?: Actor;
  clock: Clock;
}

/** What a capability's route registration receives from the app builder. */
export interface RouteDeps {
  db: Knex;
  clock: Clock;
  config: import('./config').AppConfig;
}
