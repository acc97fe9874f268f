/** A refund is charged to the case's order, and never beyond what the order cost. */
import type { OrdersRow } from '../data/tables';
import { formatEuros } from '../../shared/euros';
import { num, type Row } from '../data/rows';
import type { Tx } from '../data/transaction';
import { AppError } from '../http/errors';

/** What may still be refunded on the order: its price less the refunds already recorded. */
async function refundableCents(tx: Tx, orderId: number): Promise<{ priceCents: number; refundedCents: number; remaining: number; reference: string }> {
  const order = await tx.trx<OrdersRow>('orders').select('priceCents', 'reference').where('id', orderId).first();
  if (!order) throw AppError.validation(`Commande ${orderId} introuvable. / Unknown order.`, { fields: { orderId: 'unknown' } });
  const sum = (await tx.trx('payments').where({ orderId, kind: 'refund' }).sum({ total: 'amountCents' }).first()) as { total: number | string | null } | undefined;
  const refundedCents = num(sum?.total ?? 0) || 0;
  const priceCents = num(order.priceCents);
  return { priceCents, refundedCents, remaining: Math.max(0, priceCents - refundedCents), reference: String(order.reference) };
}

export async function assertRefundable(tx: Tx, c: Row, refundCents: number): Promise<void> {
  if (c.orderId === null || c.orderId === undefined) {
    throw AppError.validation('Un remboursement s’impute sur une commande : ce dossier n’en a pas. / A refund needs the case’s order.', { fields: { refundCents: 'no_order' } });
  }
  const money = await refundableCents(tx, num(c.orderId));
  if (refundCents > money.remaining) {
    throw AppError.validation(
      `Remboursement de ${formatEuros(refundCents)} impossible : la commande ${money.reference} coûte ${formatEuros(money.priceCents)}, dont ${formatEuros(money.refundedCents)} déjà remboursés — au plus ${formatEuros(money.remaining)}. / The refund exceeds what the order cost.`,
      { fields: { refundCents: 'too_much' }, maxRefundCents: money.remaining, priceCents: money.priceCents, refundedCents: money.refundedCents },
    );
  }
}
