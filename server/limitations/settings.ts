/**
 * Limitation and signal settings. Kept beside the capability rather than in
 * AppConfig: they are business thresholds, not deployment settings *(assumed)*.
 */
export const LIMITATION_SETTINGS = {
  /** LIM-4: a manual limitation ends at most this many calendar months after it starts. */
  maxLimitationMonths: 6,
} as const;

/** Thresholds of the computed signals (suggestions for ops' review, never decisions). */
export const SIGNAL_SETTINGS = {
  cancellations: { min: 3, days: 60 },
  noShows: { min: 1, days: 30 },
  negativeReviews: { min: 3, days: 60, maxRating: 2 },
  cases: { min: 1, days: 90 },
  contactSharing: { days: 30 },
} as const;
