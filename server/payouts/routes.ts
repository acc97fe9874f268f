/**
 * Payouts (PAY-4, PAY-7): the payout runs and the partners' payouts (read: ops, support,
 * admin), a payout's lines, and a run's SEPA bank file (admin).
 */
import type { RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { registerReadRoutes } from '../http/crud';
import { payoutRunsSpec } from './specs';
import { payoutLinesAnswer, sepaFileAnswer } from './answers';
import { makeSepaFile } from './makeSepaFile';
import { payoutLines } from './payoutLines';

export function registerPayoutRoutes(api: ApiRouter, { db, clock, config }: RouteDeps): void {
  registerReadRoutes(api, db, payoutRunsSpec, { tag: 'payouts', label: 'payout runs (one period of one frequency, paid once)' });

  api.add(
    {
      method: 'get',
      path: '/payouts/:id/lines',
      access: { kind: 'permission', resource: 'payouts', action: 'show' },
      summary: "A payout's lines: each session paid (order, its end, the partner's pay)",
      tag: 'payouts',
      status: 200,
      answer: payoutLinesAnswer,
    },
    async (req, res) => {
      res.json(await payoutLines(db, String(req.params.id)));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/payout-runs/:id/sepa.xml',
      access: { kind: 'permission', resource: 'payout-runs', action: 'sepa' },
      summary: "The run's SEPA credit transfer (ISO 20022 pain.001.001.09): one transaction per payout; 422 listing the payouts whose partner has no valid IBAN",
      tag: 'payouts',
      status: 200,
      answer: sepaFileAnswer,
      response: 'application/xml',
    },
    async (req, res) => {
      const file = await makeSepaFile(db, String(req.params.id), clock.now(), config.sepaDebtors);
      res.set({
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.send(file.xml);
    },
  );
}
