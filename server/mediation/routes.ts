/**
 * Mediation routes (CONTRACT.md "Actions → Cases"; mediator and admin — the
 * permission table's `cases` actions). The list/show routes of `cases` are registered
 * by marketplace/routes.ts. Thin: parse, call one operation, shape the answer. The
 * answer shapes are written down in ./README.md for the console.
 */
import { parseRowId } from '../data/parseRowId';
import type { ApiRecord } from '../http/resource';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Ctx, RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { parseBody, parsePutBody } from '../http/crud';
import { casesSpec } from './specs';
import { receiveRawUpload, receiveUpload } from '../uploads/receiveUpload';
import { sendStoredFile } from '../uploads/sendFile';
import { AppError } from '../http/errors';
import { attachSuggestion } from './attachSuggestion';
import { closeDuplicate, closeDuplicateBodySchema } from './closeDuplicate';
import { dismissSuggestion } from './dismissSuggestion';
import { evidenceFile, uploadEvidence } from './evidence';
import { intakeEml } from './intake';
import { addEvent, addEventSchema } from './addEvent';
import { assignBodySchema, assignCase } from './assignCase';
import type { CaseAction } from './caseStatus';
import { noteBodySchema } from './changeCaseStatus';
import { closeBodySchema, closeCase } from './closeCase';
import { createCase, createCaseSchema } from './createCase';
import { extendBodySchema, extendOutcome } from './extendOutcome';
import { listEvents } from './listEvents';
import { referBodySchema, referCase } from './referCase';
import { resolveCase } from './resolveCase';
import { settleAmicably } from './settleAmicably';
import { updateCase, updateCaseSchema } from './updateCase';
import { loadReferral, renderReferralPdf } from './referral';
import { pdfAnswer, storedFileAnswer } from '../http/answers';
import { caseAnswer, caseEventAnswer, caseEventsAnswer, intakeAnswer } from './answers';

const CASE_ANSWER = 'The case record; 404 unknown; 409 invalid_state or conflict (someone acted first)';

/** The intake's form fields besides `file`: only `caseId` (a case id), else 400. */
function intakeFields(fields: Record<string, string>): { caseId?: number } {
  const unknown = Object.keys(fields).filter((k) => k !== 'caseId');
  if (unknown.length) throw AppError.badRequest(`Champ(s) inconnu(s) : ${unknown.join(', ')}.`, { unknownFields: unknown });
  if (fields.caseId === undefined) return {};
  const raw = fields.caseId.trim();
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw AppError.badRequest('« caseId » doit être l’identifiant d’un dossier.', { fields: { caseId: 'not_an_id' } });
  return { caseId: parseRowId(raw, 'cases') };
}

