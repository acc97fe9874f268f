/**
 * The bulk recompute's input on PostgreSQL (SCO-2..SCO-8): the database counts, for every
 * partner at once, the same `ScoreTallies` that `computeScore` folds from one partner's
 * orders (server/engine/score.ts), and `scoreFromTallies` turns them into the breakdown
 * (engine.scoreTallies.test.ts compares it partner by partner with the per-partner recompute).
 *
 * Why in SQL: the window (183 days) holds nearly every order of the platform. Sent to the
 * server one row per order, the large demo's million orders cost 7 s of decoding and folding
 * in Node (8.8 s in all), and held the event loop of the instance that ran the job, so its
 * requests waited; aggregated where the rows are (20,000 rows back), 6 s in all, 0.7 s of
 * it in Node. SQLite runs in the process: there the fold is the faster (scoreScan.ts).
 *
 * Three steps, each a GROUP BY (no COUNT(DISTINCT), which sorts):
 * - `cf`, per client, platform-wide: the start of their first completed session (SCO-8
 *   rating: an unanswered survey counts 3 there only) and their last order creation
 *   (SCO-8 retention);
 * - `pc`, per partner and client: completed sessions in all (SCO-6), the first completed
 *   session together (SCO-8 retention), and the window's counts (SCO-5);
 * - per partner: a client of a completed session in the window is one of the distinct
 *   clients (SCO-2), returning when they created an order after the first completed
 *   session together.
 * Instants compare as timestamptz, as the per-partner recompute's WHERE compares them.
 */
import { scoreFromTallies, type ScoreBreakdown, type ScoreTallies } from '../score';
import { num } from '../../data/rows';
import type { Tx } from '../../data/transaction';

/** A partner as the bulk recompute scores it. */
export interface PartnerScore {
  id: number;
  status: string;
  /** The stored score (null: never scored). */
  score: number | null;
  /** SCO-6: completed sessions in all. */
  completedAll: number;
  /** With a platform mean of 0: the bulk recompute sets the new mean in (SCO-6). */
  breakdown: ScoreBreakdown;
}

/**
 * The SELECT, with `?` for the window's bounds in this order: from, to (starting in the
 * window), from, to (cancelled by the partner in it, SCO-4), from, to (the survey reviews of
 * the window's completed sessions).
 */
