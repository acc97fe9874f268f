/** The case an e-mail "à rattacher" quoted (the record's `suggestedCaseId`), and how to name it. */
import { useGetOne, useRecordContext } from 'react-admin';
import type { CaseRecord } from './caseTypes';

export function useSuggestedCase() {
  const record = useRecordContext<CaseRecord>();
  const id = record?.suggestedCaseId ?? null;
  const { data } = useGetOne<CaseRecord>('cases', { id: id ?? '' }, { enabled: id != null });
  return { record, id, reference: data?.reference ?? (id != null ? `#${id}` : '') };
}