export function registerMediationRoutes(api: ApiRouter, deps: RouteDeps): void {
  const { db, clock, config } = deps;
  const ctx = (req: Request): Ctx => ({ db, clock, actor: req.actor });

  api.add(
    {
      method: 'post',
      path: '/cases',
      access: { kind: 'permission', resource: 'cases', action: 'create' },
      summary: 'Open a case from a complaint (order, client, partner; written complaint date — MED-5, MED-7)',
      tag: 'cases',
      body: createCaseSchema,
      status: 201,
      answer: caseAnswer,
      response: '422 unknown order/client/partner, future date, not a mediator',
    },
    async (req, res) => {
      res.status(201).json(await createCase(ctx(req), parseBody(createCaseSchema, req.body)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/cases/intake',
      access: { kind: 'permission', resource: 'cases', action: 'intake' },
      summary:
        'Import an e-mail (.eml, multipart `file`, optional field `caseId`): with `caseId`, a message on that case; else a message on the case whose reference it quotes when the sender is that case’s client or partner, else a new case (to be attached when it quotes one); attachments become evidence (MED-2)',
      tag: 'cases',
      multipart: true,
      status: [201, 200],
      answer: intakeAnswer,
      response: '201 when the message opened a case (created: true), 200 when it went to an existing one; 400 malformed message or caseId; 404 unknown caseId; 409 already imported or case closed; 413',
    },
    async (req, res) => {
      const upload = await receiveRawUpload(req, res, { maxMb: config.maxUploadMb });
      const result = await intakeEml(ctx(req), config.uploadsDir, upload.buffer, intakeFields(upload.fields));
      res.status(result.created ? 201 : 200).json(result);
    },
  );

  const linkActions = [
    ['attach', 'edit', noteBodySchema, 'Attach the e-mail of a case "to be attached" to the case it quoted: its events move there, this case closes as its duplicate', attachSuggestion],
    ['dismiss-suggestion', 'edit', noteBodySchema, 'Dismiss the suggested attachment: the case stays a case of its own', dismissSuggestion],
    ['close-duplicate', 'close', closeDuplicateBodySchema, 'Close the case as a duplicate of another (`duplicateOfId`), linked both ways', closeDuplicate],
  ] as const;
  for (const [path, action, schema, summary, operation] of linkActions) {
    api.add(
      {
        method: 'post',
        path: `/cases/:id/${path}`,
        access: { kind: 'permission', resource: 'cases', action },
        summary,
        tag: 'cases',
        body: schema,
        status: 200,
        answer: caseAnswer,
        response: `${CASE_ANSWER}; 422 unknown or unsuitable linked case`,
      },
      async (req, res) => {
        const body = parseBody(schema, req.body ?? {}) as Parameters<typeof closeDuplicate>[2];
        res.json(await operation(ctx(req), String(req.params.id), body));
      },
    );
  }

  api.add(
    {
      method: 'put',
      path: '/cases/:id',
      access: { kind: 'permission', resource: 'cases', action: 'edit' },
      summary: 'Edit a case: category, description, assignee, written complaint date, the mediator’s dates (reception, notification — referred cases)',
      tag: 'cases',
      body: updateCaseSchema,
      status: 200,
      answer: caseAnswer,
      response: CASE_ANSWER,
    },
    async (req, res) => {
      res.json(await updateCase(ctx(req), String(req.params.id), parsePutBody(casesSpec, updateCaseSchema, req.body)));
    },
  );

  /** A status decision: its body parsed with its own schema, handed to the operation named for it. */
  function decision<S extends z.ZodType>(action: CaseAction, schema: S, decide: (c: Ctx, rawId: string, body: z.infer<S>) => Promise<ApiRecord>, summary: string): void {
    api.add(
      {
        method: 'post',
        path: `/cases/:id/${action}`,
        access: { kind: 'permission', resource: 'cases', action },
        summary,
        tag: 'cases',
        body: schema,
        status: 200,
        answer: caseAnswer,
        response: `${CASE_ANSWER}; 422 inadmissible referral or refund`,
      },
      async (req, res) => {
        res.json(await decide(ctx(req), String(req.params.id), parseBody(schema, req.body ?? {})));
      },
    );
  }
  decision('amicable', noteBodySchema, settleAmicably, 'Start the amicable settlement (open → amicable; MED-1)');
  decision('resolve', noteBodySchema, resolveCase, 'Mark the case resolved (open | amicable → resolved)');
  decision('refer', referBodySchema, referCase, 'Refer to the consumer mediator (open | amicable → referred); 422 when MED-5 makes it inadmissible or MED-8 refuses it (open before MED-7’s answer deadline)');
  decision('close', closeBodySchema, closeCase, 'Close with the outcome (agreement with an optional refund in cents, no_agreement, withdrawn)');

  api.add(
    {
      method: 'post',
      path: '/cases/:id/assign',
      access: { kind: 'permission', resource: 'cases', action: 'assign' },
      summary: 'Take the case (no body), give it to a mediator/admin, or put it back in the queue (assignedTo: null)',
      tag: 'cases',
      body: assignBodySchema,
      status: 200,
      answer: caseAnswer,
      response: CASE_ANSWER,
    },
    async (req, res) => {
      res.json(await assignCase(ctx(req), String(req.params.id), parseBody(assignBodySchema, req.body ?? {})));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/cases/:id/extend',
      access: { kind: 'permission', resource: 'cases', action: 'extend' },
      summary: 'Extend the outcome deadline of a referred, notified case (MED-6) by some days, with the reason recorded',
      tag: 'cases',
      body: extendBodySchema,
      status: 200,
      answer: caseAnswer,
      response: CASE_ANSWER,
    },
    async (req, res) => {
      res.json(await extendOutcome(ctx(req), String(req.params.id), parseBody(extendBodySchema, req.body ?? {})));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/cases/:id/events',
      access: { kind: 'permission', resource: 'cases', action: 'events' },
      summary: 'The case’s timeline, oldest first',
      tag: 'cases',
      status: 200,
      answer: caseEventsAnswer,
    },
    async (req, res) => {
      res.json(await listEvents(ctx(req), String(req.params.id)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/cases/:id/events',
      access: { kind: 'permission', resource: 'cases', action: 'events' },
      summary: 'Add to the timeline: note, message_in, message_out, proposal (optional refundCents), decision',
      tag: 'cases',
      body: addEventSchema,
      status: 201,
      answer: caseEventAnswer,
      response: '409 closed case; 422 refund above the order’s amount',
    },
    async (req, res) => {
      res.status(201).json(await addEvent(ctx(req), String(req.params.id), parseBody(addEventSchema, req.body)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/cases/:id/evidence',
      access: { kind: 'permission', resource: 'cases', action: 'evidence' },
      summary: 'Upload an evidence file (multipart `file`: PDF, JPEG or PNG by content; optional field `note`)',
      tag: 'cases',
      multipart: true,
      status: 201,
      answer: caseEventAnswer,
      response: 'The evidence event; 409 closed case; 413; 415',
    },
    async (req, res) => {
      // The body is read (into memory, sniffed) first; nothing is stored until the case is checked (404, 409).
      const upload = await receiveUpload(req, res, { maxMb: config.maxUploadMb });
      res.status(201).json(await uploadEvidence(ctx(req), config.uploadsDir, String(req.params.id), upload));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/cases/:id/evidence/:fileId',
      access: { kind: 'permission', resource: 'cases', action: 'evidence' },
      summary: 'An evidence file of the case (mediators and admin only)',
      tag: 'cases',
      status: 200,
      answer: storedFileAnswer,
      response: 'The file, never as active content.',
    },
    async (req, res: Response) => {
      const file = await evidenceFile(ctx(req), config.uploadsDir, String(req.params.id), String(req.params.fileId));
      await sendStoredFile(res, config.uploadsDir, file, 'inline');
    },
  );

  api.add(
    {
      method: 'get',
      path: '/cases/:id/referral.pdf',
      access: { kind: 'permission', resource: 'cases', action: 'referral' },
      summary: 'The referral file for the consumer mediator (ANM): parties, order, written complaint date, deadlines, proposals, the exchanges and evidence — never internal notes (MED-8) — A4 PDF',
      tag: 'cases',
      status: 200,
      answer: pdfAnswer,
    },
    async (req, res) => {
      const data = await loadReferral(ctx(req), String(req.params.id));
      const now = clock.now();
      const pdf = await renderReferralPdf(data, new Date(Math.floor(now.getTime() / 1000) * 1000));
      res.set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="saisine-${String(data.case.reference).replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`,
        'Content-Length': String(pdf.length),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(pdf);
    },
  );
}
