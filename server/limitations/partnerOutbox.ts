/** The messages sent to a partner about limitation decisions, newest first (GET /api/partners/{id}/outbox). */
import type { OutboxRow } from '../data/tables';
import { parseRowId } from '../data/parseRowId';
import type { Ctx } from '../context';
import { num, toDate, type Row } from '../data/rows';
import { AppError } from '../http/errors';

export async function partnerOutbox(ctx: Ctx, rawPartnerId: string): Promise<Row[]> {
  const partnerId = parseRowId(rawPartnerId, 'partners');
  const partner = await ctx.db('partners').select('id').where('id', partnerId).first();
  if (!partner) throw AppError.notFound('partners', rawPartnerId);
  const rows = await ctx.db<OutboxRow>('outbox').where('partnerId', partnerId).orderBy([{ column: 'createdAt', order: 'desc' }, { column: 'id', order: 'desc' }]);
  return rows.map((r) => ({
    id: num(r.id),
    partnerId: num(r.partnerId),
    limitationId: r.limitationId === null ? null : num(r.limitationId),
    kind: r.kind,
    channel: r.channel,
    subject: r.subject,
    body: r.body,
    createdAt: toDate(r.createdAt).toISOString(),
    sentAt: r.sentAt ? toDate(r.sentAt).toISOString() : null,
  }));
}
