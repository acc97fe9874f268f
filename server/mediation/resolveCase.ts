/** A mediator marks the case resolved (open | amicable → resolved); it answers the written complaint (MED-7). */
import type { Ctx } from '../context';
import type { ApiRecord } from '../http/resource';
import { changeCaseStatus } from './changeCaseStatus';

export function resolveCase(ctx: Ctx, rawId: string, body: { note?: string }): Promise<ApiRecord> {
  return changeCaseStatus(ctx, rawId, body.note, { action: 'resolve' });
}
