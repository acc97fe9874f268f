/** Whether I work on this file now (REF-9): it is in review and mine — or I am an admin, who may act on any. */
import { useGetIdentity } from 'react-admin';
import type { Verification } from './verificationTypes';

export function useWorksOnFile(verification: Pick<Verification, 'status' | 'assignedTo'>): boolean {
  const { identity } = useGetIdentity();
  const mine = identity !== undefined && verification.assignedTo !== null && String(verification.assignedTo) === String(identity.id);
  return verification.status === 'in_review' && (mine || identity?.role === 'admin');
}
