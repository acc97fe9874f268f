/**
 * Expired sessions are deleted every 15 minutes by a periodic job, claimed by one server
 * process (server/engine/live/periodicJobs.ts) — not by the session store's own timer, which
 * would run in every process. The comparison is the store's own (connect-session-knex):
 * instants as text on SQLite, timestamptz on PostgreSQL.
 */
import { every, type TransactionalJob } from '../engine/live/periodicJobs';

export const expiredSessionsJob: TransactionalJob = {
  name: 'sessions_cleanup',
  next: every(15 * 60_000),
  run: (tx) =>
    tx
      .trx('sessions')
      .whereRaw(tx.pg ? 'expired < CAST(? AS timestamptz)' : 'datetime(expired) < datetime(?)', [tx.now.toISOString()])
      .del(),
};
