/**
 * How a partner's score was computed (rules SCO-1..8): what the engine stores in
 * partners.scoreDetails and the console shows so that staff can explain a score.
 */
export interface ScoreBreakdown {
  /** SCO-2 retention: returning clients / distinct clients of completed sessions. */
  R: number;
  /** SCO-3 rating, (mean − 1) / 4. */
  A: number;
  /** SCO-4 reliability. */
  F: number;
  completedInWindow: number;
  distinctClients: number;
  returningClients: number;
  ratingsCounted: number;
  imputedRatings: number;
  cancellations: number;
  noShows: number;
  accepted: number;
  /** 0..100, one decimal. */
  real: number;
  /** SCO-6: fewer than 20 completed sessions in all: the score moves from the platform mean toward `real`, ((20 − n) × mean + n × real) / 20. */
  usesPlatformMean: boolean;
  score: number;
}

/** As stored: the breakdown plus the platform mean and the time of the recompute. */
export interface StoredScoreDetails extends ScoreBreakdown {
  platformMean?: number;
  computedAt?: string;
}
