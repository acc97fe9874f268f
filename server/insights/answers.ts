/** What the dashboard's figures and a partner's engine summary answer (marketplaceStats.ts, partnerEngineSummary.ts). */
import { z } from 'zod';
import { day } from '../http/answers';

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();
const byAnswer = z.record(z.string(), count);

export const marketplaceStatsAnswer = z.strictObject({
  period: z.strictObject({ from: day, to: day }),
  scores: z.strictObject({
    partners: count,
    median: z.number().nullable(),
    above90: count,
    buckets: z.array(z.strictObject({ bucket: z.string(), partners: count })),
  }),
  acceptance: z.strictObject({ answered: count, accepted: count, byAnswer, rate }),
  fill: z.strictObject({ decided: count, filled: count, rate }),
  timeToAcceptance: z.array(z.strictObject({ band: z.enum(['lt4h', 'lt24h', 'lt72h', 'ge72h']), orders: count, medianMinutes: z.number().nullable() })),
  perDay: z.array(z.strictObject({ day, orders: count, unfilled: count, accepted: count })),
  limitationsInForce: z.array(z.strictObject({ day, automatic: count, manual: count })),
});

export const partnerEngineAnswer = z.strictObject({
  scoreHistory: z.array(z.strictObject({ day: z.string(), score: z.number().nullable(), real: z.number().nullable() })),
  proposals: z.strictObject({
    byAnswer,
    answered: count,
    acceptanceRate: rate,
    lastAnswered: count,
    acceptedInLastAnswered: count,
  }),
  reviews: z.strictObject({ shown: z.boolean(), ratingsCount: count, meanRating: z.number().nullable(), published: count }),
});
