/**
 * SCO-6: the engine's own periodic job — at every Paris midnight, rows left without their
 * timers are adopted (reconcile), then every partner's score and the platform mean are
 * recomputed (score history on Mondays). Every worker handles it (engine jobs are built in);
 * other capabilities' jobs come from `server/jobs.ts`.
 */
import { parisDate, weekdayOfDate } from '../../../shared/calendar/paris';
import { JobRegistry, nextParisMidnight, type TransactionalJob } from './periodicJobs';
import { reconcileTimersIn } from './reconcile';
import { recomputeAllScoresIn } from './scores';

export const dailyRecomputeJob: TransactionalJob = {
  name: 'daily_recompute',
  next: nextParisMidnight,
  first: nextParisMidnight,
  async run(tx) {
    await reconcileTimersIn(tx);
    return recomputeAllScoresIn(tx, { history: weekdayOfDate(parisDate(tx.now)) === 1 });
  },
};

/** The jobs every engine worker handles, whatever the process registers besides. */
export function engineJobs(): JobRegistry {
  return new JobRegistry([dailyRecomputeJob]);
}
