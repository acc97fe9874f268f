/** Partner records for support agents: create an applicant, edit details. */
import type { Request } from 'express';
import type { ApiRouter } from '../http/apiRouter';
import { parseBody, parsePutBody } from '../http/crud';
import type { Ctx, RouteDeps } from '../context';
import { partnersSpec } from '../marketplace/specs';
import { createApplicant, createPartnerSchema, updatePartner, updatePartnerSchema } from './partnerRecord';

export function registerVerificationRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  const ctx = (req: Request): Ctx => ({ db, clock, actor: req.actor });
  api.add(
    {
      method: 'post',
      path: '/partners',
      access: { kind: 'permission', resource: 'partners', action: 'create' },
      summary: 'Create an applicant partner (REF-1)',
      tag: 'partners',
      body: createPartnerSchema,
    },
    async (req, res) => {
      res.status(201).json(await createApplicant(ctx(req), parseBody(createPartnerSchema, req.body)));
    },
  );
  api.add(
    {
      method: 'put',
      path: '/partners/:id',
      access: { kind: 'permission', resource: 'partners', action: 'edit' },
      summary: "Edit a partner's details (statuses change only through actions)",
      tag: 'partners',
      body: updatePartnerSchema,
    },
    async (req, res) => {
      res.json(await updatePartner(ctx(req), String(req.params.id), parsePutBody(partnersSpec, updatePartnerSchema, req.body)));
    },
  );
}
