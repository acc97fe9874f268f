import type { ReactNode } from 'react';
import { CanAccess } from 'react-admin';

/**
 * A section shown only to the roles that may read it (e.g. payments, documents), usable
 * directly inside SimpleShowLayout / TabbedShowLayout: pass `label={false}` so that those
 * layouts do not add an empty label row of their own (they read the child's props).
 */
export function Restricted({
  resource,
  action = 'list',
  children,
}: {
  resource: string;
  action?: string;
  children: ReactNode;
  label?: false;
}) {
  return (
    <CanAccess resource={resource} action={action}>
      {children}
    </CanAccess>
  );
}
