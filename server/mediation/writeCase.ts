/**
 * Writes a case through the one conditional status change (server/data/transition.ts): the
 * status and version read must still be the case's, else 409 naming who acted first; the
 * deadlines are recomputed (shared/mediation/deadlines.ts, never here) and the audit row written.
 */
import { caseDeadlineColumns } from '../../shared/mediation/deadlines';
import { num, type Row } from '../data/rows';
import type { Tx } from '../data/transaction';
import { transition } from '../data/transition';
import { casesSpec } from './specs';
import type { ApiRecord } from '../http/resource';
import { caseConflict } from './caseRaces';

/** The deadline columns for a case row after `changes` (shared/mediation/deadlines.ts). */
export function withDeadlines(before: Row, changes: Row): Row {
  const merged = { ...before, ...changes };
  return {
    ...changes,
    ...caseDeadlineColumns({
      status: String(merged.status),
      writtenComplaintAt: (merged.writtenComplaintAt as string | Date | null) ?? null,
      answeredAt: (merged.answeredAt as string | Date | null) ?? null,
      mediatorReceivedAt: (merged.mediatorReceivedAt as string | Date | null) ?? null,
      mediatorNotifiedAt: (merged.mediatorNotifiedAt as string | Date | null) ?? null,
      outcomeExtensionDays: num(merged.outcomeExtensionDays ?? 0),
    }),
  };
}

export async function writeCase(tx: Tx, before: Row, changes: Row, action: string): Promise<ApiRecord> {
  const id = num(before.id);
  const columns = withDeadlines(before, changes);
  if ('description' in columns || 'reference' in columns) {
    columns.searchText = casesSpec.searchOf!({ ...before, ...columns });
  }
  return transition(tx, casesSpec, id, {
    from: [String(before.status)],
    version: before.version,
    set: columns,
    action,
    lost: (t, status) => caseConflict(t, id, status),
  });
}
