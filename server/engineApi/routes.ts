/**
 * The Engine API for the client and partner apps (CONTRACT.md "Engine API"): bearer app
 * tokens only (`access: {kind: 'app'}` — a staff session is 401), thin routes — parse with
 * zod, call one live-engine operation, shape the answer — plus the admin's bulk score
 * recompute (permission partners:recompute).
 */
import { parseRowId } from '../data/parseRowId';
import type { Request } from 'express';
import type { z } from 'zod';
import type { RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { parseBody } from '../http/crud';
import { AppError } from '../http/errors';
import * as live from '../engine/live';
import * as answers from './answers';
import { shapeClient, shapeFavourite, shapeMessage, shapeOrder, shapeProposal, shapeReview, toAppError } from './shape';
import {
  answerSchema,
  cancelSchema,
  createOrderSchema,
  createReviewSchema,
  editReviewSchema,
  emptySchema,
  favouriteSchema,
  messageSchema,
  slotAnswerSchema,
} from './schemas';

const TAG = 'engine';
const app = { kind: 'app' } as const;

/** A path id: digits only, else 404 (like the REST resources). */
function pathId(req: Request, what: string): number {
  return parseRowId(String(req.params.id ?? ''), what);
}

/** Actions without parameters accept no body or `{}`; anything else is a 400. */
function noBody(body: unknown): void {
  if (body === undefined || body === null) return;
  parseBody(emptySchema, body);
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  return parseBody(schema, body ?? {}, 'la requête / the request');
}

/** Runs an engine operation, turning its EngineError into the contract's AppError. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAppError(err);
  }
}

export function registerEngineApiRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  const ctx = (req: Request) => ({ db, clock, actor: req.actor });

  api.add(
    { method: 'post', path: '/engine/orders', access: app, summary: 'Create an order (DSP-2: at least 2 h ahead) and send its first proposal (DSP-4)', tag: TAG, body: createOrderSchema, status: 201, answer: answers.orderCreatedAnswer, response: '201 {order, proposal}.' },
    async (req, res) => {
      const input = parse(createOrderSchema, req.body);
      const out = await call(() => live.createOrder(ctx(req), input));
      res.status(201).json({ order: shapeOrder(out.order), proposal: out.proposal && shapeProposal(out.proposal) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/orders/:id/cancel', access: app, summary: 'Cancel an order, by the client (CLI-3) or the partner (SCO-4)', tag: TAG, body: cancelSchema, status: 200, answer: answers.orderAnswer, response: '{order}.' },
    async (req, res) => {
      const id = pathId(req, 'orders');
      const input = parse(cancelSchema, req.body);
      res.json({ order: shapeOrder(await call(() => live.cancelOrder(ctx(req), id, input))) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/orders/:id/complete', access: app, summary: 'Mark an accepted session completed (SCO, PAY-3)', tag: TAG, status: 200, answer: answers.orderAnswer, response: '{order}.' },
    async (req, res) => {
      const id = pathId(req, 'orders');
      noBody(req.body);
      res.json({ order: shapeOrder(await call(() => live.completeOrder(ctx(req), id))) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/orders/:id/no-show', access: app, summary: 'Record a partner no-show (SCO-4)', tag: TAG, status: 200, answer: answers.orderAnswer, response: '{order}.' },
    async (req, res) => {
      const id = pathId(req, 'orders');
      noBody(req.body);
      res.json({ order: shapeOrder(await call(() => live.markNoShow(ctx(req), id))) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/proposals/:id/answer', access: app, summary: 'A partner answers a proposal: accept, decline or other_slot (DSP-3, DSP-6, DSP-12)', tag: TAG, body: answerSchema, status: 200, answer: answers.proposalAnswer, response: '{proposal, order, nextProposal}.' },
    async (req, res) => {
      const id = pathId(req, 'proposals');
      const input = parse(answerSchema, req.body);
      const out = await call(() => live.answerProposal(ctx(req), id, input));
      res.json({ proposal: shapeProposal(out.proposal), order: shapeOrder(out.order), nextProposal: out.nextProposal && shapeProposal(out.nextProposal) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/proposals/:id/slot-answer', access: app, summary: 'The client answers another slot proposed by a partner (DSP-12)', tag: TAG, body: slotAnswerSchema, status: 200, answer: answers.proposalAnswer, response: '{proposal, order, nextProposal}.' },
    async (req, res) => {
      const id = pathId(req, 'proposals');
      const input = parse(slotAnswerSchema, req.body);
      const out = await call(() => live.answerOtherSlot(ctx(req), id, input));
      res.json({ proposal: shapeProposal(out.proposal), order: shapeOrder(out.order), nextProposal: out.nextProposal && shapeProposal(out.nextProposal) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/reviews', access: app, summary: 'A client reviews a completed session (REV-2, REV-5, REV-7, REV-8)', tag: TAG, body: createReviewSchema, status: 201, answer: answers.reviewAnswer, response: '201 {review}.' },
    async (req, res) => {
      const input = parse(createReviewSchema, req.body);
      res.status(201).json({ review: shapeReview(await call(() => live.createReview(ctx(req), input))) });
    },
  );

  api.add(
    { method: 'put', path: '/engine/reviews/:id', access: app, summary: 'The author edits their review (REV-6; REV-2 applies from the edit)', tag: TAG, body: editReviewSchema, status: 200, answer: answers.reviewAnswer, response: '{review}.' },
    async (req, res) => {
      const id = pathId(req, 'reviews');
      const input = parse(editReviewSchema, req.body);
      res.json({ review: shapeReview(await call(() => live.editReview(ctx(req), id, input))) });
    },
  );

  api.add(
    { method: 'post', path: '/engine/favourites', access: app, summary: 'A client marks a partner as a favourite (CLI-4, DSP-4)', tag: TAG, body: favouriteSchema, status: [201, 200], answer: answers.favouriteAnswer, response: '201 {favourite} (200 when it already was).' },
    async (req, res) => {
      const input = parse(favouriteSchema, req.body);
      const out = await call(() => live.addFavourite(ctx(req), input));
      res.status(out.created ? 201 : 200).json({ favourite: shapeFavourite(out.favourite), created: out.created });
    },
  );

  api.add(
    { method: 'post', path: '/engine/messages', access: app, summary: 'A chat message between a client and a partner an order links (CON-1)', tag: TAG, body: messageSchema, status: 201, answer: answers.messageAnswer, response: '201 {message}.' },
    async (req, res) => {
      const input = parse(messageSchema, req.body);
      res.status(201).json({ message: shapeMessage(await call(() => live.sendMessage(ctx(req), input))) });
    },
  );

  api.add(
    { method: 'delete', path: '/engine/clients/:id', access: app, summary: 'A client deletes their account: personal data anonymised, orders and payments kept (CLI-2)', tag: TAG, status: 200, answer: answers.clientDeletedAnswer, response: '{client, cancelledOrderIds}; 409 when already deleted.' },
    async (req, res) => {
      const id = pathId(req, 'clients');
      noBody(req.body);
      const out = await call(() => live.deleteClient(ctx(req), id));
      res.json({ client: shapeClient(out.client), cancelledOrderIds: out.cancelledOrderIds });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/engine/recompute-scores',
      access: { kind: 'permission', resource: 'partners', action: 'recompute' },
      summary: 'Recompute every active partner’s score now (SCO-1..8, SCO-6 platform mean)',
      tag: TAG,
      status: 200,
      answer: answers.recomputeAnswer,
    },
    async (req, res) => {
      noBody(req.body);
      res.json(await call(() => live.recomputeAllScores(ctx(req))));
    },
  );
}
