/**
 * The read routes (list, record, CSV) of every resource the console lists — each spec lives
 * with its capability — and the service catalogue's edit (admin).
 */
import { registerAuditRoutes } from '../audit/routes';
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { parsePutBody, registerReadRoutes } from '../http/crud';
import * as specs from './specs';
import { documentsSpec } from '../verification/specs';
import { limitationsSpec, signalsSpec } from '../limitations/specs';
import { casesSpec } from '../mediation/specs';
import { payoutsSpec } from '../payouts/specs';
import { updateService, updateServiceSchema } from './services';
import { serviceAnswer } from './answers';

export function registerMarketplaceRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  registerReadRoutes(api, db, specs.partnersSpec, { tag: 'partners', label: 'partners' });
  registerReadRoutes(api, db, documentsSpec, { tag: 'documents', label: "partners' documents" });
  registerReadRoutes(api, db, specs.clientsSpec, { tag: 'clients', label: 'clients' });
  registerReadRoutes(api, db, specs.servicesSpec, { tag: 'services', label: 'services' });
  registerReadRoutes(api, db, specs.ordersSpec, { tag: 'orders', label: 'orders' });
  registerReadRoutes(api, db, specs.proposalsSpec, { tag: 'proposals', label: 'dispatch proposals' });
  registerReadRoutes(api, db, specs.reviewsSpec, { tag: 'reviews', label: 'reviews' });
  registerReadRoutes(api, db, specs.paymentsSpec, { tag: 'payments', label: 'payments' });
  registerReadRoutes(api, db, payoutsSpec, { tag: 'payouts', label: 'payouts' });
  registerReadRoutes(api, db, limitationsSpec, { tag: 'limitations', label: 'limitations' });
  registerReadRoutes(api, db, signalsSpec, { tag: 'signals', label: 'signals' });
  registerReadRoutes(api, db, casesSpec, { tag: 'cases', label: 'mediation cases' });
  // The audit trail shows each role only what it may read (server/audit/routes.ts).
  registerAuditRoutes(api, db);

  api.add(
    {
      method: 'put',
      path: '/services/:id',
      access: { kind: 'permission', resource: 'services', action: 'edit' },
      summary: 'Edit a service: name, duration, price and partner pay (PAY-1, PAY-2)',
      tag: 'services',
      body: updateServiceSchema,
      status: 200,
      answer: serviceAnswer,
    },
    async (req, res) => {
      const ctx = { db, clock, actor: req.actor };
      res.json(await updateService(ctx, String(req.params.id), parsePutBody(specs.servicesSpec, updateServiceSchema, req.body)));
    },
  );
}
