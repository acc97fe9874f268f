/** GET /api/stats/marketplace?from=YYYY-MM-DD&to=YYYY-MM-DD — the dashboard's figures (any signed-in staff). */
import { z } from 'zod';
import type { RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { AppError, fromZod } from '../http/errors';
import { addParisDays, parisDate } from '../../shared/calendar/paris';
import { marketplaceStats } from './marketplaceStats';
import { isIsoDate } from '../../shared/calendar/paris';
import { partnerEngineSummary } from './partnerEngineSummary';
import { marketplaceStatsAnswer, partnerEngineAnswer } from './answers';

// One date check for the whole codebase (shared/calendar/paris.ts).
const date = z.string().refine(isIsoDate, 'date AAAA-MM-JJ existante attendue / an existing YYYY-MM-DD date expected');
export const statsQuery = z.strictObject({ from: date.optional(), to: date.optional() });

export function registerInsightRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  api.add(
    {
      method: 'get',
      path: '/stats/marketplace',
      access: { kind: 'permission', resource: 'orders', action: 'list' },
      summary: 'Marketplace figures over a period of Paris dates (default: the last 30 days)',
      tag: 'insights',
      query: statsQuery,
      status: 200,
      answer: marketplaceStatsAnswer,
    },
    async (req, res) => {
      const parsed = statsQuery.safeParse(req.query);
      if (!parsed.success) throw fromZod(parsed.error, 'la période / the period');
      const today = parisDate(clock.now());
      const to = parsed.data.to ?? today;
      const from = parsed.data.from ?? addParisDays(to, -29);
      if (from > to) throw AppError.badRequest('La date de début doit précéder la date de fin. / from must not be after to.');
      if (addParisDays(from, 366) < to) throw AppError.badRequest('Une période d’un an au plus. / At most one year.');
      res.json(await marketplaceStats(db, { from, to }));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/partners/:id/engine',
      access: { kind: 'permission', resource: 'partners', action: 'show' },
      summary: "A partner's score history, proposals answered (LIM-1) and review visibility (REV-1..5)",
      tag: 'insights',
      status: 200,
      answer: partnerEngineAnswer,
    },
    async (req, res) => {
      const id = String(req.params.id);
      const summary = /^\d{1,15}$/.test(id) ? await partnerEngineSummary(db, Number(id), clock.now()) : null;
      if (!summary) throw AppError.notFound('partners', id);
      res.json(summary);
    },
  );
}
