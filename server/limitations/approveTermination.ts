/**
 * Another ops or admin account approves a requested termination (LIM-6, REF-9, four eyes):
 * the limitation becomes terminated, the partner's terms end — the engine only offers work
 * to active partners — and the partner is told.
 */
import { rawRow } from '../data/rawRow';
import type { Ctx } from '../context';
import { actedFirst } from '../data/actedFirst';
import { num, type Row } from '../data/rows';
import { staffId } from '../data/transaction';
import { transition } from '../data/transition';
import { AppError } from '../http/errors';
import { changeLimitation } from './changeLimitation';
import { writeOutbox } from './writeOutbox';

export function approveTermination(ctx: Ctx, rawId: string, note: string | undefined): Promise<Row> {
  return changeLimitation(ctx, rawId, note, {
    action: 'approve-termination',
    from: ['termination_pending'],
    to: 'terminated',
    label: 'Résiliation approuvée',
    check: (tx, before) => {
      const me = staffId(tx);
      if (before.terminationRequestedBy !== null && me !== null && num(before.terminationRequestedBy) === me) {
        throw AppError.invalidState(
          'Vous avez demandé cette résiliation : un autre membre de l’équipe (ops ou admin) doit l’approuver (principe des quatre yeux). / Another ops or admin account must approve a termination you requested.',
          { terminationRequestedBy: me },
          'four_eyes_required',
        );
      }
    },
    then: async (tx, before, after) => {
      const partnerId = num(before.partnerId);
      const partner = await rawRow(tx.trx, 'partners', partnerId);
      if (partner.status !== 'terminated') {
        await transition(tx, 'partners', partnerId, {
          from: [String(partner.status)],
          to: 'terminated',
          action: 'partners.terminate',
          lost: (t, status) => actedFirst(t.trx, 'partners', partnerId, { outcome: ` : le dossier est désormais « ${String(status)} »` }),
        });
      }
      await writeOutbox(tx, after, 'terminate');
    },
  });
}
