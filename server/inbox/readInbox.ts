/**
 * GET /api/inbox: the home page of a staff member — per section meant for their role, the
 * counts of the lists they work through, each with the list's filter and its first rows.
 * A count shows only when the role may list its resource (shared/permissions.ts), so the
 * inbox never tells a role how many records it could not open.
 */
import { can, type Role } from '../../shared/permissions';
import { parisDate } from '../../shared/calendar/paris';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import type { Inbox, InboxItem } from '../../shared/inbox';
import { readInboxItem, type InboxMoment } from './inboxItem';
import type { InboxSectionDef } from './inboxSection';
import { coordinatorInbox } from './coordinatorInbox';
import { engineInbox } from './engineInbox';
import { mediatorInbox } from './mediatorInbox';
import { opsInbox } from './opsInbox';
import { supportInbox } from './supportInbox';

/** In the order the home page shows them: the role's own work first, the engine's health last. */
export const INBOX_SECTIONS: readonly InboxSectionDef[] = [supportInbox, opsInbox, mediatorInbox, coordinatorInbox, engineInbox];



export async function readInbox(ctx: Ctx): Promise<Inbox> {
  if (ctx.actor?.kind !== 'staff') throw AppError.notAuthenticated();
  const { role, id } = ctx.actor;
  const now = ctx.clock.now();
  const moment: InboxMoment = { userId: id, now, today: parisDate(now) };
  const sections: Inbox['sections'] = [];
  for (const section of INBOX_SECTIONS) {
    if (!section.roles.includes(role)) continue;
    const defs = section.items(moment).filter((d) => can(role, d.spec.name, 'list'));
    // One count at a time: SQLite serialises them anyway, and PostgreSQL's pool stays free for the lists.
    const items: InboxItem[] = [];
    for (const def of defs) items.push(await readInboxItem(ctx.db, def));
    if (items.length) sections.push({ key: section.key, items });
  }
  return { today: moment.today, sections };
}
