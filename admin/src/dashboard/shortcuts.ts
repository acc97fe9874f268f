/**
 * The home page's shortcuts: the queues each role works through, as pre-filtered lists.
 * A shortcut shows when the role may list its resource (the permission table) and the
 * role is one it is meant for (so an admin is not buried under every team's queue).
 */
import { can, type Resource, type Role } from '../../../shared/permissions';
import { dayBoundaryIso, localDay } from '../common/format';

export interface Shortcut {
  key: string;
  resource: Resource;
  filter?: Record<string, unknown>;
  roles: readonly Role[];
}

export function shortcutsFor(role: Role | null | undefined, now: Date = new Date()): Shortcut[] {
  const today = localDay(now);
  const all: Shortcut[] = [
    { key: 'partnersToReview', resource: 'partners', filter: { status: 'applicant' }, roles: ['support', 'admin'] },
    { key: 'partnersInReview', resource: 'partners', filter: { status: 'in_review' }, roles: ['support', 'admin'] },
    { key: 'documentsPending', resource: 'documents', filter: { status: 'pending' }, roles: ['support', 'admin'] },
    { key: 'limitationsAwaitingReview', resource: 'limitations', filter: { status: 'awaiting_review' }, roles: ['ops', 'admin'] },
    { key: 'terminationsPending', resource: 'limitations', filter: { status: 'termination_pending' }, roles: ['ops', 'admin'] },
    { key: 'signalsOpen', resource: 'signals', filter: { status: 'open' }, roles: ['ops', 'admin'] },
    { key: 'casesOpen', resource: 'cases', filter: { status: 'open' }, roles: ['mediator', 'admin'] },
    { key: 'casesReferred', resource: 'cases', filter: { status: 'referred' }, roles: ['mediator'] },
    {
      key: 'ordersToday',
      resource: 'orders',
      filter: { startsAt_gte: dayBoundaryIso(today, 'start'), startsAt_lte: dayBoundaryIso(today, 'end'), status: 'accepted' },
      roles: ['coordinator'],
    },
    { key: 'ordersAccepted', resource: 'orders', filter: { status: 'accepted' }, roles: ['coordinator'] },
    { key: 'users', resource: 'users', roles: ['admin'] },
    { key: 'appTokens', resource: 'app-tokens', roles: ['admin'] },
    { key: 'auditLog', resource: 'audit-log', roles: ['admin', 'ops', 'support', 'mediator'] },
  ];
  if (!role) return [];
  return all.filter((s) => s.roles.includes(role) && can(role, s.resource, 'list'));
}

/** The list's URL with its filter, as react-admin reads it (`#/orders?filter={…}`). */
export function shortcutPath(shortcut: Shortcut): string {
  if (!shortcut.filter) return `/${shortcut.resource}`;
  return `/${shortcut.resource}?${new URLSearchParams({ filter: JSON.stringify(shortcut.filter) })}`;
}
