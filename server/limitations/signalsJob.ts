/**
 * LIM-10: the computed signals are refreshed every Paris midnight by a periodic job (one
 * process claims each run, server/engine/live/periodicJobs.ts), by the system. The refresh is
 * a check-then-insert: run by one process at a time, it never files the same signal twice.
 */
import { nextParisMidnight, type TransactionalJob } from '../engine/live/periodicJobs';
import { refreshSignalsIn } from './signals';

export const signalsRefreshJob: TransactionalJob = {
  name: 'signals_refresh',
  next: nextParisMidnight,
  first: nextParisMidnight,
  run: (tx) => refreshSignalsIn(tx),
};
