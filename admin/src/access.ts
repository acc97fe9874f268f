/**
 * react-admin's access vocabulary → the shared permission table (shared/permissions.ts),
 * so that the console hides exactly what the server refuses.
 */
import { can, isRole, RESOURCES, seesInFull, type Resource, type Role } from '../../shared/permissions';

/**
 * react-admin asks with its own action names: `list`, `show`, `create`, `edit`,
 * `delete`, and also `export`, `clone` and `read` (field-level). The table knows
 * list/show/create/edit/delete plus custom action names, which pass through unchanged.
 */
export function toTableAction(action: string): string {
  switch (action) {
    case 'export':
      return 'list'; // an export is a list read, page after page
    case 'read':
      return 'show';
    case 'clone':
      return 'create';
    default:
      return action;
  }
}

function isResource(value: string): value is Resource {
  return (RESOURCES as readonly string[]).includes(value);
}

/**
 * Console pages that are not resources of the table, and the permission each one needs
 * (the verification workspace's views read partners' files, so reading any of them is
 * `partners:verification`).
 */
export const PAGE_PERMISSIONS: Record<string, readonly [Resource, string]> = {
  'verification-queue': ['partners', 'verification'],
  'verification-watch': ['partners', 'verification'],
  // The "to print" screen of intervention sheets prints orders' details: orders:sheets (coordinator, admin).
  sheets: ['orders', 'sheets'],
};

/**
 * `resource` is a resource name, or `resource.field` when react-admin (or a screen)
 * asks about a single field: then the resource must be readable and the field, if it is
 * a sensitive one, visible in full to the role.
 */
export function canAccessAs(role: Role | null | undefined, resource: string, action: string): boolean {
  const [name, field] = resource.split('.', 2) as [string, string | undefined];
  const page = PAGE_PERMISSIONS[name];
  if (page) return can(role, page[0], page[1]);
  if (!isResource(name)) return false;
  if (!can(role, name, toTableAction(action))) return false;
  return field === undefined || seesInFull(role, field);
}

export function asRole(value: unknown): Role | null {
  return isRole(value) ? value : null;
}
