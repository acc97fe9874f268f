/**
 * The server's periodic jobs, registered with the engine worker (which adds the engine's
 * own, the SCO-6 daily recompute). Each runs through `engineDeadlines` claims: with several
 * server processes on one database, one of them handles each run
 * (server/engine/live/periodicJobs.ts says how to write one).
 */
import { expiredSessionsJob } from './auth/removeExpiredSessions';
import { JobRegistry } from './engine/live/periodicJobs';
import { signalsRefreshJob } from './limitations/signalsJob';
import { payoutRunJob } from './payouts/runPayouts';
import { uploadsCleanupJob } from './uploads/removeStaleParts';
import { verificationSweepJob } from './verification/fileStatus';

export function serverJobs(deps: { uploadsDir: string }): JobRegistry {
  return new JobRegistry([
    verificationSweepJob, // REF-8, hourly
    signalsRefreshJob, // LIM-10, every Paris midnight
    uploadsCleanupJob(deps.uploadsDir), // temp files of killed processes, hourly
    expiredSessionsJob, // every 15 minutes
    payoutRunJob, // PAY-4 / PAY-6: Mondays and 1sts at 00:00 Paris
  ]);
}
