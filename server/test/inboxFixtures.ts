/** Work for the ops and mediator inboxes, which the small test demo leaves empty (server/test/inbox.test.ts, admin/e2e/inbox.e2e.ts). */
import type { Knex } from 'knex';
import type { CasesRow } from '../data/tables';

/**
 * The small demo has no limitation, signal or case: a few of each, on both sides of every
 * boundary the inbox counts (statuses, overdue or not, within the week or after it).
 */
export async function seedQueues(db: Knex, at0: Date): Promise<void> {
  const now = at0.getTime();
  const at = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
  const partners = ((await db('partners').select('id').where('status', 'active').orderBy('id').limit(6)) as { id: number }[]).map((p) => Number(p.id));
  const ops = Number(((await db('users').select('id').where('email', 'ops@demo.test').first()) as { id: number }).id);
  const limitation = (partnerId: number, status: string, endsHours: number) => ({
    partnerId, kind: 'manual', reason: 'aggressive_to_clients', modality: 'reduced', startsAt: at(-24 * 20), endsAt: at(endsHours),
    status, evidence: '[]', createdBy: ops, terminationRequestedBy: status === 'termination_pending' ? ops : null, createdAt: at(-24 * 20), updatedAt: at(-1),
  });
  await db('limitations').insert([
    limitation(partners[0]!, 'awaiting_review', -5),
    limitation(partners[1]!, 'awaiting_review', -30),
    limitation(partners[2]!, 'awaiting_review', -2),
    limitation(partners[3]!, 'termination_pending', -48),
    limitation(partners[4]!, 'active', 24 * 5),
    limitation(partners[5]!, 'lifted', -24),
  ]);
  const signal = (partnerId: number, status: string, hours: number) => ({ partnerId, source: 'staff', reason: 'other', status, evidence: '[]', createdBy: ops, createdAt: at(hours) });
  await db('signals').insert([signal(partners[0]!, 'open', -3), signal(partners[1]!, 'open', -10), signal(partners[2]!, 'dismissed', -4)]);
  let n = 0;
  const kase = (status: string, nextDueHours: number | null, extra: Partial<CasesRow> = {}) => ({
    reference: `M9${String(++n).padStart(5, '0')}`, category: 'quality', status, createdAt: at(-24 * 10 + n), updatedAt: at(-1),
    nextDueAt: nextDueHours === null ? null : at(nextDueHours), nextDueKind: nextDueHours === null ? null : 'answer', ...extra,
  });
  const [first] = (await db('cases').insert(kase('open', -30)).returning('id')) as { id: number }[];
  await db('cases').insert([
    kase('open', -1),
    kase('amicable', 2),
    kase('open', 24 * 3),
    kase('referred', 24 * 6 + 10),
    kase('open', 24 * 30),
    kase('open', null, { suggestedCaseId: Number(first!.id) }),
    kase('closed', null, { suggestedCaseId: Number(first!.id) }),
  ]);
}
