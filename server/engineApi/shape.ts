/** The Engine API's answers: rows in the resources' JSON shape (CONTRACT.md "Key fields"), and engine errors as AppErrors. */
import type { Row } from '../data/rows';
import { AppError } from '../http/errors';
import { mapRow } from '../http/resource';
import { clientsSpec, ordersSpec, proposalsSpec, reviewsSpec } from '../marketplace/specs';
import { EngineError } from '../engine/live/errors';

const instant = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export const shapeOrder = (row: Row) => mapRow(ordersSpec, row);
export const shapeProposal = (row: Row) => mapRow(proposalsSpec, row);
export const shapeReview = (row: Row) => mapRow(reviewsSpec, row);
export const shapeClient = (row: Row) => mapRow(clientsSpec, row);

export function shapeFavourite(row: Row) {
  return { clientId: Number(row.clientId), partnerId: Number(row.partnerId), createdAt: instant(row.createdAt) };
}

export function shapeMessage(row: Row) {
  return {
    id: Number(row.id),
    clientId: Number(row.clientId),
    partnerId: Number(row.partnerId),
    orderId: row.orderId === null || row.orderId === undefined ? null : Number(row.orderId),
    sender: row.sender,
    body: row.body,
    createdAt: instant(row.createdAt),
  };
}

export function toAppError(err: unknown): unknown {
  if (err instanceof EngineError) return new AppError(err.code, err.message, err.status, err.details);
  return err;
}
