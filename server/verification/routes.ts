/**
 * The verification workspace's HTTP routes (CONTRACT.md "Actions → Partners and
 * documents"; support and admin): partner records, documents (upload, file, facts,
 * approve, reject), the checklist, interview and skills test, take / release / approve /
 * refuse / reopen, the queue, the watch view (REF-8), number checks and the registry.
 * Thin: parse, call one operation, shape the answer.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { VALIDATION_KINDS, validate } from '../../shared/validators';
import type { ApiRouter } from '../http/apiRouter';
import { parseBody, parsePutBody } from '../http/crud';
import type { Ctx, RouteDeps } from '../context';
import { listPageHeaders } from '../http/listQuery';
import { remarksInLanguage } from '../http/messageLanguage';
import { requestLanguage } from '../auth/language';
import { cachedAnswer } from '../http/readCache';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from './specs';
import { createRegistry } from '../registry';
import type { Registry } from '../registry/types';
import { receiveUpload } from '../uploads/receiveUpload';
import { sendStoredFile } from '../uploads/sendFile';
import { createCheckSchema, recordCheck } from './recordCheck';
import { updateCheck } from './updateCheck';
import { updateCheckSchema } from './checkFields';
import { takePartner } from './takePartner';
import { takeNextPartner } from './takeNextPartner';
import { releasePartner } from './releasePartner';
import { approvePartner } from './approvePartner';
import { refusePartner, refuseSchema } from './refusePartner';
import { reopenPartner } from './reopenPartner';
import { assertPartnerAcceptsUploads, uploadDocument } from './uploadDocument';
import { documentFactsSchema } from './documentFacts';
import { updateDocumentFacts } from './updateDocumentFacts';
import { approveDocument } from './approveDocument';
import { rejectDocument, rejectSchema } from './rejectDocument';
import { storedDocument } from './storedDocument';
import { sweepVerification } from './fileStatus';
import { createApplicant, createPartnerSchema } from './createApplicant';
import { updatePartner } from './updatePartner';
import { updatePartnerSchema } from './partnerFields';
import { lookupSiren } from './registryCheck';
import { getVerification, listQueue, watchList, watchQuerySchema } from './workspace';
import { listParamsQuery, storedFileAnswer } from '../http/answers';
import * as answers from './answers';

export const validateSchema = z.strictObject({
  kind: z.enum(VALIDATION_KINDS),
  value: z.string().max(200),
});

const approveDocumentSchema = documentFactsSchema
  .partial()
  .extend({
    /** REF-5: a RIB whose IBAN differs from the partner's is approved only if the partner's IBAN becomes the RIB's. */
    updatePartnerIban: z.boolean().optional(),
  })
  .strict();

/**
 * Every table the checklist and the queue read (repository.ts, workspace.ts, registryCheck.ts):
 * their answers are kept on SQLite while none of these is written (server/http/readCache.ts).
 * A new table read there must be added here.
 */
const VERIFICATION_TABLES = ['partners', 'partnerServices', 'services', 'documents', 'partnerChecks', 'registryLookups', 'registryFixtures', 'users'] as const;

/** What else an answer depends on: the URL (id, query) and the caller (names, "you"). */
function answerKey(req: Request): string {
  const who = req.actor?.kind === 'staff' ? `${req.actor.id}:${req.actor.role}` : 'app';
  return `${who} ${req.originalUrl}`;
}

