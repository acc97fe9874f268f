/**
 * CLI-2: a client deletes their account. Personal data is anonymised — on the client row,
 * on the addresses their orders copied, and in the audit trail's copies of them — while the
 * orders and money lines stay for the accounting. Their pending requests and upcoming
 * appointments are cancelled (CLI-3) and their favourites forgotten. Deleting twice is 409.
 */
import type { AuditLogRow, OrdersRow } from '../../data/tables';
import type { Ctx } from '../../context';
import { searchTextOf } from '../../../shared/text';
import type { JsonObject } from '../../../shared/json';
import { EngineError } from './errors';
import { cancelOrderIn } from './orderLifecycle';
import { loadClient, orderView } from './repository';
import { rawRow } from '../../data/rawRow';
import { audit } from '../../data/audit';
import { chunks } from '../../data/bulk';
import { inTransaction, type Tx } from '../../data/transaction';
import { iso, num, type Row } from '../../data/rows';

/** What replaces a personal value in the audit trail. */
export const REDACTED = '[supprimé]';

/** The client's personal fields (CLI-2), anonymised on the row and redacted in the trail. */
export const CLIENT_PERSONAL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'address', 'lat', 'lng'] as const;
/** The personal fields an order copies from its client. */
export const ORDER_PERSONAL_FIELDS = ['address', 'lat', 'lng'] as const;

function redactJson(text: unknown, fields: readonly string[]): string | null {
  if (text === null || text === undefined) return null;
  const raw = String(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return raw;
  const obj = parsed as JsonObject;
  let changed = false;
  for (const f of fields) {
    if (f in obj && obj[f] !== null && obj[f] !== REDACTED) {
      obj[f] = REDACTED;
      changed = true;
    }
  }
  return changed ? JSON.stringify(obj) : raw;
}

/** Redacts `fields` in the before/after of the audit rows of (resource, ids). */
async function redactAudit(tx: Tx, resource: string, ids: readonly number[], fields: readonly string[]): Promise<number> {
  let count = 0;
  for (const part of chunks(ids.map(String))) {
    const rows = await tx.trx<AuditLogRow>('auditLog').select('id', 'before', 'after').where('resource', resource).whereIn('resourceId', part);
    for (const r of rows) {
      const before = redactJson(r.before, fields);
      const after = redactJson(r.after, fields);
      if (before !== (r.before ?? null) || after !== (r.after ?? null)) {
        await tx.trx('auditLog').where('id', num(r.id)).update({ before, after });
        count++;
      }
    }
  }
  return count;
}

function redactedCopy(row: Row, fields: readonly string[]): Row {
  const out: Row = { ...row };
  for (const f of fields) if (out[f] !== null && out[f] !== undefined) out[f] = REDACTED;
  return out;
}

export interface DeleteClientResult {
  client: Row;
  cancelledOrderIds: number[];
  redactedAuditRows: number;
}

export async function deleteClient(ctx: Ctx, clientId: number): Promise<DeleteClientResult> {
  return inTransaction(ctx, async (tx) => {
    const { raw, client } = await loadClient(tx, clientId, { lock: true });
    if (client.deletedAt) {
      throw EngineError.invalidState(`Le compte du client ${client.reference} est déjà supprimé (${iso(client.deletedAt)}). / This client account is already deleted.`, {
        deletedAt: iso(client.deletedAt),
      });
    }
    // CLI-3: pending requests and upcoming appointments are cancelled by the client.
    const open = await tx.trx<OrdersRow>('orders').where('clientId', clientId).whereIn('status', ['dispatching', 'accepted']).orderBy('id');
    const cancelledOrderIds: number[] = [];
    for (const o of open) {
      const order = orderView(o);
      if (order.status === 'accepted' && order.startsAt.getTime() <= tx.now.getTime()) continue; // already started: kept for the partner to close
      await cancelOrderIn(tx, order, 'client');
      cancelledOrderIds.push(order.id);
    }

    // rule ENG-10 *(assumed)*: anonymise the row (postcode and city stay: coarse, for statistics).
    await tx.trx('clients').where('id', clientId).update({
      firstName: 'Client',
      lastName: 'supprimé',
      email: null,
      phone: null,
      address: null,
      lat: null,
      lng: null,
      searchText: searchTextOf([client.reference]),
      deletedAt: iso(tx.now),
    });
    // The orders stay (accounting), without the home address they copied.
    const orderIds = (await tx.trx<OrdersRow>('orders').select('id').where('clientId', clientId)).map((r) => num(r.id));
    await tx.trx('orders').where('clientId', clientId).update({ address: null, lat: null, lng: null });
    await tx.trx('favourites').where('clientId', clientId).del();

    // The audit trail keeps who did what, not the person's data.
    let redacted = await redactAudit(tx, 'clients', [clientId], CLIENT_PERSONAL_FIELDS);
    redacted += await redactAudit(tx, 'orders', orderIds, ORDER_PERSONAL_FIELDS);

    const after = await rawRow(tx.trx, 'clients', clientId);
    await audit(tx, 'clients.delete', 'clients', clientId, redactedCopy(raw, CLIENT_PERSONAL_FIELDS), after);
    return { client: after, cancelledOrderIds, redactedAuditRows: redacted };
  });
}
