/** Staff roles (../shared/CONTRACT.md "Demo accounts"). */
export const ROLES = ['admin', 'support', 'ops', 'mediator', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