export function registerVerificationRoutes(api: ApiRouter, deps: RouteDeps & { registry?: Registry }): void {
  const { db, clock, config } = deps;
  const registry = deps.registry ?? createRegistry(config, db);
  const ctx = (req: Request): Ctx => ({ db, clock, actor: req.actor });
  const perm = (resource: 'partners' | 'documents', action: string) => ({ kind: 'permission' as const, resource, action });

  // --- partner records -----------------------------------------------------
  api.add(
    { method: 'post', path: '/partners', access: perm('partners', 'create'), summary: 'Create an applicant partner (REF-1); the file enters the queue', tag: 'partners', body: createPartnerSchema, status: 201, answer: answers.partnerAnswer },
    async (req, res) => {
      res.status(201).json(await createApplicant(ctx(req), parseBody(createPartnerSchema, req.body)));
    },
  );
  api.add(
    { method: 'put', path: '/partners/:id', access: perm('partners', 'edit'), summary: "Edit a partner's details (statuses change only through actions)", tag: 'partners', body: updatePartnerSchema, status: 200, answer: answers.partnerAnswer },
    async (req, res) => {
      res.json(await updatePartner(ctx(req), String(req.params.id), parsePutBody(partnersSpec, updatePartnerSchema, req.body), { registry }));
    },
  );

  // --- number checks and registry ---------------------------------------------
  api.add(
    {
      method: 'post',
      path: '/validate',
      access: perm('partners', 'validate'),
      summary: 'Check a SIREN, SIRET, VAT number or IBAN (REF-1, REF-2): {valid, normalized|reason}',
      tag: 'verification',
      body: validateSchema,
      status: 200,
      answer: answers.validationAnswer,
    },
    (req, res) => {
      const { kind, value } = parseBody(validateSchema, req.body);
      res.json(remarksInLanguage(validate(kind, value), requestLanguage(req)));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/registry/siren/:siren',
      access: perm('partners', 'registry'),
      summary: 'Look a SIREN up in the SIRENE registry (REF-2): name, active, NAF code, legal category, diffusion',
      tag: 'verification',
      status: 200,
      answer: answers.registryAnswer,
    },
    async (req, res) => {
      res.json(await lookupSiren(db, registry, String(req.params.siren), clock.now()));
    },
  );

  // --- queue and watch ------------------------------------------------------------
  api.add(
    {
      method: 'get',
      path: '/verification-queue',
      access: perm('partners', 'verification'),
      summary: 'Files waiting for review (applicant) or under review, oldest first, with waitingSince and what is missing (REF-9)',
      tag: 'verification',
      query: listParamsQuery,
      status: 200,
      answer: answers.queueAnswer,
      response: 'A list in the ra-data-simple-rest dialect (sort, range, filter on the queue’s columns), with Content-Range.',
    },
    async (req, res) => {
      const result = await cachedAnswer(db, answerKey(req), VERIFICATION_TABLES, () => listQueue(ctx(req), req.query));
      res.set(listPageHeaders('verification-queue', result)).json(result.rows);
    },
  );
  api.add(
    {
      method: 'post',
      path: '/verification-queue/next',
      access: perm('partners', 'take'),
      summary: 'Take the file that has waited longest (→ in_review, assigned to the caller); 404 when the queue is empty',
      tag: 'verification',
      status: 200,
      answer: answers.partnerAnswer,
    },
    async (req, res) => {
      res.json(await takeNextPartner(ctx(req)));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/verification-watch',
      access: perm('partners', 'verification'),
      summary: 'REF-8: documents of active partners expiring within ?days= (default 30) or expired, and active partners whose file is incomplete',
      tag: 'verification',
      query: watchQuerySchema,
      status: 200,
      answer: answers.watchAnswer,
    },
    async (req, res) => {
      res.json(await watchList(ctx(req), req.query));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/verification-watch/sweep',
      access: perm('partners', 'sweep'),
      summary: 'REF-8: mark expired documents and flag / unflag incomplete active files now (the server also runs it hourly)',
      tag: 'verification',
      status: 200,
      answer: answers.sweepAnswer,
    },
    async (req, res) => {
      res.json(await sweepVerification(ctx(req)));
    },
  );

  // --- one partner's file -----------------------------------------------------------
  api.add(
    {
      method: 'get',
      path: '/partners/:id/verification',
      access: perm('partners', 'verification'),
      summary: "The partner's checklist (REF-1…REF-8): {complete, items: [{requirement, rule, status, documentId?, warning?}], …}",
      tag: 'verification',
      status: 200,
      answer: answers.verificationAnswer,
    },
    async (req, res) => {
      const answer = await cachedAnswer(db, answerKey(req), VERIFICATION_TABLES, () => getVerification(ctx(req), registry, String(req.params.id)));
      res.json(remarksInLanguage(answer, requestLanguage(req)));
    },
  );
  for (const [action, summary, run] of [
    ['take', 'Take the file: applicant → in_review, assigned to the caller (REF-9); 409 conflict when another agent has it', (c: Ctx, id: string) => takePartner(c, id)],
    ['release', 'Give the file back to the queue: in_review → applicant', (c: Ctx, id: string) => releasePartner(c, id)],
    ['approve', 'Approve: in_review → active, only with a complete checklist (409 checklist_incomplete with details.missing)', (c: Ctx, id: string) => approvePartner(c, registry, id)],
    ['reopen', 'Admin: reopen a refused file (→ in_review, REF-9)', (c: Ctx, id: string) => reopenPartner(c, id)],
  ] as const) {
    api.add({ method: 'post', path: `/partners/:id/${action}`, access: perm('partners', action), summary, tag: 'verification', status: 200, answer: answers.partnerAnswer }, async (req, res) => {
      res.json(await run(ctx(req), String(req.params.id)));
    });
  }
  api.add(
    { method: 'post', path: '/partners/:id/refuse', access: perm('partners', 'refuse'), summary: 'Refuse: in_review → refused, with an internal reason (REF-7)', tag: 'verification', body: refuseSchema, status: 200, answer: answers.partnerAnswer },
    async (req, res) => {
      res.json(await refusePartner(ctx(req), String(req.params.id), parseBody(refuseSchema, req.body)));
    },
  );
  api.add(
    { method: 'post', path: '/partners/:id/checks', access: perm('partners', 'checks'), summary: 'Schedule or record the phone interview / skills test (REF-6)', tag: 'verification', body: createCheckSchema, status: 201, answer: answers.checkAnswer },
    async (req, res) => {
      res.status(201).json(await recordCheck(ctx(req), String(req.params.id), parseBody(createCheckSchema, req.body)));
    },
  );
  api.add(
    {
      method: 'put',
      path: '/partners/:id/checks/:checkId',
      access: perm('partners', 'checks'),
      summary: 'Record the outcome of an interview / skills test, or edit it (REF-6)',
      tag: 'verification',
      body: updateCheckSchema,
      status: 200,
      answer: answers.checkAnswer,
    },
    async (req, res) => {
      res.json(await updateCheck(ctx(req), String(req.params.id), String(req.params.checkId), parseBody(updateCheckSchema, req.body)));
    },
  );

  // --- documents ---------------------------------------------------------------------
  api.add(
    {
      method: 'post',
      path: '/partners/:id/documents',
      access: perm('documents', 'create'),
      summary: 'Upload a document: multipart `file` (PDF/JPEG/PNG by content, ≤ MAX_UPLOAD_MB) and `type`, optional issuedAt, expiresAt and facts → 201',
      tag: 'documents',
      multipart: true,
      status: 201,
      answer: answers.documentAnswer,
    },
    async (req, res) => {
      const c = ctx(req);
      // The body is read (into memory, sniffed) before anything else, and nothing is stored until every check passed.
      const upload = await receiveUpload(req, res, { maxMb: config.maxUploadMb });
      const partner = await assertPartnerAcceptsUploads(c, String(req.params.id));
      res.status(201).json(await uploadDocument(c, config.uploadsDir, partner, upload));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/documents/:id/file',
      access: perm('documents', 'file'),
      summary: 'The stored file (inline, nosniff, sandboxed), for support and admin',
      tag: 'documents',
      status: 200,
      answer: storedFileAnswer,
    },
    async (req, res) => {
      const file = await storedDocument(ctx(req), String(req.params.id));
      // Checked before any header is set: a row whose file is absent (or whose stored name is not one we generate) is a clean 404.
      await sendStoredFile(res, config.uploadsDir, file, 'inline');
    },
  );
  api.add(
    { method: 'put', path: '/documents/:id', access: perm('documents', 'edit'), summary: "Record a document's facts (dates, diploma, work authorisation, RIB holder and IBAN)", tag: 'documents', body: documentFactsSchema, status: 200, answer: answers.documentAnswer },
    async (req, res) => {
      res.json(await updateDocumentFacts(ctx(req), String(req.params.id), parsePutBody(documentsSpec, documentFactsSchema, req.body)));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/documents/:id/approve',
      access: perm('documents', 'approve'),
      summary: "Approve a pending document; optional facts in the body; 422 with details.missingFacts when a required fact is not recorded; for a RIB whose IBAN differs from the partner's, 422 with details.reason iban_mismatch (both IBANs masked) unless updatePartnerIban: true, which makes the RIB's IBAN the partner's in the same transaction",
      tag: 'documents',
      body: approveDocumentSchema,
      status: 200,
      answer: answers.documentAnswer,
    },
    async (req, res) => {
      res.json(await approveDocument(ctx(req), String(req.params.id), parseBody(approveDocumentSchema, req.body ?? {})));
    },
  );
  api.add(
    { method: 'post', path: '/documents/:id/reject', access: perm('documents', 'reject'), summary: 'Reject a document with a reason', tag: 'documents', body: rejectSchema, status: 200, answer: answers.documentAnswer },
    async (req, res) => {
      res.json(await rejectDocument(ctx(req), String(req.params.id), parseBody(rejectSchema, req.body)));
    },
  );
}