const TALLIES_SQL = `
WITH "cf" AS (
  SELECT "clientId",
    MIN(CASE WHEN "status" = 'completed' THEN "startsAt" END) AS "firstCompleted",
    MAX("createdAt") AS "lastCreated"
  FROM "orders" GROUP BY "clientId"
), "x" AS (
  SELECT o."partnerId", o."clientId", o."status", o."startsAt",
    CASE WHEN (o."startsAt" >= ? AND o."startsAt" <= ?)
      OR (o."status" = 'cancelled_by_partner' AND o."cancelledAt" >= ? AND o."cancelledAt" <= ?) THEN 1 ELSE 0 END AS "w",
    CASE WHEN r."surveyAnswered" THEN r."rating" END AS "answered",
    CASE WHEN o."startsAt" = "cf"."firstCompleted" THEN 1 ELSE 0 END AS "firstOnPlatform",
    "cf"."lastCreated"
  FROM "orders" o
  JOIN "cf" ON "cf"."clientId" = o."clientId"
  LEFT JOIN "reviews" r ON r."orderId" = o."id" AND o."status" = 'completed' AND o."startsAt" >= ? AND o."startsAt" <= ?
  WHERE o."partnerId" IS NOT NULL
), "pc" AS (
  SELECT "partnerId", "clientId",
    SUM(CASE WHEN "status" = 'completed' THEN 1 ELSE 0 END) AS "completedAll",
    MIN(CASE WHEN "status" = 'completed' THEN "startsAt" END) AS "firstWith",
    MAX("lastCreated") AS "lastCreated",
    SUM(CASE WHEN "w" = 1 AND "status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
    SUM(CASE WHEN "w" = 1 AND "status" = 'completed' THEN COALESCE("answered", CASE WHEN "firstOnPlatform" = 1 THEN 3 END, 0) ELSE 0 END) AS "ratingSum",
    SUM(CASE WHEN "w" = 1 AND "status" = 'completed' AND ("answered" IS NOT NULL OR "firstOnPlatform" = 1) THEN 1 ELSE 0 END) AS "ratingsCounted",
    SUM(CASE WHEN "w" = 1 AND "status" = 'completed' AND "answered" IS NULL AND "firstOnPlatform" = 1 THEN 1 ELSE 0 END) AS "imputedRatings",
    SUM(CASE WHEN "w" = 1 AND "status" = 'cancelled_by_partner' THEN 1 ELSE 0 END) AS "cancellations",
    SUM(CASE WHEN "w" = 1 AND "status" = 'no_show' THEN 1 ELSE 0 END) AS "noShows",
    SUM(CASE WHEN "w" = 1 AND "status" = 'accepted' THEN 1 ELSE 0 END) AS "stillAccepted"
  FROM "x" GROUP BY "partnerId", "clientId"
)
SELECT p."id", p."status", p."score",
  COALESCE(SUM("pc"."completedAll"), 0) AS "completedAll",
  COALESCE(SUM("pc"."completed"), 0) AS "completed",
  SUM(CASE WHEN "pc"."completed" > 0 THEN 1 ELSE 0 END) AS "distinctClients",
  SUM(CASE WHEN "pc"."completed" > 0 AND "pc"."lastCreated" > "pc"."firstWith" THEN 1 ELSE 0 END) AS "returningClients",
  COALESCE(SUM("pc"."ratingSum"), 0) AS "ratingSum",
  COALESCE(SUM("pc"."ratingsCounted"), 0) AS "ratingsCounted",
  COALESCE(SUM("pc"."imputedRatings"), 0) AS "imputedRatings",
  COALESCE(SUM("pc"."cancellations"), 0) AS "cancellations",
  COALESCE(SUM("pc"."noShows"), 0) AS "noShows",
  COALESCE(SUM("pc"."stillAccepted"), 0) AS "stillAccepted"
FROM "partners" p
LEFT JOIN "pc" ON "pc"."partnerId" = p."id"
GROUP BY p."id", p."status", p."score"
ORDER BY p."id"`;

/** PostgreSQL: every partner (any status) with its breakdown for the window [from, to] (ISO instants), the platform mean not applied yet. */
export async function talliedScores(tx: Tx, from: string, to: string): Promise<PartnerScore[]> {
  // For this transaction only. The statement's cost makes PostgreSQL compile it (JIT):
  // ~1.5 s of compiling for a few seconds of run, on the large demo.
  await tx.trx.raw('SET LOCAL jit = off');
  // A background job takes one core of the database, not all of them: with parallel workers
  // the default demo's recompute took 430–540 ms, and every request on a 2-core machine
  // waited meanwhile; on one core 320–440 ms (the large demo: 5.6 s instead of 5.1 s).
  await tx.trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
  const { rows } = (await tx.trx.raw(TALLIES_SQL, [from, to, from, to, from, to])) as { rows: Record<string, unknown>[] };
  return rows.map((r) => {
    const tallies: ScoreTallies = {
      completed: num(r.completed),
      // SUM over no row is NULL: a partner without clients.
      distinctClients: num(r.distinctClients ?? 0),
      returningClients: num(r.returningClients ?? 0),
      ratingSum: num(r.ratingSum),
      ratingsCounted: num(r.ratingsCounted),
      imputedRatings: num(r.imputedRatings),
      cancellations: num(r.cancellations),
      noShows: num(r.noShows),
      stillAccepted: num(r.stillAccepted),
    };
    const completedAll = num(r.completedAll);
    const score = r.score === null || r.score === undefined ? null : num(r.score);
    return { id: num(r.id), status: String(r.status), score, completedAll, breakdown: scoreFromTallies(tallies, completedAll, 0) };
  });
}
