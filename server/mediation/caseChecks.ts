/** The checks several case operations make on what they are given (MED-6, MED-7). */
import type { UsersRow } from '../data/tables';
import { toBool, toDate, type Row } from '../data/rows';
import type { Tx } from '../data/transaction';
import { AppError } from '../http/errors';

export function assertNotFuture(tx: Tx, field: string, value: string | null | undefined): void {
  if (value && Date.parse(value) > tx.now.getTime()) {
    throw AppError.validation(`La date « ${field} » est dans le futur. / ${field} is in the future.`, { fields: { [field]: 'future' } });
  }
}

/** An active mediator or admin account (422 otherwise). */
export async function assertAssignable(tx: Tx, userId: number): Promise<void> {
  const user = await tx.trx<UsersRow>('users').select('id', 'role', 'active').where('id', userId).first();
  if (!user || !toBool(user.active) || !['mediator', 'admin'].includes(String(user.role))) {
    throw AppError.validation(`L’utilisateur ${userId} n’est pas un médiateur ou administrateur actif. / Cases are assigned to active mediators or admins.`, {
      fields: { assignedTo: 'not_a_mediator' },
    });
  }
}


/** The mediator's dates: the notification of the parties follows the reception of the complete file (MED-6). */
export function checkMediatorDates(before: Row, changes: Row): void {
  const merged = { ...before, ...changes };
  const t = (v: unknown) => (v === null || v === undefined ? null : toDate(v).getTime());
  const received = t(merged.mediatorReceivedAt);
  const notified = t(merged.mediatorNotifiedAt);
  if (received !== null && notified !== null && notified < received) {
    throw AppError.validation('La notification aux parties suit la réception du dossier complet (MED-6). / The notification follows the reception.', { fields: { mediatorNotifiedAt: 'before_reception' } });
  }
  if (received === null && notified !== null) {
    throw AppError.validation('Renseignez d’abord la réception du dossier par le médiateur. / Record the reception first.', { fields: { mediatorReceivedAt: 'required' } });
  }
}

/** Whether a stored instant and an input one are the same time (both absent counts as the same). */
export function sameInstant(a: unknown, b: string | null | undefined): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return toDate(a).getTime() === Date.parse(b);
}
