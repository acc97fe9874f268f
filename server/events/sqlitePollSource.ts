/**
 * SQLite: one process, one writer, ids given in commit order — the rows past the last id seen
 * are exactly the new ones. Polled every `periodMs` while the feed runs.
 */
import type { Knex } from 'knex';
import type { ChangeSource, FeedErrorLog, IdsListener } from './changeFeed';

const BATCH = 1000;

export function sqlitePollSource(db: Knex, periodMs: number, log: FeedErrorLog): ChangeSource {
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  let lastId = 0;
  let active = false;

  const poll = async (emit: IdsListener) => {
    for (;;) {
      const rows = (await db('auditLog').where('id', '>', lastId).orderBy('id').limit(BATCH).select('id')) as { id: number }[];
      if (rows.length === 0) return;
      const ids = rows.map((r) => Number(r.id));
      lastId = ids[ids.length - 1];
      emit(ids);
      if (rows.length < BATCH) return;
    }
  };
  const schedule = (emit: IdsListener) => {
    timer = setTimeout(() => {
      timer = null;
      polling = poll(emit)
        .catch((err: unknown) => log(err, 'audit poll'))
        .finally(() => {
          polling = null;
          if (active) schedule(emit);
        });
    }, periodMs);
    timer.unref();
  };

  return {
    async start(emit) {
      const row = (await db('auditLog').max({ id: 'id' }).first()) as { id: number | null } | undefined;
      lastId = Number(row?.id ?? 0);
      active = true;
      schedule(emit);
    },
    async stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await polling;
    },
  };
}
