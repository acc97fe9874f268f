/** A mediator marks the case resolved (open | amicable → resolved); it answers the written complaint (MED-7). */
import type { Ctx } from '../context';
import type { Row } from '../data/rows';
import { changeCaseStatus } from './changeCaseStatus';

export function resolveCase(ctx: Ctx, rawId: string, body: { note?: string }): Promise<Row> {
  return changeCaseStatus(ctx, rawId, body.note, { action: 'resolve' });
}
