/**
 * The connection settings of a knex PostgreSQL handle, for the connections a process opens
 * beside the pool: a LISTEN must stay on one connection, which the pool would hand back.
 */
import type { Knex } from 'knex';
import type pg from 'pg';

export function pgClientConfig(db: Knex): pg.ClientConfig {
  const connection = (db.client.config as { connection: string | pg.ClientConfig }).connection;
  return typeof connection === 'string' ? { connectionString: connection } : { ...connection };
}
