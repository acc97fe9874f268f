/**
 * The client ↔ partner links the apps write: favourites (CLI-4, proposed first — DSP-4) and
 * chat messages (CON-1: stored; detecting shared contact details is another issue's work).
 */
import type { FavouritesRow, OrdersRow, ProposalsRow } from '../../data/tables';
import type { Ctx } from '../../context';
import { EngineError } from './errors';
import { assertClientActive, loadClient, loadPartner } from './repository';
import { audit } from '../../data/audit';
import { inTransaction } from '../../data/transaction';
import { insertId } from '../../data/insertId';
import { iso, num, type Row } from '../../data/rows';

/** CLI-4: marks a partner as a client's favourite (idempotent: `created` is false the second time). */
export async function addFavourite(ctx: Ctx, input: { clientId: number; partnerId: number }): Promise<{ favourite: Row; created: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const { client } = await loadClient(tx, input.clientId);
    await loadPartner(tx, input.partnerId);
    assertClientActive(client);
    const existing = await tx.trx<FavouritesRow>('favourites').where({ clientId: client.id, partnerId: input.partnerId }).first();
    if (existing) return { favourite: existing, created: false };
    const favourite = { clientId: client.id, partnerId: input.partnerId, createdAt: iso(tx.now) };
    await tx.trx('favourites').insert(favourite);
    await audit(tx, 'favourites.create', 'favourites', `${client.id}:${input.partnerId}`, null, favourite);
    return { favourite, created: true };
  });
}

export interface MessageInput {
  clientId: number;
  partnerId: number;
  orderId?: number;
  sender: 'client' | 'partner';
  body: string;
}

/**
 * CON-1: a chat message between a client and a partner. Rule ENG-9 *(assumed)*: only between people an
 * order links (no cold contact: the client stays a platform client, and REV-6 — a review's
 * author cannot be contacted by other users); with `orderId`, that order must be theirs.
 */
export async function sendMessage(ctx: Ctx, input: MessageInput): Promise<Row> {
  return inTransaction(ctx, async (tx) => {
    const { client } = await loadClient(tx, input.clientId);
    await loadPartner(tx, input.partnerId);
    assertClientActive(client);
    if (input.orderId !== undefined) {
      const order = await tx.trx<OrdersRow>('orders').select('id', 'clientId', 'partnerId').where('id', input.orderId).first();
      if (!order) throw EngineError.notFound('Commande', input.orderId, 'Order');
      const partnerIds = new Set<number>();
      if (order.partnerId !== null) partnerIds.add(num(order.partnerId));
      // A partner who received a proposal for the order may write about it too.
      for (const p of (await tx.trx<ProposalsRow>('proposals').select('partnerId').where('orderId', input.orderId))) partnerIds.add(num(p.partnerId));
      if (num(order.clientId) !== client.id || !partnerIds.has(input.partnerId)) {
        throw EngineError.validation('Cette commande ne relie pas ce client et ce partenaire. / This order does not link this client and this partner.', { fields: { orderId: 'not between them' } });
      }
    } else {
      const link = await tx.trx('orders').first('id').where({ clientId: client.id, partnerId: input.partnerId });
      if (!link) {
        throw EngineError.invalidState('Aucune commande ne relie ce client et ce partenaire : la messagerie suit une réservation. / No order links this client and this partner.', {
          clientId: client.id,
          partnerId: input.partnerId,
        });
      }
    }
    const values = { clientId: client.id, partnerId: input.partnerId, orderId: input.orderId ?? null, sender: input.sender, body: input.body, createdAt: iso(tx.now) };
    const id = await insertId(tx.trx, 'messages', values);
    // The audit row records the fact, not the text (it may hold personal data).
    await audit(tx, 'messages.create', 'messages', id, null, { id, clientId: values.clientId, partnerId: values.partnerId, orderId: values.orderId, sender: values.sender, length: input.body.length, createdAt: values.createdAt });
    return { id, ...values };
  });
}
