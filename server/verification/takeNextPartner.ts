/**
 * An agent takes the file that has waited longest in the verification queue (REF-9);
 * a file another agent takes first is skipped for the next one.
 */
import type { Row } from '../data/rows';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { takePartner } from './takePartner';

/**
 * POST /api/verification-queue/next: takes the file that has waited longest. When another
 * agent takes it first, the next one is tried; 404 when nothing is waiting.
 */
export async function takeNextPartner(ctx: Ctx): Promise<Row> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = await ctx.db('partners')
      .select('id')
      .where('status', 'applicant')
      .orderByRaw('COALESCE(??, ??) ASC', ['reviewRequestedAt', 'createdAt'])
      .orderBy('id', 'asc')
      .first();
    if (!next) throw new AppError('not_found', 'Aucun dossier en attente dans la file. / The queue is empty.', 404);
    try {
      return await takePartner(ctx, Number(next.id));
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') continue;
      throw err;
    }
  }
  throw AppError.conflict('La file change trop vite : réessayez. / The queue is busy, try again.');
}
