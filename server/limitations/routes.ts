/**
 * Limitation actions, signals and the partner outbox. The list/show routes of
 * `limitations` and `signals` are registered by marketplace/routes.ts.
 */
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { parseBody } from '../http/crud';
import { applyLimitation, createLimitationSchema } from './applyLimitation';
import { approveTermination } from './approveTermination';
import { noteSchema, optionalNoteSchema } from './changeLimitation';
import { declineTermination } from './declineTermination';
import { liftLimitation } from './liftLimitation';
import { partnerOutbox } from './partnerOutbox';
import { requestTermination } from './requestTermination';
import { limitationAnswer, outboxAnswer, refreshedSignalsAnswer, signalAnswer } from './answers';
import { fileSignal, fileSignalSchema, refreshSignals, setSignalStatus, signalNoteSchema } from './signals';

export function registerLimitationRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  const ctxOf = (req: { actor?: import('../auth/actor').Actor }) => ({ db, clock, actor: req.actor });

  api.add(
    {
      method: 'post',
      path: '/limitations',
      access: { kind: 'permission', resource: 'limitations', action: 'create' },
      summary: 'Apply a manual limitation (LIM-4, LIM-5): reason, modality, end date (≤ 6 months), note, evidence',
      tag: 'limitations',
      body: createLimitationSchema,
      status: 201,
      answer: limitationAnswer,
      response: '201 the limitation; 409 partner not active or a manual limitation already in force; 422 bad date or evidence',
    },
    async (req, res) => {
      res.status(201).json(await applyLimitation(ctxOf(req), parseBody(createLimitationSchema, req.body)));
    },
  );

  const actions = [
    ['lift', noteSchema, liftLimitation, 'Lift a limitation (active or awaiting review → lifted; LIM-3, LIM-6)'],
    ['terminate', noteSchema, requestTermination, 'Request the termination (awaiting review → termination pending; LIM-6)'],
    ['approve-termination', optionalNoteSchema, approveTermination, 'Approve a termination requested by another ops/admin account (four eyes): partner terminated'],
    ['decline-termination', noteSchema, declineTermination, 'Decline a termination request (→ awaiting review)'],
  ] as const;
  for (const [action, schema, decide, summary] of actions) {
    api.add(
      {
        method: 'post',
        path: `/limitations/:id/${action}`,
        access: { kind: 'permission', resource: 'limitations', action },
        summary,
        tag: 'limitations',
        body: schema,
        status: 200,
        answer: limitationAnswer,
        response: 'the limitation; 404 unknown; 409 invalid_state or conflict (someone acted first)',
      },
      async (req, res) => {
        const body = parseBody(schema, req.body ?? {}) as { note?: string };
        res.json(await decide(ctxOf(req), String(req.params.id), body.note));
      },
    );
  }

  api.add(
    {
      method: 'post',
      path: '/signals',
      access: { kind: 'permission', resource: 'signals', action: 'create' },
      summary: 'File a signal about a partner',
      tag: 'signals',
      body: fileSignalSchema,
      status: 201,
      answer: signalAnswer,
      response: 'The signal (source filed).',
    },
    async (req, res) => {
      res.status(201).json(await fileSignal(ctxOf(req), parseBody(fileSignalSchema, req.body)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/signals/refresh',
      access: { kind: 'permission', resource: 'signals', action: 'edit' },
      summary: 'Compute signals from the data (cancellations, no-shows, negative reviews, cases, contact sharing — CON-1); idempotent',
      tag: 'signals',
      status: 200,
      answer: refreshedSignalsAnswer,
    },
    async (req, res) => {
      res.json(await refreshSignals(ctxOf(req)));
    },
  );

  for (const [action, status] of [['dismiss', 'dismissed'], ['action', 'actioned']] as const) {
    api.add(
      {
        method: 'post',
        path: `/signals/:id/${action}`,
        access: { kind: 'permission', resource: 'signals', action: 'edit' },
        summary: status === 'dismissed' ? 'Dismiss an open signal' : 'Mark an open signal as actioned',
        tag: 'signals',
        body: signalNoteSchema,
        status: 200,
        answer: signalAnswer,
      },
      async (req, res) => {
        const body = parseBody(signalNoteSchema, req.body ?? {});
        res.json(await setSignalStatus(ctxOf(req), String(req.params.id), status, body.note));
      },
    );
  }

  api.add(
    {
      method: 'get',
      path: '/partners/:id/outbox',
      access: { kind: 'permission', resource: 'partners', action: 'show' },
      summary: "The messages sent to a partner about limitation decisions (French), newest first",
      tag: 'partners',
      status: 200,
      answer: outboxAnswer,
    },
    async (req, res) => {
      res.json(await partnerOutbox(ctxOf(req), String(req.params.id)));
    },
  );
}
