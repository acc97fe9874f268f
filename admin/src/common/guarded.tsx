/**
 * Page guards: a page a role may not open shows "access denied" without asking the
 * server for its data. react-admin's own controllers check `canAccess` too, but they
 * start the data request in parallel, so a typed-in URL would still cost a 403 (and a
 * console error) — the menu already hides such pages, this covers links and bookmarks.
 */
import type { ComponentType } from 'react';
import { AccessDenied, useCanAccess } from 'react-admin';

export function guarded(action: string, View: ComponentType): ComponentType {
  function Guarded() {
    const { canAccess, isPending } = useCanAccess({ action });
    if (isPending) return null;
    return canAccess ? <View /> : <AccessDenied />;
  }
  Guarded.displayName = `Guarded(${action})`;
  return Guarded;
}

/** A page outside the resources (access.ts PAGE_PERMISSIONS), guarded the same way. */
export function guardedPage(page: string, View: ComponentType): ComponentType {
  function GuardedPage() {
    const { canAccess, isPending } = useCanAccess({ resource: page, action: 'list' });
    if (isPending) return null;
    return canAccess ? <View /> : <AccessDenied />;
  }
  GuardedPage.displayName = `GuardedPage(${page})`;
  return GuardedPage;
}

interface ResourceViews {
  list?: ComponentType;
  show?: ComponentType;
  edit?: ComponentType;
  create?: ComponentType;
}

/** The same resource definition with each page guarded by its own action. */
export function withAccessGuards<T extends ResourceViews>(definition: T): T {
  const out: T = { ...definition };
  for (const action of ['list', 'show', 'edit', 'create'] as const) {
    const View = definition[action];
    if (View) out[action] = guarded(action, View) as T[typeof action];
  }
  return out;
}
