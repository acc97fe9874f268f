/**
 * The live engine: DB-backed operations on the real (injected) clock. Each takes a Ctx
 * {db, clock, actor}, runs in one transaction and writes its audit row; decisions come from
 * the engine's pure core (dispatch, score, automatic limitation, reviews, money).
 */
export { EngineError, type EngineErrorCode } from './errors';
export { createOrder, orderReference, type CreateOrderInput } from './createOrder';
export { proposeNext } from './dispatch';
export { answerProposal, answerOtherSlot, type AnswerResult, type PartnerAnswer } from './answerProposal';
export { cancelOrder, completeOrder, markNoShow, type CancelledBy } from './orderLifecycle';
export { createReview, editReview, upsertReview, publishDueReviews, type ReviewInput } from './reviews';
export { addFavourite, sendMessage, type MessageInput } from './social';
export { deleteClient, REDACTED, type DeleteClientResult } from './deleteClient';
export { recomputePartnerScore, recomputeAllScores, type BulkRecomputeSummary } from './scores';
export { claimDeadline, claimDueDeadlines, processClaimedDeadline, processDueDeadlines, type DeadlineRow, type ProcessSummary } from './processDeadlines';
export { JobRegistry, every, nextParisMidnight, requestJobRun, ensureJobRuns, type PeriodicJob, type TransactionalJob, type OutsideJob } from './periodicJobs';
export { dailyRecomputeJob } from './dailyRecompute';
export { scheduleDeadline, cancelDeadlines, DEADLINE_KINDS, type DeadlineKind } from './deadlines';
export { startEngineWorker, type EngineWorker } from './worker';
export { reconcileTimers, type ReconcileSummary } from './reconcile';
