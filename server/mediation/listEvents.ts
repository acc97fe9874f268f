/** GET /api/cases/{id}/events: the case's timeline, oldest first, masked for the reader's role. */
import { maskFreeText } from '../../shared/permissions';
import type { Ctx } from '../context';
import { getOne } from '../data/getOne';
import type { Row } from '../data/rows';
import { casesSpec } from './specs';
import { caseIdOf } from './loadCase';
import { EVENT_COLUMNS, eventShape } from './timeline';

export async function listEvents(ctx: Ctx, rawId: string): Promise<Row[]> {
  const id = caseIdOf(rawId);
  await getOne(ctx.db, casesSpec, String(id));
  const rows = (await ctx.db('caseEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .select(EVENT_COLUMNS)
    .where('e.caseId', id)
    .orderBy([{ column: 'e.at', order: 'asc' }, { column: 'e.id', order: 'asc' }])) as Row[];
  // A client's mail can quote a card number or an IBAN: the timeline shows it as the reader's
  // role would see it anywhere else (the same rule as the audit trail).
  return rows.map(eventShape).map((e) => (typeof e.body === 'string' ? { ...e, body: maskFreeText(ctx.actor?.kind === 'staff' ? ctx.actor.role : null, e.body) } : e));
}
